// The app as an operator runs it: package.json's start script as a child
// process on a free loopback port, ready once /healthz answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A start script's command line (`start`, or `start:prod` for the built server), read from package.json so the tests run exactly that. */
function startCommand(script: 'start' | 'start:prod'): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const line = pkg.scripts[script] ?? '';
  const [command, ...args] = line.split(' ');
  if (command !== 'node') throw new Error(`the ${script} script no longer runs node: ${line}`);
  return args;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the app with only this environment (and PATH); fails with its output when it does not come up. */
export async function startServerProcess(
  env: Record<string, string>,
  options: { readyWithinMs?: number; script?: 'start' | 'start:prod' } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, startCommand(options.script ?? 'start'), {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: ServerProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + (options.readyWithinMs ?? 30_000);
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${running.base}/healthz`).then((r) => r.ok, () => false);
    if (up) return running;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz:\n${out}`);
}

/** Runs `npm run <script> -- <args>` as an operator would, in the app folder with this DATA_DIR; waits for it. */
export function npmRun(script: string, args: readonly string[], options: { dataDir: string; input?: string }): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: options.dataDir, LOG_LEVEL: 'silent' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
