// Server-side sessions, keyed by the SHA-256 of the cookie token. A session that
// ends leaves a note (`ended`) in its row for a day; see migration 002.
import type { Connection } from './connection.ts';

/** How a session ended: idle limit, submitted, deleted by the citizen, or left with the answers saved. */
export type SessionEnd = 'expired' | 'submitted' | 'deleted' | 'saved';

export interface SessionRow {
  readonly data: string;
  readonly expiresAt: number;
  readonly ended: SessionEnd | null;
  /** On an ended session: a draft saved with a code outlived it. */
  readonly kept: boolean;
}

/** How long the note of an ended session stays: long enough for a citizen to come back to the page. */
export const ENDED_NOTE_MS = 24 * 60 * 60_000;

export function sessionStore(conn: Connection) {
  const get = conn.prepare<[string], { data: string; expiresAt: number; ended: SessionEnd | null; kept: number | null }>(
    'SELECT data, expires_at AS expiresAt, ended, kept FROM sessions WHERE id_hash = ?',
  );
  const upsert = conn.prepare<[string, string, number]>(
    `INSERT INTO sessions (id_hash, data, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at
     WHERE sessions.ended IS NULL`,
  );
  const touch = conn.prepare<[number, string]>('UPDATE sessions SET expires_at = ? WHERE id_hash = ? AND ended IS NULL');
  const remove = conn.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?');
  const hasSavedDraft = conn
    .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM drafts WHERE session_hash = ? AND resume_hash IS NOT NULL)')
    .pluck();
  const deleteAllDrafts = conn.prepare<[string]>('DELETE FROM drafts WHERE session_hash = ?');
  const deleteUnsavedDrafts = conn.prepare<[string]>('DELETE FROM drafts WHERE session_hash = ? AND resume_hash IS NULL');
  const detachSavedDrafts = conn.prepare<[string]>('UPDATE drafts SET session_hash = NULL WHERE session_hash = ?');
  // A note keeps no secret: not the CSRF token, not a resume code, not who was signed in.
  const markEnded = conn.prepare<[SessionEnd, number, number, string]>(
    `UPDATE sessions SET ended = ?, kept = ?, expires_at = ?,
            data = json_set(json_remove(data, '$.resumeCode', '$.userId'), '$.csrf', '')
      WHERE id_hash = ? AND ended IS NULL`,
  );
  const expiredLive = conn
    .prepare<[number], string>('SELECT id_hash FROM sessions WHERE ended IS NULL AND expires_at <= ?')
    .pluck();
  const removeOldNotes = conn.prepare<[number]>('DELETE FROM sessions WHERE ended IS NOT NULL AND expires_at <= ?');

  /**
   * Ends a session: its unfinished answers go at once ('deleted': all of them,
   * saved or not), answers saved with a code are detached and stay, and the row
   * becomes a note until `noteUntil`. Returns whether saved answers were kept.
   */
  const end = conn.transaction((idHash: string, how: SessionEnd, noteUntil: number): boolean => {
    if (how === 'deleted') deleteAllDrafts.run(idHash);
    else deleteUnsavedDrafts.run(idHash);
    const kept = hasSavedDraft.get(idHash) === 1;
    detachSavedDrafts.run(idHash);
    markEnded.run(how, kept ? 1 : 0, noteUntil, idHash);
    return kept;
  });

  /** Ends every session past its idle limit and removes notes past their day. */
  const removeExpired = conn.transaction((now: number): number => {
    const ids = expiredLive.all(now);
    for (const id of ids) end(id, 'expired', now + ENDED_NOTE_MS);
    removeOldNotes.run(now);
    return ids.length;
  });

  return {
    get: (idHash: string): SessionRow | undefined => {
      const row = get.get(idHash);
      return row && { data: row.data, expiresAt: row.expiresAt, ended: row.ended, kept: row.kept === 1 };
    },
    save: (idHash: string, data: string, expiresAt: number): void => void upsert.run(idHash, data, expiresAt),
    touch: (idHash: string, expiresAt: number): void => void touch.run(expiresAt, idHash),
    /** Gone without a note (login and logout: nothing for a citizen to be told). Drafts follow the cascade. */
    remove: (idHash: string): void => void remove.run(idHash),
    end: (idHash: string, how: SessionEnd, noteUntil: number): boolean => end(idHash, how, noteUntil),
    /** Returns how many sessions ended. */
    removeExpired: (now: number): number => removeExpired(now),
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
