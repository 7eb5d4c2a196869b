// Opens the SQLite database and applies the numbered migrations in db/migrations;
// says plainly when the database cannot be used, and probes whether it can be written.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Connection = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** How long a command-line tool or the start-up waits for another writer before giving up. */
export const STARTUP_BUSY_TIMEOUT_MS = 5000;

export interface SurveyDatabase {
  readonly file: string;
  /** The one connection that writes; better-sqlite3 is synchronous, so writes never interleave. */
  readonly conn: Connection;
  /**
   * A separate read-only connection for a long read such as a streamed export.
   * An open iterator makes its connection refuse writes, so streaming from the
   * writing connection would block every citizen until the download ends. WAL
   * lets this reader see a consistent snapshot while writes go on.
   */
  openReader(): Connection;
  close(): void;
}

/** The database could not be opened or prepared; the message names the file and the reason, in one line. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

export function openDatabase(file: string): SurveyDatabase {
  let conn: Connection | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    conn = new Database(file);
    conn.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
    conn.pragma('journal_mode = WAL');
    // FULL: a submission acknowledged to a citizen survives a power cut, not only a crash.
    conn.pragma('synchronous = FULL');
    conn.pragma('foreign_keys = ON');
    // A deleted row is overwritten, not left in the file's free space: a session
    // ended by a submission must not be recoverable from a copy of the file.
    conn.pragma('secure_delete = ON');
    migrate(conn);
    // A database that can be read but not written would take answers and lose them: refuse it now.
    if (tryWriteLock(conn) === 'busy') throw new Error('another program holds its write lock');
  } catch (err) {
    conn?.close();
    throw new DatabaseOpenError(`Cannot use the database ${file}: ${reason(err)}`);
  }
  const writer = conn;
  return {
    file,
    conn: writer,
    openReader: () => {
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      reader.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
      return reader;
    },
    close: () => writer.close(),
  };
}

/** One line saying why, from SQLite's or the file system's error. */
function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.message} (${code})` : err.message;
}

/**
 * Takes the write lock and lets go at once, writing nothing: 'ok' when a write
 * could start now, 'busy' when another connection holds the lock. Throws when
 * the database cannot be written at all (read-only, gone, corrupt).
 */
export function tryWriteLock(conn: Connection): 'ok' | 'busy' {
  if (conn.inTransaction) return 'ok';
  try {
    conn.exec('BEGIN IMMEDIATE');
  } catch (err) {
    if (isLockError(err)) return 'busy';
    throw err;
  }
  conn.exec('ROLLBACK');
  return 'ok';
}

const errorCode = (err: unknown): string =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : '';

/** Another connection holds the lock (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export const isLockError = (err: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(errorCode(err));

/** A UNIQUE constraint refused a row: someone else took the name in the same moment. */
export const isUniqueViolation = (err: unknown): boolean => errorCode(err) === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * The database is there but cannot take a write or a read just now: locked,
 * disk full, read-only, an I/O error, or the file gone. Requests that meet one
 * answer 503, not 500: it is the server's trouble, and trying again later helps.
 */
export const isDatabaseUnavailable = (err: unknown): boolean =>
  /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|CORRUPT|NOTADB)/.test(errorCode(err));

/** The versions of the migrations this version of the app has. */
export function migrationVersions(dir: string = MIGRATIONS_DIR): number[] {
  return readdirSync(dir).flatMap((f) => {
    const match = MIGRATION_FILE.exec(f);
    return match ? [Number(match[1])] : [];
  });
}

/** Applies, in order and each in its own transaction, the migrations not yet recorded. */
export function migrate(conn: Connection, dir: string = MIGRATIONS_DIR): string[] {
  conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name    TEXT NOT NULL
  )`);
  const done = new Set(
    conn
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const applied: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  for (const file of files) {
    const version = Number(MIGRATION_FILE.exec(file)![1]);
    if (done.has(version)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    conn.transaction(() => {
      conn.exec(sql);
      conn.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(version, file);
    })();
    applied.push(file);
  }
  return applied;
}
