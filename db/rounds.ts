// Survey rounds: a run of the questionnaire with its own link, days and data
// set. Rounds are never deleted and keep their slug (migration 006).
import type { Connection } from './connection.ts';
import type { Language } from '../server/survey/types.ts';

export type RoundStatus = 'open' | 'closed';

export interface RoundDetails {
  readonly title: string;
  /** The municipality (or other body) running it. */
  readonly organisation: string;
  readonly mainLanguage: Language;
  /** First day citizens can answer (inclusive); null: from the start. */
  readonly opensDate: string | null;
  /** Last day citizens can answer (inclusive); null: until closed. */
  readonly closesDate: string | null;
  /** The languages citizens may choose; null offers every language of the questionnaire. */
  readonly languages: readonly Language[] | null;
  /** Shown on the round's pages instead of the CONTACT_EMAIL setting. */
  readonly contactEmail: string | null;
  /** Shown on the round's privacy page instead of the DATA_CONTROLLER setting. */
  readonly dataController: string | null;
}

export interface Round extends RoundDetails {
  readonly id: number;
  readonly slug: string;
  readonly status: RoundStatus;
  readonly createdDate: string;
  /** The day the round was closed; null while open (and for rounds closed before it was recorded). */
  readonly closedDate: string | null;
}

export interface RoundWithCount extends Round {
  readonly responseCount: number;
}

interface RoundRow extends Omit<Round, 'languages'> {
  readonly languages: string | null;
}

const COLUMNS = `id, slug, title, organisation, main_language AS mainLanguage, status,
                 created_date AS createdDate, closed_date AS closedDate, opens_date AS opensDate,
                 closes_date AS closesDate, languages, contact_email AS contactEmail, data_controller AS dataController`;

const fromRow = <T extends RoundRow>(row: T): Omit<T, 'languages'> & { languages: readonly Language[] | null } => ({
  ...row,
  languages: row.languages === null ? null : (row.languages.split(',') as Language[]),
});

type DetailParams = [string, string, string, string | null, string | null, string | null, string | null, string | null];
const detailParams = (d: RoundDetails): DetailParams => [
  d.title,
  d.organisation,
  d.mainLanguage,
  d.opensDate,
  d.closesDate,
  d.languages === null ? null : d.languages.join(','),
  d.contactEmail,
  d.dataController,
];

/** What the `open` action did to the round's days so that today falls inside them. */
export interface Reopening {
  readonly opensDate: string | null;
  readonly closesDate: string | null;
}

export function roundStore(conn: Connection) {
  const bySlug = conn.prepare<[string], RoundRow>(`SELECT ${COLUMNS} FROM rounds WHERE slug = ?`);
  const all = conn.prepare<[], RoundRow>(`SELECT ${COLUMNS} FROM rounds ORDER BY id`);
  const withCounts = conn.prepare<[], RoundRow & { responseCount: number }>(
    `SELECT ${COLUMNS},
            (SELECT count(*) FROM responses WHERE responses.round_id = rounds.id) AS responseCount
       FROM rounds ORDER BY id DESC`,
  );
  const insert = conn.prepare<[string, ...DetailParams, string]>(
    `INSERT INTO rounds (slug, title, organisation, main_language, opens_date, closes_date, languages, contact_email, data_controller, created_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = conn.prepare<[...DetailParams, string]>(
    `UPDATE rounds SET title = ?, organisation = ?, main_language = ?, opens_date = ?, closes_date = ?, languages = ?,
                       contact_email = ?, data_controller = ?
      WHERE slug = ?`,
  );
  const count = conn.prepare<[], number>('SELECT count(*) FROM rounds').pluck();
  const responseCount = conn.prepare<[number], number>('SELECT count(*) FROM responses WHERE round_id = ?').pluck();
  const slugTaken = conn.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM rounds WHERE slug = ?)').pluck();
  // Only an open round: closing again must not move the date its responses' retention counts from.
  const close = conn.prepare<[string, string]>(
    `UPDATE rounds SET status = 'closed', closed_date = ? WHERE slug = ? AND status = 'open'`,
  );
  // Opening means citizens can answer from today: days that leave today out are moved.
  const reopen = conn.prepare<[{ today: string; slug: string }], Reopening>(
    `UPDATE rounds SET status = 'open', closed_date = NULL,
            opens_date = CASE WHEN opens_date > @today THEN @today ELSE opens_date END,
            closes_date = CASE WHEN closes_date < @today THEN NULL ELSE closes_date END
      WHERE slug = @slug
     RETURNING opens_date AS opensDate, closes_date AS closesDate`,
  );

  return {
    bySlug: (slug: string): Round | undefined => {
      const row = bySlug.get(slug);
      return row && fromRow(row);
    },
    all: (): Round[] => all.all().map(fromRow),
    listWithCounts: (): RoundWithCount[] => withCounts.all().map(fromRow),
    count: (): number => count.get() ?? 0,
    /** How many responses a round has (the index on round_id answers it). */
    responseCount: (roundId: number): number => responseCount.get(roundId) ?? 0,
    /** Whether a round has ever had this slug (rounds are never deleted, so: is it taken for good). */
    slugTaken: (slug: string): boolean => slugTaken.get(slug) === 1,
    create(round: { slug: string; createdDate: string } & Partial<RoundDetails> & Pick<RoundDetails, 'title' | 'organisation' | 'mainLanguage'>): number {
      const details: RoundDetails = {
        opensDate: null,
        closesDate: null,
        languages: null,
        contactEmail: null,
        dataController: null,
        ...round,
      };
      return Number(insert.run(round.slug, ...detailParams(details), round.createdDate).lastInsertRowid);
    },
    /** Replaces a round's details; false when there is no such round. */
    update: (slug: string, details: RoundDetails): boolean => update.run(...detailParams(details), slug).changes > 0,
    /** Closes an open round on `date`; false when there is no such open round. */
    close: (slug: string, date: string): boolean => close.run(date, slug).changes > 0,
    /** Opens a round from `today`, moving days that would keep citizens out; undefined when there is no such round. */
    open: (slug: string, today: string): Reopening | undefined => reopen.get({ today, slug }),
  };
}

export type RoundStore = ReturnType<typeof roundStore>;
