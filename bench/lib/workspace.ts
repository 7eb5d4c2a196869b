// The bench's one temporary folder and the processes it started: stopped and
// removed when the run ends, fails or is interrupted (Ctrl+C, SIGTERM), so no
// run leaves a server behind or finds anything cached by the one before.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Workspace {
  /** The temporary folder: data dir, build, profiles. */
  readonly dir: string;
  /** Stopped with the workspace. Children run in process groups of their own (spawn `detached`), so a whole group goes. */
  track(child: ChildProcess): void;
  /** Stops every child still running and removes the folder. */
  close(): Promise<void>;
}

const GRACE_MS = 3000;

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Signals the child's process group: a child started through /usr/bin/time or npm has children of its own. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || !running(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Gone between the check and the signal.
  }
}

export function openWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'survey-bench-'));
  const children = new Set<ChildProcess>();
  let closed = false;

  /** Last resort at exit (an error before close(), a child started during it): nothing may outlive the bench. */
  const atExit = (): void => {
    for (const child of children) signalGroup(child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    const live = [...children].filter(running);
    for (const child of live) signalGroup(child, 'SIGTERM');
    await Promise.all(
      live.map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              signalGroup(child, 'SIGKILL');
              resolve();
            }, GRACE_MS);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (!running(child)) resolve();
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  const interrupted = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\nbench: ${signal}, stopping the processes it started and removing ${dir}\n`);
    void close().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.on('exit', atExit);

  return {
    dir,
    track: (child) => {
      children.add(child);
      child.once('exit', () => children.delete(child));
      // The run may still be starting a step while an interrupt closes the workspace: that step ends at once.
      if (closed) signalGroup(child, 'SIGKILL');
    },
    close,
  };
}
