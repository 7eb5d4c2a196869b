// Unfinished answers, one draft per session and round, saved at every page.
import type { Connection } from './connection.ts';

export type Mode = 'self' | 'assisted' | 'phone' | 'paper';

export interface Draft {
  readonly id: number;
  readonly mode: Mode;
  /** JSON of the answers so far; parsed by the caller, which knows the instrument. */
  readonly answers: string;
}

export function draftStore(conn: Connection) {
  const get = conn.prepare<[string, number], Draft>(
    'SELECT id, mode, answers FROM drafts WHERE session_hash = ? AND round_id = ?',
  );
  const upsert = conn.prepare<[string, number, Mode, string, string]>(
    `INSERT INTO drafts (session_hash, round_id, mode, answers, updated_date) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (session_hash, round_id) DO UPDATE SET answers = excluded.answers, updated_date = excluded.updated_date`,
  );

  return {
    get: (sessionHash: string, roundId: number): Draft | undefined => get.get(sessionHash, roundId),
    save(draft: { sessionHash: string; roundId: number; mode: Mode; answers: string; date: string }): void {
      upsert.run(draft.sessionHash, draft.roundId, draft.mode, draft.answers, draft.date);
    },
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
