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
}

export interface RoundWithCount extends Round {
  readonly responseCount: number;
}

const COLUMNS = `id, slug, title, organisation, main_language AS mainLanguage, status, created_date AS createdDate`;

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

  return {
    bySlug: (slug: string): Round | undefined => bySlug.get(slug),
    open: (): Round[] => open.all(),
    listWithCounts: (): RoundWithCount[] => withCounts.all(),
    count: (): number => count.get() ?? 0,
    create(round: { slug: string; title: string; organisation: string; mainLanguage: Round['mainLanguage']; createdDate: string }): number {
      return Number(insert.run(round.slug, round.title, round.organisation, round.mainLanguage, round.createdDate).lastInsertRowid);
    },
  };
}

export type RoundStore = ReturnType<typeof roundStore>;
