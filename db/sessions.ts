// Server-side sessions, keyed by the SHA-256 of the cookie token, and the notes
// that ended sessions leave (migration 005). A row exists only for a session
// that something needed to store: nothing here is written for a visitor who
// only looks (issue 12, point 3).
import type { Connection } from './connection.ts';

/** How a session ended: idle limit, submitted, deleted by the citizen, or left with the answers saved. */
export type SessionEnd = 'expired' | 'submitted' | 'deleted' | 'saved';

export interface SessionRow {
  readonly data: string;
  readonly expiresAt: number;
}

/** What an ended session's note says. It holds no answers, no secret and no time of day. */
export interface SessionNote {
  readonly ended: SessionEnd;
  /** A draft saved with a code outlived the session. */
  readonly kept: boolean;
  readonly lang: string | null;
  readonly kiosk: boolean;
  readonly extraTime: boolean;
  /** For a submitted session: the round's slug. */
  readonly round: string | null;
}

/** What the caller knows of a session it ends, for its note. */
export type NoteFields = Omit<SessionNote, 'ended' | 'kept'>;

interface NoteRow {
  ended: SessionEnd;
  kept: number;
  lang: string | null;
  kiosk: number;
  extraTime: number;
  round: string | null;
}

export function sessionStore(conn: Connection) {
  const get = conn.prepare<[string], SessionRow>('SELECT data, expires_at AS expiresAt FROM sessions WHERE id_hash = ?');
  const insert = conn.prepare<[string, string, number]>('INSERT INTO sessions (id_hash, data, expires_at) VALUES (?, ?, ?)');
  const update = conn.prepare<[string, number, string]>('UPDATE sessions SET data = ?, expires_at = ? WHERE id_hash = ?');
  const touch = conn.prepare<[number, string]>('UPDATE sessions SET expires_at = ? WHERE id_hash = ?');
  const remove = conn.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?');
  const getNote = conn.prepare<[string], NoteRow>(
    'SELECT ended, kept, lang, kiosk, extra_time AS extraTime, round FROM session_notes WHERE id_hash = ?',
  );
  const hasSavedDraft = conn
    .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM drafts WHERE session_hash = ? AND resume_hash IS NOT NULL)')
    .pluck();
  const deleteAllDrafts = conn.prepare<[string]>('DELETE FROM drafts WHERE session_hash = ?');
  const insertNote = conn.prepare<[string, SessionEnd, number, string | null, number, number, string | null, string]>(
    `INSERT OR REPLACE INTO session_notes (id_hash, ended, kept, lang, kiosk, extra_time, round, ended_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The notes of sessions past their idle limit come from their rows' data.
  const noteExpired = conn.prepare<[string, string]>(
    `INSERT OR REPLACE INTO session_notes (id_hash, ended, kept, lang, kiosk, extra_time, round, ended_date)
     SELECT id_hash, 'expired',
            EXISTS (SELECT 1 FROM drafts WHERE session_hash = sessions.id_hash AND resume_hash IS NOT NULL),
            json_extract(data, '$.lang'), coalesce(json_extract(data, '$.kiosk'), 0),
            coalesce(json_extract(data, '$.extraTime'), 0), NULL, ?
       FROM sessions WHERE id_hash = ? AND json_valid(data)`,
  );
  const expiredBatch = conn
    .prepare<[number, number], string>('SELECT id_hash FROM sessions WHERE expires_at <= ? LIMIT ?')
    .pluck();
  const oldNotesBatch = conn.prepare<[string, number]>(
    'DELETE FROM session_notes WHERE id_hash IN (SELECT id_hash FROM session_notes WHERE ended_date < ? LIMIT ?)',
  );

  /**
   * Ends a session: its unfinished answers go ('deleted': saved ones too), answers
   * saved with a code are detached and stay (the trigger of migration 002), the
   * row goes and a dated note takes its place. Returns whether saved answers were kept.
   */
  const end = conn.transaction((idHash: string, how: SessionEnd, note: NoteFields, date: string): boolean => {
    if (how === 'deleted') deleteAllDrafts.run(idHash);
    const kept = hasSavedDraft.get(idHash) === 1;
    remove.run(idHash);
    insertNote.run(idHash, how, kept ? 1 : 0, note.lang, note.kiosk ? 1 : 0, note.extraTime ? 1 : 0, note.round, date);
    return kept;
  });

  /** Ends up to `limit` sessions past their idle limit; returns how many. */
  const endExpiredBatch = conn.transaction((now: number, date: string, limit: number): number => {
    const ids = expiredBatch.all(now, limit);
    for (const id of ids) {
      noteExpired.run(date, id);
      remove.run(id);
    }
    return ids.length;
  });

  return {
    get: (idHash: string): SessionRow | undefined => get.get(idHash),
    note(idHash: string): SessionNote | undefined {
      const row = getNote.get(idHash);
      return row && { ...row, kept: row.kept === 1, kiosk: row.kiosk === 1, extraTime: row.extraTime === 1 };
    },
    /** A new session row (its token was just drawn). */
    insert: (idHash: string, data: string, expiresAt: number): void => void insert.run(idHash, data, expiresAt),
    save: (idHash: string, data: string, expiresAt: number): void => void update.run(data, expiresAt, idHash),
    touch: (idHash: string, expiresAt: number): void => void touch.run(expiresAt, idHash),
    /** Gone without a note (sign-in and sign-out: nothing for a citizen to be told). Drafts follow the cascade. */
    remove: (idHash: string): void => void remove.run(idHash),
    end: (idHash: string, how: SessionEnd, note: NoteFields, date: string): boolean => end(idHash, how, note, date),
    /** For the cleanup: one batch of sessions past their idle limit, each leaving a note dated `date`. */
    endExpiredBatch: (now: number, date: string, limit: number): number => endExpiredBatch(now, date, limit),
    /** For the cleanup: one batch of notes dated before `cutoff`; returns how many went. */
    removeNotesBatch: (cutoff: string, limit: number): number => oldNotesBatch.run(cutoff, limit).changes,
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
