// `npm run seed` of the bench's responses into the demo round: how long a
// large synthetic data set takes to write, and the data every later
// measurement reads.
import type { Measurement } from '../lib/measurement.ts';
import { runToEnd } from '../lib/processes.ts';

export const BENCH_SEED = 'bench';

export const seedMeasurement = (responses: number): Measurement => ({
  name: `seed ${responses.toLocaleString('en-US')} responses`,
  // The aim: "well under a minute" for a million.
  target: '< 60 s (aim)',
  limits: { wallSeconds: 60 },
  required: true,
  async run(bench) {
    const command = bench.app.command('cli/seed');
    if (!command) return { status: 'failed', note: 'server/cli/seed.ts is missing' };
    let lastLine = '';
    const done = await runToEnd(bench.workspace, [...command, '--round', 'demo', '--responses', String(responses), '--seed', BENCH_SEED], {
      cwd: bench.app.cwd,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: bench.dataDir },
      timeoutMs: 10 * 60_000,
      onStderr: (text) => {
        // The command's own progress lines, passed on as they come.
        for (const line of text.split('\n').filter(Boolean)) if (line !== lastLine) bench.log(`  ${(lastLine = line)}`);
      },
    });
    if (done.code !== 0) return { status: 'failed', note: (done.timedOut ? 'timed out; ' : '') + done.stderr.trim().split('\n').pop() };
    return {
      wallSeconds: done.wallSeconds,
      ...(done.peakRssMb !== undefined ? { peakRssMb: done.peakRssMb } : {}),
      details: { 'responses per second': Math.round(responses / done.wallSeconds), 'peak RSS from': done.peakFrom },
      note: done.stdout.trim(),
    };
  },
});
