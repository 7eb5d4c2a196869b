// `npm run seed` of the bench's responses into the demo round: how long a
// large synthetic data set takes to write, and the data every later
// measurement reads.
import type { Measurement } from '../lib/measurement.ts';
import { runToEnd } from '../lib/processes.ts';

export const BENCH_SEED = 'bench';

/** A round of its own for the XLSX, which takes minutes over a million rows: measured on fewer, its pace reported. */
export const XLSX_ROUND = { slug: 'xlsx', responses: 100_000 } as const;

export const seedMeasurement = (responses: number, round: { slug: string; create?: boolean } = { slug: 'demo' }): Measurement => ({
  name: `seed ${responses.toLocaleString('en-US')} responses${round.slug === 'demo' ? '' : ` into round ${round.slug}`}`,
  // The issue's aim: "well under a minute" for a million.
  target: round.slug === 'demo' ? '< 60 s (aim)' : 'reported',
  limits: round.slug === 'demo' ? { wallSeconds: 60 } : {},
  // Everything after reads the demo round; only the XLSX reads the other.
  required: round.slug === 'demo',
  async run(bench) {
    const command = bench.app.command('cli/seed');
    if (!command) return { status: 'failed', note: 'server/cli/seed.ts is missing' };
    const env = { PATH: process.env['PATH'] ?? '', DATA_DIR: bench.dataDir };
    if (round.create) {
      const create = bench.app.command('cli/round');
      if (!create) return { status: 'failed', note: 'server/cli/round.ts is missing' };
      const made = await runToEnd(bench.workspace, [...create, 'create', '--slug', round.slug, '--name', `Bench ${round.slug}`], { cwd: bench.app.cwd, env, timeoutMs: 60_000 });
      if (made.code !== 0) return { status: 'failed', note: `npm run round -- create: ${made.stderr.trim()}` };
    }
    let lastLine = '';
    const done = await runToEnd(bench.workspace, [...command, '--round', round.slug, '--responses', String(responses), '--seed', BENCH_SEED], {
      cwd: bench.app.cwd,
      env,
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
