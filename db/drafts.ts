// Unfinished answers, one draft per session and round, saved at every page. A
// draft saved with a resume code can outlive its session (migration 002).
import type { Connection } from './connection.ts';

import type { Mode } from '../server/survey/types.ts';

export type { Mode };

export interface Draft {
  readonly id: number;
  readonly mode: Mode;
  /** JSON of the answers so far; parsed by the caller, which knows the instrument. */
  readonly answers: string;
  readonly updatedDate: string;
  /** SHA-256 of its resume code, when saved with one. */
  readonly resumeHash: string | null;
  /** The language it was last answered in; the caller checks it is still offered. */
  readonly language: string | null;
}

const COLUMNS = 'id, mode, answers, updated_date AS updatedDate, resume_hash AS resumeHash, language';

export function draftStore(conn: Connection) {
  const get = conn.prepare<[string, number], Draft>(`SELECT ${COLUMNS} FROM drafts WHERE session_hash = ? AND round_id = ?`);
  const upsert = conn.prepare<[string, number, Mode, string, string, string]>(
    `INSERT INTO drafts (session_hash, round_id, mode, answers, updated_date, language) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (session_hash, round_id) DO UPDATE
       SET answers = excluded.answers, updated_date = excluded.updated_date, language = excluded.language`,
  );
  const setResumeHash = conn.prepare<[string, number]>('UPDATE drafts SET resume_hash = ? WHERE id = ?');
  const bySavedCode = conn.prepare<[string, number, string], { id: number }>(
    'SELECT id FROM drafts WHERE resume_hash = ? AND round_id = ? AND updated_date >= ?',
  );
  const dropOthers = conn.prepare<[string, number, number]>(
    'DELETE FROM drafts WHERE session_hash = ? AND round_id = ? AND id <> ? AND resume_hash IS NULL',
  );
  const detachOthers = conn.prepare<[string, number, number]>(
    'UPDATE drafts SET session_hash = NULL WHERE session_hash = ? AND round_id = ? AND id <> ?',
  );
  const attach = conn.prepare<[string, number]>('UPDATE drafts SET session_hash = ? WHERE id = ?');
  const remove = conn.prepare<[string, number]>('DELETE FROM drafts WHERE session_hash = ? AND round_id = ?');
  const insertWithMode = conn.prepare<[string, number, Mode, string, string]>(
    `INSERT INTO drafts (session_hash, round_id, mode, answers, updated_date, language) VALUES (?, ?, ?, '{}', ?, ?)`,
  );
  const detach = conn.prepare<[string, number]>(
    'UPDATE drafts SET session_hash = NULL WHERE session_hash = ? AND round_id = ? AND resume_hash IS NOT NULL',
  );

  /**
   * Moves the draft saved under this code (in this round, saved on or after
   * `savedSince`) to the session. What the session had for the round before is
   * dropped, or detached when it was saved with a code of its own.
   */
  const resume = conn.transaction((codeHash: string, sessionHash: string, roundId: number, savedSince: string): boolean => {
    const found = bySavedCode.get(codeHash, roundId, savedSince);
    if (!found) return false;
    dropOthers.run(sessionHash, roundId, found.id);
    detachOthers.run(sessionHash, roundId, found.id);
    attach.run(sessionHash, found.id);
    return true;
  });

  /** A new, empty draft in this mode, in place of whatever the session had for the round (a staff member's next citizen). */
  const begin = conn.transaction((sessionHash: string, roundId: number, mode: Mode, date: string, language: string): void => {
    remove.run(sessionHash, roundId);
    insertWithMode.run(sessionHash, roundId, mode, date, language);
  });

  return {
    get: (sessionHash: string, roundId: number): Draft | undefined => get.get(sessionHash, roundId),
    save(draft: { sessionHash: string; roundId: number; mode: Mode; answers: string; date: string; language: string }): void {
      upsert.run(draft.sessionHash, draft.roundId, draft.mode, draft.answers, draft.date, draft.language);
    },
    /** False when another draft already has this code (1 in 2^40 per draft: the caller draws again). */
    saveWithCode(draftId: number, codeHash: string): boolean {
      try {
        setResumeHash.run(codeHash, draftId);
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
        throw err;
      }
    },
    /** Whether a draft is saved under this code (in this round, saved on or after `savedSince`). */
    isSaved: (codeHash: string, roundId: number, savedSince: string): boolean => bySavedCode.get(codeHash, roundId, savedSince) !== undefined,
    resume: (codeHash: string, sessionHash: string, roundId: number, savedSince: string): boolean =>
      resume(codeHash, sessionHash, roundId, savedSince),
    begin: (sessionHash: string, roundId: number, mode: Mode, date: string, language: string): void =>
      begin(sessionHash, roundId, mode, date, language),
    /** Deletes the session's draft for the round. */
    remove: (sessionHash: string, roundId: number): void => {
      remove.run(sessionHash, roundId);
    },
    /** Lets go of the session's draft for the round when it was saved with a code; it stays for the code. */
    detach: (sessionHash: string, roundId: number): boolean => detach.run(sessionHash, roundId).changes > 0,
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
