// `npm run reclassify -- --all`: every response classified again under the
// current rule, as after a fix to the rule's code; wall time and the
// command's peak resident memory. Reported as not available while the app has
// no such command.
import type { Measurement } from '../lib/measurement.ts';
import { runToEnd } from '../lib/processes.ts';

/** Keeps the whole bench bounded. */
const TIME_LIMIT_MS = 180_000;

export const reclassifyMeasurement: Measurement = {
  name: 'npm run reclassify -- --all',
  target: '≤ 20 s',
  limits: { wallSeconds: 20 },
  async run(bench) {
    const command = bench.app.command('cli/reclassify');
    if (!command) return { status: 'not available', note: 'reclassify: not available yet' };
    const done = await runToEnd(bench.workspace, [...command, '--all'], {
      cwd: bench.app.cwd,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: bench.dataDir },
      timeoutMs: TIME_LIMIT_MS,
    });
    if (done.timedOut) return { status: 'stopped', note: `stopped at the bench's limit of ${TIME_LIMIT_MS / 1000} s; it said: ${done.stderr.trim().split('\n').pop()}` };
    if (done.code !== 0) return { status: 'failed', note: done.stderr.trim().split('\n').pop() };
    return {
      wallSeconds: done.wallSeconds,
      ...(done.peakRssMb !== undefined ? { peakRssMb: done.peakRssMb } : {}),
      details: { 'responses per second': Math.round(bench.responses / done.wallSeconds), 'peak RSS from': done.peakFrom },
      note: done.stdout.trim(),
    };
  },
};
