// The analysis report of the seeded round (issue 14), as an admin opens it:
// the page (target ≤ 300 ms over a million responses), the same page filtered
// to one day (read from the responses themselves, not the tallies) and
// report.csv. The first request after the server starts is reported apart
// from the median of the rest, which is what the target is held to.
import { signIn, startServer } from '../lib/app.ts';
import type { Limits, Measurement } from '../lib/measurement.ts';

const REPEATS = 7;
/** Keeps the whole bench bounded: a request slower than this is stopped. */
const REQUEST_LIMIT_MS = 180_000;

/** A day inside the seeded round: the demo round starts the day the bench makes it, and the seed spreads over four weeks. */
export const aWeekIn = (): string => new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);

export function reportMeasurement(path: string, target: string, limits: Limits, options: { readonly repeats?: number } = {}): Measurement {
  const repeats = options.repeats ?? REPEATS;
  return {
    name: `GET /admin/rounds/demo/${path}`,
    target,
    limits,
    async run(bench) {
      const server = await startServer(bench.workspace, bench.app, { dataDir: bench.dataDir, admin: bench.admin });
      try {
        const headers = await signIn(server.base, bench.admin);
        const seconds: number[] = [];
        let bytes = 0;
        for (let i = 0; i < repeats; i++) {
          const started = performance.now();
          const res = await fetch(`${server.base}/admin/rounds/demo/${path}`, { headers, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
          const body = await res.text();
          if (res.status === 404) return { status: 'not available', note: `${path} answers 404: not there yet` };
          if (res.status !== 200) return { status: 'failed', note: `answered ${res.status}` };
          seconds.push((performance.now() - started) / 1000);
          bytes = Buffer.byteLength(body);
        }
        const [first, ...rest] = seconds;
        const sorted = [...(rest.length > 0 ? rest : seconds)].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)]!;
        return {
          wallSeconds: median,
          bytes,
          details: {
            'first request (s)': Number(first!.toFixed(3)),
            'median of the rest (s)': Number(median.toFixed(3)),
            'slowest of the rest (s)': Number(sorted[sorted.length - 1]!.toFixed(3)),
          },
        };
      } catch (err) {
        return { status: 'failed', note: err instanceof Error ? err.message : String(err) };
      } finally {
        await server.stop();
      }
    },
  };
}
