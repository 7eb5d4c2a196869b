// Opens the SQLite database and applies the numbered migrations in db/migrations.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Connection = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface SurveyDatabase {
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

export function openDatabase(file: string): SurveyDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  // FULL: a submission acknowledged to a citizen survives a power cut, not only a crash.
  conn.pragma('synchronous = FULL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  migrate(conn);
  return {
    conn,
    openReader: () => {
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 5000');
      return reader;
    },
    close: () => conn.close(),
  };
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
