// `npm run restore -- <file>`: puts a backup in place of the survey database in
// DATA_DIR, with the server stopped. The backup is checked first; the database
// it replaces is kept beside it under a dated name, never deleted. The server
// applies any newer migrations when it starts.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeForGood, inspect } from '../../db/backup.ts';
import { loadConfig } from '../config.ts';
import { osloDate, systemClock } from '../time.ts';
import { Refusal, runCommand } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR, with the server stopped:
  npm run restore -- <file>`;

async function main(argv: string[]): Promise<string> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Refusal(USAGE, 2);
  const backup = resolve(positionals[0]!);
  if (!existsSync(backup)) throw new Refusal(`There is no file ${backup}.`);
  const summary = inspect(backup);
  const config = loadConfig(process.env);
  const live = config.databaseFile;
  mkdirSync(dirname(live), { recursive: true });
  // Refuses while a server has the database open; folds its write-ahead log in, so the file is the whole of it.
  closeForGood(live);
  let kept = '';
  if (existsSync(live)) {
    kept = `${live}.before-restore-${osloDate(systemClock())}-${process.pid}`;
    renameSync(live, kept);
  }
  // Copied beside it and then renamed: the database is either the old one or the whole backup, never half of it.
  const incoming = `${live}.restoring`;
  copyFileSync(backup, incoming);
  for (const leftover of [`${live}-wal`, `${live}-shm`]) rmSync(leftover, { force: true });
  renameSync(incoming, live);
  return `Restored ${summary.responses} responses from ${backup} to ${live}.${kept ? ` The database it replaced is kept as ${kept}.` : ''}`;
}

runCommand(() => main(process.argv.slice(2)));
