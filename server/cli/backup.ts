// `npm run backup -- <file>`: a consistent copy of the survey database in
// DATA_DIR, taken while the server runs and citizens keep answering (SQLite's
// online backup). The copy is one self-contained file, checked before the
// command says it is done; an existing file is never overwritten.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backUp } from '../../db/backup.ts';
import { loadConfig } from '../config.ts';
import { Refusal, runCommand } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR:
  npm run backup -- <file>      (a new file; the server may keep running)`;

async function main(argv: string[]): Promise<string> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Refusal(USAGE, 2);
  const target = resolve(positionals[0]!);
  if (existsSync(target)) throw new Refusal(`${target} exists already: give a new file name.`);
  const config = loadConfig(process.env);
  if (!existsSync(config.databaseFile)) throw new Refusal(`There is no database at ${config.databaseFile}: check DATA_DIR.`);
  // Written under another name first: a half-written backup never has the name asked for.
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    const summary = await backUp(config.databaseFile, partial);
    renameSync(partial, target);
    return `Backed up ${config.databaseFile} to ${target}: ${summary.responses} responses, schema version ${summary.schemaVersion}.`;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

runCommand(() => main(process.argv.slice(2)));
