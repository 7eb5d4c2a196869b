// Server-side sessions, keyed by the SHA-256 of the cookie token.
import type { Connection } from './connection.ts';

export function sessionStore(conn: Connection) {
  const get = conn.prepare<[string], { data: string; expiresAt: number }>(
    'SELECT data, expires_at AS expiresAt FROM sessions WHERE id_hash = ?',
  );
  const upsert = conn.prepare<[string, string, number]>(
    `INSERT INTO sessions (id_hash, data, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
  );
  const touch = conn.prepare<[number, string]>('UPDATE sessions SET expires_at = ? WHERE id_hash = ?');
  const remove = conn.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?');
  const removeExpired = conn.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    get: (idHash: string) => get.get(idHash),
    save: (idHash: string, data: string, expiresAt: number): void => void upsert.run(idHash, data, expiresAt),
    touch: (idHash: string, expiresAt: number): void => void touch.run(expiresAt, idHash),
    remove: (idHash: string): void => void remove.run(idHash),
    /** Deletes expired sessions and, by cascade, their drafts. Returns how many went. */
    removeExpired: (now: number): number => removeExpired.run(now).changes,
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
