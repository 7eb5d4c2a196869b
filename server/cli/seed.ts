// `npm run seed -- --round <slug> --responses N [--seed S] [--append]`: fills a
// round with synthetic responses, for demonstrations, analysis tests and the
// bench (bench/). Written through the app's own storage and classification, so
// exports and reports read them as real ones. The same seed on the same
// database gives the same data. Synthetic responses cannot be told apart from
// real ones afterwards, so a round that has responses is refused unless
// --append says that is meant.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { instrument } from '../survey/definition.ts';
import { seedRound, type SeedSummary } from '../synthetic/seed-round.ts';
import { Refusal, runCommand, withStores } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR:
  npm run seed -- --round <slug> --responses <count> [--seed <text>] [--append]`;

const MAX_RESPONSES = 10_000_000;
const PROGRESS_INTERVAL_MS = 1000;

const thousands = (n: number): string => n.toLocaleString('en-US').replaceAll(',', ' ');
const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

function describe(round: string, summary: SeedSummary, seconds: number): string {
  const n = summary.count;
  const shares = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([key, count]) => `${key} ${percent(count, n)}`)
      .join(', ');
  return (
    `Seeded ${thousands(n)} responses into ${round} (seed ${summary.seed}) in ${seconds.toFixed(1)} s, ` +
    `dated ${summary.firstDay} to ${summary.lastDay}: ${shares(summary.bySegment)}; svart sårbar ${percent(summary.svartSarbar, n)}; ` +
    `${shares(summary.byMode)}; ${shares(summary.byLanguage)}; ` +
    `${thousands(summary.dontKnow)} «Vet ikke» and ${thousands(summary.preferNotToSay)} «Vil ikke svare» answers.`
  );
}

async function main(argv: string[]): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        round: { type: 'string' },
        responses: { type: 'string' },
        seed: { type: 'string', default: '1' },
        append: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new Refusal(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  const { round: slug, responses, seed, append } = parsed.values;
  if (!slug || responses === undefined) throw new Refusal(USAGE, 2);
  const count = Number(responses);
  if (!/^\d+$/.test(responses) || count < 1 || count > MAX_RESPONSES) {
    throw new Refusal(`--responses must be a whole number from 1 to ${thousands(MAX_RESPONSES)}.`, 2);
  }
  if (seed.trim() === '') throw new Refusal('--seed must not be empty.', 2);

  const { databaseFile } = loadConfig(process.env);
  // Opening would create an empty database: in a mistyped DATA_DIR that only hides the mistake.
  if (!existsSync(databaseFile)) throw new Refusal(`There is no database at ${databaseFile}: check DATA_DIR, or start the app once.`);
  return withStores(({ rounds }, db) => {
    const round = rounds.bySlug(slug);
    if (!round) throw new Refusal(`There is no round ${slug}.`);
    const existing = rounds.listWithCounts().find((r) => r.id === round.id)?.responseCount ?? 0;
    if (existing > 0 && !append) {
      throw new Refusal(`Round ${slug} has ${thousands(existing)} responses already; synthetic ones could not be told apart from them. Pass --append to add them anyway.`);
    }

    const started = performance.now();
    let lastReport = started;
    const summary = seedRound(db.conn, instrument, round, {
      count,
      seed,
      onProgress: (done) => {
        const now = performance.now();
        if (now - lastReport < PROGRESS_INTERVAL_MS || done === count) return;
        lastReport = now;
        process.stderr.write(`seed: ${thousands(done)} of ${thousands(count)} responses (${percent(done, count)}), ${((now - started) / 1000).toFixed(0)} s\n`);
      },
    });
    return describe(slug, summary, (performance.now() - started) / 1000);
  });
}

runCommand(() => main(process.argv.slice(2)));
