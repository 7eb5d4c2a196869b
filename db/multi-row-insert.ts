// Inserts of many rows through one statement (`INSERT … VALUES (…), (…), …`).
// Each statement costs a round trip from JS into SQLite, a bind and a reset; a
// response has about 25 answers and a reclassified batch 2 000 rows, so one
// statement per row made those round trips most of the seed's and the
// reclassification's writing time. Measured here: seeding 100 000 responses
// took 26 s with one statement per answer and 17 s with one per response.
// Statements are prepared once per row count and kept, so a count seen before
// costs no new prepare.
import type Database from 'better-sqlite3';
import type { Connection } from './connection.ts';

type Value = string | number | null;
type Statement = Database.Statement<Value[]>;

export interface MultiRowInsert {
  /** Inserts the rows given flat, `columns` values per row, in chunks of at most `maxRows` rows. */
  run(values: readonly Value[]): void;
}

/**
 * `head` is the statement up to VALUES (`INSERT INTO t (a, b)`), `tail` what
 * follows the rows (an ON CONFLICT clause), `columns` the number of values per row.
 */
export function multiRowInsert(conn: Connection, options: { head: string; columns: number; tail?: string; maxRows?: number }): MultiRowInsert {
  const { head, columns, tail = '' } = options;
  // SQLite allows 32 766 parameters per statement; a few hundred rows already take the per-statement cost away.
  const maxRows = options.maxRows ?? 100;
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  const byRows = new Map<number, Statement>();
  const statement = (rows: number): Statement => {
    let found = byRows.get(rows);
    if (!found) {
      found = conn.prepare<Value[]>(`${head} VALUES ${new Array<string>(rows).fill(row).join(', ')} ${tail}`);
      byRows.set(rows, found);
    }
    return found;
  };
  const chunk = maxRows * columns;
  return {
    run(values) {
      if (values.length % columns !== 0) throw new Error(`multiRowInsert: ${values.length} values are not rows of ${columns}`);
      if (values.length <= chunk) {
        if (values.length > 0) statement(values.length / columns).run(...values);
        return;
      }
      for (let at = 0; at < values.length; at += chunk) {
        const part = values.slice(at, at + chunk);
        statement(part.length / columns).run(...part);
      }
    },
  };
}
