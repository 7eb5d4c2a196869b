// The report's counts (server/analysis/tally.ts) as SQL aggregates, and a
// round's population margins for weighting. Without a date filter the counts
// come from the tallies migration 007 keeps up to date: a few thousand rows
// however many responses there are. A date filter counts from the responses
// themselves, a slice of response ids at a time so that a large round never
// holds the server for long (server/reports.ts yields between slices).
import type { Segment } from '../server/survey/classify.ts';
import type { Mode } from '../server/survey/types.ts';
import { ANSWERED, type AnswerCount, type RespondentCount } from '../server/analysis/tally.ts';
import { MARGIN_QUESTIONS, type MarginQuestion, type Margins } from '../server/analysis/weights.ts';
import type { Connection } from './connection.ts';

export interface TallyFilter {
  readonly language: string | null;
  readonly mode: Mode | null;
  /** Read the margin questions' codes too (for weighting): more rows. */
  readonly margins: boolean;
}

export interface DateRange {
  /** Norwegian calendar days, both inclusive. */
  readonly from: string;
  readonly to: string;
}

type RespondentTuple = [Segment, string, number, Mode, number, number, number, number];
type AnswerTuple = [Segment, Mode, number, number, number, string, number, number];

const toRespondent = ([segment, reasons, svartSarbar, mode, sharedDevice, ageGroup, gender, n]: RespondentTuple): RespondentCount => ({
  segment,
  reasons,
  svartSarbar: svartSarbar === 1,
  mode,
  sharedDevice: sharedDevice === 1,
  margins: { age_group: ageGroup, gender },
  n,
});

const toAnswer = ([segment, mode, sharedDevice, ageGroup, gender, question, code, n]: AnswerTuple): AnswerCount => ({
  segment,
  mode,
  sharedDevice: sharedDevice === 1,
  margins: { age_group: ageGroup, gender },
  question,
  code,
  n,
});

const TALLY_WHERE = `round_id = @round AND rule_version = @rule AND (@language IS NULL OR language = @language) AND (@mode IS NULL OR mode = @mode)`;

/** Grouped without the margin questions (0 for both: fewer rows), or with them, for weighting. */
const marginColumns = (margins: boolean): string => (margins ? 'age_group, gender' : '0, 0');
const marginGroups = (margins: boolean): string => (margins ? ', age_group, gender' : '');

const respondentQuery = (margins: boolean): string =>
  `SELECT segment, reasons, svart_sarbar, mode, shared_device, ${marginColumns(margins)}, sum(n)
     FROM respondent_tallies WHERE ${TALLY_WHERE}
    GROUP BY segment, reasons, svart_sarbar, mode, shared_device${marginGroups(margins)} HAVING sum(n) > 0`;

// The round's strata first (a few hundred), then their answer rows by key.
const answerQuery = (margins: boolean): string =>
  `SELECT segment, mode, shared_device, ${marginColumns(margins)}, a.question_id, a.code, sum(a.n)
     FROM tally_strata s JOIN answer_tallies a ON a.stratum_id = s.id
    WHERE ${TALLY_WHERE}
    GROUP BY segment, mode, shared_device${marginGroups(margins)}, a.question_id, a.code HAVING sum(a.n) > 0`;

/** A margin question's code of response `r`, 0 when unanswered (as in the tallies). */
const marginCode = (question: MarginQuestion): string =>
  `CASE WHEN @margins THEN coalesce((SELECT x.code FROM answers x WHERE x.response_id = r.id AND x.question_id = '${question}'), 0) ELSE 0 END`;
const RESPONSE_MARGINS = MARGIN_QUESTIONS.map(marginCode).join(', ');
const RESPONSE_WHERE = `r.round_id = @round AND r.id > @after AND r.id <= @upto
  AND r.submitted_date BETWEEN @from AND @to
  AND (@language IS NULL OR r.language = @language) AND (@mode IS NULL OR r.mode = @mode)`;

export function reportStore(conn: Connection) {
  const read = <Tuple>(sql: string) => conn.prepare<[Record<string, unknown>], Tuple>(sql).raw();
  const respondentTallies = { plain: read<RespondentTuple>(respondentQuery(false)), margins: read<RespondentTuple>(respondentQuery(true)) };
  const answerTallies = { plain: read<AnswerTuple>(answerQuery(false)), margins: read<AnswerTuple>(answerQuery(true)) };
  const classified = conn
    .prepare<[{ round: number; rule: string }], number>('SELECT coalesce(sum(n), 0) FROM respondent_tallies WHERE round_id = @round AND rule_version = @rule')
    .pluck();

  // A slice: the responses after `after` up to the `limit`th one.
  const sliceEnd = conn
    .prepare<[{ round: number; after: number; skip: number }], number>(
      'SELECT id FROM responses WHERE round_id = @round AND id > @after ORDER BY id LIMIT 1 OFFSET @skip',
    )
    .pluck();
  const respondentsIn = conn
    .prepare<[Record<string, unknown>], RespondentTuple>(
      `SELECT c.segment, c.reasons, c.svart_sarbar, r.mode, r.shared_device, ${RESPONSE_MARGINS}, count(*)
         FROM responses r JOIN classifications c ON c.response_id = r.id AND c.rule_version = @rule
        WHERE ${RESPONSE_WHERE}
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    )
    .raw();
  const answersIn = conn
    .prepare<[Record<string, unknown>], AnswerTuple>(
      `SELECT c.segment, r.mode, r.shared_device, ${RESPONSE_MARGINS}, a.question_id, a.code, count(*)
         FROM responses r JOIN classifications c ON c.response_id = r.id AND c.rule_version = @rule
         JOIN answers a ON a.response_id = r.id
        WHERE ${RESPONSE_WHERE}
        GROUP BY 1, 2, 3, 4, 5, 6, 7
       UNION ALL
       SELECT c.segment, r.mode, r.shared_device, ${RESPONSE_MARGINS}, a.question_id, ${ANSWERED}, count(DISTINCT a.response_id)
         FROM responses r JOIN classifications c ON c.response_id = r.id AND c.rule_version = @rule
         JOIN answers a ON a.response_id = r.id
        WHERE ${RESPONSE_WHERE} AND a.code <> 9
        GROUP BY 1, 2, 3, 4, 5, 6`,
    )
    .raw();

  const marginRows = conn.prepare<[number], { question: string; code: number; population: number }>(
    'SELECT question_id AS question, code, population FROM round_margins WHERE round_id = ?',
  );
  const clearMargins = conn.prepare<[number]>('DELETE FROM round_margins WHERE round_id = ?');
  const insertMargin = conn.prepare<[number, string, number, number]>(
    'INSERT INTO round_margins (round_id, question_id, code, population) VALUES (?, ?, ?, ?)',
  );
  const replaceMargins = conn.transaction((roundId: number, margins: Margins) => {
    clearMargins.run(roundId);
    for (const question of MARGIN_QUESTIONS) {
      for (const [code, population] of margins[question] ?? []) insertMargin.run(roundId, question, code, population);
    }
  });

  const params = (roundId: number, rule: string, filter: TallyFilter) => ({
    round: roundId,
    rule,
    language: filter.language,
    mode: filter.mode,
    margins: filter.margins ? 1 : 0,
  });

  return {
    /** The round's counts from the tallies (no date filter). */
    tally: (roundId: number, rule: string, filter: TallyFilter) => {
      const which = filter.margins ? 'margins' : 'plain';
      const { margins: _, ...where } = params(roundId, rule, filter);
      return {
        respondents: respondentTallies[which].all(where).map(toRespondent),
        answers: answerTallies[which].all(where).map(toAnswer),
      };
    },
    /** How many of the round's responses have a classification under `rule`. */
    classified: (roundId: number, rule: string): number => classified.get({ round: roundId, rule }) ?? 0,
    /**
     * The counts of the responses dated in `dates` among the next `limit`
     * responses after id `after`; `next` is the id to go on after, or null when
     * the round's responses are done.
     */
    tallySlice(roundId: number, rule: string, filter: TallyFilter, dates: DateRange, after: number, limit: number) {
      const end = sliceEnd.get({ round: roundId, after, skip: limit - 1 });
      const slice = { ...params(roundId, rule, filter), ...dates, after, upto: end ?? Number.MAX_SAFE_INTEGER };
      return {
        respondents: respondentsIn.all(slice).map(toRespondent),
        answers: answersIn.all(slice).map(toAnswer),
        next: end ?? null,
      };
    },
    margins(roundId: number): Margins {
      const margins: Partial<Record<MarginQuestion, Map<number, number>>> = {};
      for (const row of marginRows.all(roundId)) {
        const question = MARGIN_QUESTIONS.find((q) => q === row.question);
        if (question) (margins[question] ??= new Map()).set(row.code, row.population);
      }
      return margins;
    },
    /** Replaces the round's population figures. */
    setMargins: (roundId: number, margins: Margins): void => replaceMargins(roundId, margins),
  };
}

export type ReportStore = ReturnType<typeof reportStore>;
