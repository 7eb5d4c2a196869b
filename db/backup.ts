// Backups of the database (issue 12, point 8): a consistent copy taken while
// the server runs, a check that a file is a whole survey database, and a way to
// tell that no server has the database open before it is replaced.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { isLockError, migrationVersions, type Connection } from './connection.ts';

/** What a backup holds, as the commands report it. */
export interface BackupSummary {
  /** The highest migration applied: a database from a newer version of the app is not restored by an older one. */
  readonly schemaVersion: number;
  readonly responses: number;
}

/** The whole database in one step of SQLite's backup: a single read, so writes going on meanwhile cannot make it start over. */
const ALL_PAGES = 0x7fffffff;

function summarise(conn: Connection, file: string): BackupSummary {
  const integrity = conn.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
  const hasMigrations = conn.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasMigrations) throw new Error(`${file} is not a survey database`);
  return {
    schemaVersion: conn.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number,
    responses: conn.prepare('SELECT count(*) FROM responses').pluck().get() as number,
  };
}

/**
 * Copies the live database at `source` to `destination` (which must not exist),
 * as it was at one moment, while other connections go on writing. The copy is a
 * single self-contained file (no write-ahead log beside it), checked before it
 * is reported.
 */
export async function backUp(source: string, destination: string): Promise<BackupSummary> {
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }
  const copy = new Database(destination);
  try {
    copy.pragma('journal_mode = DELETE');
    return summarise(copy, destination);
  } finally {
    copy.close();
  }
}

/** Checks that `file` is a whole survey database this version of the app can open. */
export function inspect(file: string): BackupSummary {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const summary = summarise(conn, file);
    const known = Math.max(...migrationVersions());
    if (summary.schemaVersion > known) {
      throw new Error(`${file} was made by a newer version of the app (schema ${summary.schemaVersion}; this one knows ${known})`);
    }
    return summary;
  } finally {
    conn.close();
  }
}

/**
 * Makes sure no other connection (a running server) has the database at
 * `file` open, and folds its write-ahead log into it, so that the file alone
 * is the whole database. Throws when it is in use. Without a file, nothing to do.
 */
export function closeForGood(file: string): void {
  if (!existsSync(file)) return;
  const conn = new Database(file, { fileMustExist: true });
  try {
    conn.pragma('busy_timeout = 0');
    // With exclusive locking, the first write takes a lock that no other open connection allows.
    conn.pragma('locking_mode = EXCLUSIVE');
    conn.exec('BEGIN EXCLUSIVE');
    conn.exec('COMMIT');
    conn.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    if (isLockError(err)) throw new Error(`${file} is in use: stop the server first`);
    throw err;
  } finally {
    // The last connection to close removes the write-ahead log.
    conn.close();
  }
}
