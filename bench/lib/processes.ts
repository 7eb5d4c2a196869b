// Child processes as the bench measures them: memory from /proc (Linux), and
// a command run to its end with its wall time and peak resident memory.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from './workspace.ts';

const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in MB (VmHWM: peak resident set; VmRSS: now); undefined when unreadable. */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? (Number(match[1]) * 1024) / MB : undefined;
  } catch {
    return undefined;
  }
}

export const peakRssMb = (pid: number): number | undefined => statusMb(pid, 'VmHWM');
export const rssMb = (pid: number): number | undefined => statusMb(pid, 'VmRSS');

/** GNU time reports a finished child's peak exactly (from wait4's rusage); without it, /proc is sampled. */
const GNU_TIME = '/usr/bin/time';
const SAMPLE_MS = 50;

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallSeconds: number;
  readonly peakRssMb: number | undefined;
  /** How the peak was taken. */
  readonly peakFrom: 'rusage' | 'sampled /proc' | 'none';
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Lines the command writes to stderr as they come (progress), besides keeping them. */
  readonly onStderr?: (text: string) => void;
}

/** Runs a command to its end, in a process group of its own (so the workspace can stop all of it). */
export function runToEnd(workspace: Workspace, command: readonly string[], options: RunOptions): Promise<Finished> {
  const useTime = existsSync(GNU_TIME);
  const peakFile = join(workspace.dir, `peak-${process.hrtime.bigint()}.txt`);
  const [file, ...args] = useTime ? [GNU_TIME, '-f', '%M', '-o', peakFile, ...command] : command;
  const started = performance.now();
  const child = spawn(file!, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  workspace.track(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    options.onStderr?.(chunk.toString());
  });
  let sampled: number | undefined;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        sampled = child.pid === undefined ? sampled : (peakRssMb(child.pid) ?? sampled);
      }, SAMPLE_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, options.timeoutMs);

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      const wallSeconds = (performance.now() - started) / 1000;
      let peak = sampled;
      if (useTime && existsSync(peakFile)) {
        // GNU time writes "Command exited with non-zero status N" before the figure when the command failed.
        const kb = Number(readFileSync(peakFile, 'utf8').trim().split('\n').pop());
        peak = Number.isFinite(kb) && kb > 0 ? (kb * 1024) / MB : undefined;
      }
      resolve({
        code,
        stdout,
        stderr,
        wallSeconds,
        peakRssMb: peak,
        peakFrom: peak === undefined ? 'none' : useTime ? 'rusage' : 'sampled /proc',
        timedOut,
      });
    });
  });
}
