// Survey rounds: a run of the questionnaire with its own link and data set.
import type { Connection } from './connection.ts';

export type RoundStatus = 'open' | 'closed';

export interface Round {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly organisation: string;
  readonly mainLanguage: 'nb' | 'nn' | 'en';
  readonly status: RoundStatus;
  readonly createdDate: string;
  /** The day the round was closed; null while open (and for rounds closed before it was recorded). */
  readonly closedDate: string | null;
}

export interface RoundWithCount extends Round {
  readonly responseCount: number;
}

const COLUMNS = `id, slug, title, organisation, main_language AS mainLanguage, status,
                 created_date AS createdDate, closed_date AS closedDate`;

export function roundStore(conn: Connection) {
  const bySlug = conn.prepare<[string], Round>(`SELECT ${COLUMNS} FROM rounds WHERE slug = ?`);
  const open = conn.prepare<[], Round>(`SELECT ${COLUMNS} FROM rounds WHERE status = 'open' ORDER BY id`);
  const withCounts = conn.prepare<[], RoundWithCount>(
    `SELECT ${COLUMNS},
            (SELECT count(*) FROM responses WHERE responses.round_id = rounds.id) AS responseCount
       FROM rounds ORDER BY id DESC`,
  );
  const insert = conn.prepare<[string, string, string, string, string]>(
    `INSERT INTO rounds (slug, title, organisation, main_language, created_date) VALUES (?, ?, ?, ?, ?)`,
  );
  const count = conn.prepare<[], number>('SELECT count(*) FROM rounds').pluck();
  // Only an open round: closing again must not move the date its responses' retention counts from.
  const close = conn.prepare<[string, string]>(
    `UPDATE rounds SET status = 'closed', closed_date = ? WHERE slug = ? AND status = 'open'`,
  );

  return {
    bySlug: (slug: string): Round | undefined => bySlug.get(slug),
    open: (): Round[] => open.all(),
    listWithCounts: (): RoundWithCount[] => withCounts.all(),
    count: (): number => count.get() ?? 0,
    create(round: { slug: string; title: string; organisation: string; mainLanguage: Round['mainLanguage']; createdDate: string }): number {
      return Number(insert.run(round.slug, round.title, round.organisation, round.mainLanguage, round.createdDate).lastInsertRowid);
    },
    /** Closes an open round on `date`; false when there is no such open round. */
    close: (slug: string, date: string): boolean => close.run(date, slug).changes > 0,
  };
}

export type RoundStore = ReturnType<typeof roundStore>;
