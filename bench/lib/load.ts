// Load on a server, from autocannon in a process of its own so that the
// client's work is not counted against the server's event loop. A plan is a
// sequence of requests that each virtual user (connection) repeats: one GET,
// one POST, or a whole walk through the survey. A step may take the session
// cookie and the form's CSRF field from its response, as a browser would, and
// every later step sends them.
import { join } from 'node:path';
import { runToEnd } from './processes.ts';
import type { Workspace } from './workspace.ts';

export interface Step {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Form fields besides `_csrf` (sent on a POST with the CSRF value in hand). */
  readonly fields?: Readonly<Record<string, string>>;
  /**
   * Values a field takes in turn, one request after another: an answer that
   * changes is written, where SQLite would skip rewriting a row to what it holds.
   */
  readonly turns?: Readonly<Record<string, readonly string[]>>;
  /** The status a correct answer has; anything else counts as an error. */
  readonly expect: number;
}

export interface Plan {
  readonly base: string;
  readonly connections: number;
  readonly seconds: number;
  readonly steps: readonly Step[];
  /** A browser state to start from (a live session); a walk starts with none. */
  readonly cookie?: string;
  readonly csrf?: string;
}

export interface Load {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Responses with another status than the step expects, plus socket errors and timeouts. */
  readonly errors: number;
  /** Times the whole sequence of steps was completed, per second. */
  readonly sequencesPerSecond: number;
}

const RUNNER = join(import.meta.dirname, 'load-runner.ts');

export async function runLoad(workspace: Workspace, plan: Plan): Promise<Load> {
  const done = await runToEnd(workspace, [process.execPath, '--import', 'tsx', RUNNER, JSON.stringify(plan)], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { PATH: process.env['PATH'] ?? '' },
    timeoutMs: (plan.seconds + 60) * 1000,
  });
  if (done.code !== 0) throw new Error(`autocannon failed: ${done.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(done.stdout) as Load;
}
