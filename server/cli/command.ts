// What every command-line tool shares: a refusal is one clear line on stderr and
// a non-zero exit code (1 for a refusal, 2 for a usage mistake); success prints
// its one line on stdout.
import { parseArgs } from 'node:util';
import { openDatabase, type SurveyDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { loadConfig } from '../config.ts';

/** A usage or input problem: printed as it is, with exit code 1 (2 for usage). */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs a command's main function and turns its outcome into output and an exit code. */
export function runCommand(main: () => Promise<string>): void {
  main().then(
    (done) => process.stdout.write(`${done}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = err instanceof Refusal ? err.exitCode : 1;
    },
  );
}

/**
 * Parses a command line of one command word and `--name value` options, or
 * refuses with the usage text (exit code 2).
 */
export function commandLine<const O extends string>(argv: string[], options: readonly O[], usage: string): { command: string; values: Partial<Record<O, string>> } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: Object.fromEntries(options.map((o) => [o, { type: 'string' as const }])) });
  } catch (err) {
    throw new Refusal(`${err instanceof Error ? err.message : String(err)}\n${usage}`, 2);
  }
  const [command, ...extra] = parsed.positionals;
  if (!command || extra.length > 0) throw new Refusal(usage, 2);
  return { command, values: parsed.values as Partial<Record<O, string>> };
}

/** Runs `work` on the stores of the database in DATA_DIR (the server's settings), closing it after. */
export async function withStores<T>(work: (stores: ReturnType<typeof createStores>, db: SurveyDatabase) => T | Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databaseFile);
  try {
    return await work(createStores(db.conn), db);
  } finally {
    db.close();
  }
}
