// What both reference servers share: the smallest honest version of the
// survey's storage and session checks. A session row keyed by the SHA-256 of a
// random cookie token, a draft row per session holding its answers as JSON,
// and a CSRF field that is an HMAC of the token. The page is a question with
// eight choices in a layout of about the real page's size.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const IDLE_MS = 30 * 60_000;

export const QUESTION = {
  id: 'age_group' as const,
  text: 'Hvor gammel er du?',
  options: ['16–24 år', '25–34 år', '35–44 år', '45–54 år', '55–66 år', '67–79 år', '80 år eller eldre', 'Vil ikke svare'].map(
    (label, i) => ({ code: i === 7 ? 9 : i + 1, label }),
  ),
};

/** The language links of the page's header. */
export const LANGUAGES = [
  { code: 'nb', name: 'Bokmål' },
  { code: 'nn', name: 'Nynorsk' },
  { code: 'en', name: 'English' },
];

export function openStore(dataDir: string) {
  const db = new Database(join(dataDir, 'reference.sqlite'));
  db.pragma('journal_mode = WAL');
  // As durable as the app (nothing acknowledged is lost): a reference that may lose answers would not be equivalent.
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS sessions (id_hash TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT;
           CREATE TABLE IF NOT EXISTS drafts (session_hash TEXT PRIMARY KEY REFERENCES sessions (id_hash), answers TEXT NOT NULL) STRICT;`);
  const key = randomBytes(32);
  const getSession = db.prepare<[string, number], { data: string }>('SELECT data FROM sessions WHERE id_hash = ? AND expires_at > ?');
  const insertSession = db.prepare<[string, string, number]>('INSERT INTO sessions (id_hash, data, expires_at) VALUES (?, ?, ?)');
  const getDraft = db.prepare<[string], { answers: string }>('SELECT answers FROM drafts WHERE session_hash = ?');
  const saveDraft = db.prepare<[string, string]>(
    'INSERT INTO drafts (session_hash, answers) VALUES (?, ?) ON CONFLICT (session_hash) DO UPDATE SET answers = excluded.answers',
  );
  const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
  const csrfOf = (token: string): string => createHmac('sha256', key).update(`csrf:${token}`).digest('base64url');
  return {
    newToken: (): string => randomBytes(32).toString('base64url'),
    csrfOf,
    checkCsrf(token: string, sent: unknown): boolean {
      const expected = Buffer.from(csrfOf(token));
      return typeof sent === 'string' && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), expected);
    },
    /** The live session's answers, or undefined. */
    answers(token: string): Record<string, number> | undefined {
      const id = hash(token);
      if (!getSession.get(id, Date.now())) return undefined;
      return JSON.parse(getDraft.get(id)?.answers ?? '{}') as Record<string, number>;
    },
    begin(token: string): void {
      insertSession.run(hash(token), '{}', Date.now() + IDLE_MS);
      saveDraft.run(hash(token), '{}');
    },
    save(token: string, answers: Record<string, number>): void {
      saveDraft.run(hash(token), JSON.stringify(answers));
    },
  };
}

export function cookieToken(header: string | undefined): string | undefined {
  const match = /(?:^|;\s*)sid=([A-Za-z0-9_-]{43})/.exec(header ?? '');
  return match?.[1];
}

export const SESSION_COOKIE = (token: string): string => `sid=${token}; Path=/; HttpOnly; SameSite=Lax`;
