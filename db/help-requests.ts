// "Yes, I want help with digital services": a name and a way to reach the
// person, kept apart from the answers (db/migrations/002). Nothing here can be
// joined to a response: no response, round or session id, a date without a time,
// and a random id, because a sequence would mirror the order of responses.
import { randomInt } from 'node:crypto';
import type { Connection } from './connection.ts';

export interface HelpRequest {
  readonly id: number;
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly receivedDate: string;
}

export interface NewHelpRequest {
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  /** YYYY-MM-DD in Oslo; never a time of day. */
  readonly receivedDate: string;
}

/** Ids are drawn from [1, 2^48): wide enough that a clash is rare, and within randomInt's range. */
const ID_MAX = 2 ** 48;
/** A clash among a few thousand rows in 2^48 is vanishingly rare; five in a row means something else is wrong. */
const ID_ATTEMPTS = 5;

const isPrimaryKeyClash = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

export function helpRequestStore(conn: Connection) {
  const insert = conn.prepare<[number, string, string | null, string | null, string]>(
    'INSERT INTO help_requests (id, name, phone, email, received_date) VALUES (?, ?, ?, ?, ?)',
  );
  const list = conn.prepare<[], HelpRequest>(
    'SELECT id, name, phone, email, received_date AS receivedDate FROM help_requests ORDER BY received_date, id',
  );
  const count = conn.prepare<[], number>('SELECT count(*) FROM help_requests').pluck();
  const same = conn
    .prepare<[string, string | null, string | null, string], number>(
      'SELECT EXISTS (SELECT 1 FROM help_requests WHERE name = ? AND phone IS ? AND email IS ? AND received_date = ?)',
    )
    .pluck();
  const remove = conn.prepare<[number]>('DELETE FROM help_requests WHERE id = ?');

  return {
    /**
     * Stores a request in its own statement (autocommit). Callers must not run it
     * inside a response's transaction: the two must never share a commit.
     */
    /** Stores the request, unless the same one came the same day (a double click, the back button). */
    add(request: NewHelpRequest): void {
      if (same.get(request.name, request.phone, request.email, request.receivedDate) === 1) return;
      for (let attempt = 1; ; attempt++) {
        try {
          insert.run(randomInt(1, ID_MAX), request.name, request.phone, request.email, request.receivedDate);
          return;
        } catch (err) {
          if (!isPrimaryKeyClash(err) || attempt >= ID_ATTEMPTS) throw err;
        }
      }
    },
    /** Oldest first; the id only breaks ties within a day (it says nothing about order). */
    list: (): HelpRequest[] => list.all(),
    count: (): number => count.get() ?? 0,
    /** True when a request with this id was there to delete. */
    remove: (id: number): boolean => remove.run(id).changes > 0,
  };
}

export type HelpRequestStore = ReturnType<typeof helpRequestStore>;
