// Submitted responses: written once, in one transaction with their answers and
// classification; read back row by row, typed, for exports.
import type { Connection } from './connection.ts';
import type { Mode } from './drafts.ts';
import { multiRowInsert } from './multi-row-insert.ts';
import { answersTextReader, type ResponseRow } from '../server/survey/response-row.ts';
import type { Instrument } from '../server/survey/types.ts';

export interface NewResponse {
  readonly roundId: number;
  readonly language: string;
  readonly mode: Mode;
  readonly sharedDevice: boolean;
  readonly submittedDate: string;
  readonly instrumentVersion: string;
  readonly staffUserId: number | null;
  /** The number written on a paper form (mode `paper` only); unique in its round. */
  readonly paperFormNumber?: string;
  /** [question id, code] pairs: one per single answer, one per ticked option. */
  readonly codes: ReadonlyArray<readonly [string, number]>;
  readonly classification: {
    readonly segment: string;
    readonly reasons: string;
    readonly svartSarbar: boolean;
    readonly ruleVersion: string;
  };
}

export function responseStore(conn: Connection) {
  const takeDraft = conn.prepare<[string, number]>('DELETE FROM drafts WHERE session_hash = ? AND round_id = ?');
  const insertResponse = conn.prepare<[number, string, Mode, number, string, string, number | null, string | null]>(
    `INSERT INTO responses (round_id, language, mode, shared_device, submitted_date, instrument_version, staff_user_id, paper_form_number)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const paperFormTaken = conn
    .prepare<[number, string], number>('SELECT EXISTS (SELECT 1 FROM responses WHERE round_id = ? AND paper_form_number = ?)')
    .pluck();
  // All of a response's answers (about 25) in one statement: see multi-row-insert.ts.
  const insertAnswers = multiRowInsert(conn, { head: 'INSERT INTO answers (response_id, question_id, code)', columns: 3 });
  const insertClassification = conn.prepare<[number, string, string, string, number]>(
    `INSERT INTO classifications (response_id, rule_version, segment, reasons, svart_sarbar) VALUES (?, ?, ?, ?, ?)`,
  );

  const insert = (r: NewResponse): number => {
    const id = Number(
      insertResponse.run(
        r.roundId,
        r.language,
        r.mode,
        r.sharedDevice ? 1 : 0,
        r.submittedDate,
        r.instrumentVersion,
        r.staffUserId,
        r.paperFormNumber ?? null,
      ).lastInsertRowid,
    );
    const values: Array<string | number> = [];
    for (const [questionId, code] of r.codes) values.push(id, questionId, code);
    insertAnswers.run(values);
    const c = r.classification;
    insertClassification.run(id, c.ruleVersion, c.segment, c.reasons, c.svartSarbar ? 1 : 0);
    return id;
  };

  /**
   * Turns the session's draft into a response. The draft is deleted in the same
   * transaction, so a second submit (double click, back button) finds no draft
   * and stores nothing: returns null.
   */
  const submit = conn.transaction((sessionHash: string, r: NewResponse): number | null => {
    if (takeDraft.run(sessionHash, r.roundId).changes === 0) return null;
    return insert(r);
  });

  /** Stores a response keyed in from paper; null when its form number is already in the round. */
  const record = conn.transaction((r: NewResponse): number | null => {
    if (r.paperFormNumber !== undefined && paperFormTaken.get(r.roundId, r.paperFormNumber) === 1) return null;
    return insert(r);
  });

  return {
    submit: (sessionHash: string, r: NewResponse): number | null => submit(sessionHash, r),
    record: (r: NewResponse): number | null => record(r),
    paperFormTaken: (roundId: number, number: string): boolean => paperFormTaken.get(roundId, number) === 1,
  };
}

/** The export query's row, in its column order (raw: an array per row is the cheapest better-sqlite3 gives). */
type ExportTuple = [
  responseId: number,
  language: string,
  mode: string,
  sharedDevice: number,
  submittedDate: string,
  instrumentVersion: string,
  segment: string | null,
  segmentReasons: string | null,
  svartSarbar: number | null,
  staffUserId: number | null,
  paperFormNumber: string | null,
  /** `question:code,…` (ANSWERS_TEXT), or null for none. */
  answers: string | null,
];

/**
 * A response's answers as one text, `question:code` pairs joined by commas, read
 * by answersTextReader (server/survey/response-row.ts); `r` is the responses
 * table. The subquery walks the answers table's primary key from the response's
 * first row, so it reads only that response's rows and no sort is needed.
 *
 * Why text and not json_group_array(json_array(…)): both cost SQLite about the
 * same, but parsing the JSON made two arrays per answer in JS, and at a million
 * responses that was a quarter of the CSV export's time (see response-row.ts).
 */
export const ANSWERS_TEXT = `(SELECT group_concat(a.question_id || ':' || a.code, ',') FROM answers a WHERE a.response_id = r.id)`;

/**
 * The responses of one round in response order, lazily, from the given
 * (read-only) connection, with their classification under rule version `rule`.
 * Each response's answers come as one text (ANSWERS_TEXT), built by SQLite from
 * the answers table's own key and read once here.
 * What every row shares (the round's slug, the rule version) is not read per
 * row: at a million rows each string column read costs a noticeable second.
 */
export function* iterateResponses(
  reader: Connection,
  round: { readonly id: number; readonly slug: string },
  rule: string,
  instrument: Instrument,
): Generator<ResponseRow> {
  const toAnswers = answersTextReader(instrument);
  const rows = reader
    .prepare<[string, number], ExportTuple>(
      `SELECT r.id, r.language, r.mode, r.shared_device, r.submitted_date, r.instrument_version,
              c.segment, c.reasons, c.svart_sarbar, r.staff_user_id, r.paper_form_number,
              ${ANSWERS_TEXT}
         FROM responses r
         LEFT JOIN classifications c ON c.response_id = r.id AND c.rule_version = ?
        WHERE r.round_id = ?
        ORDER BY r.id`,
    )
    .raw()
    .iterate(rule, round.id);
  for (const [
    responseId,
    language,
    mode,
    sharedDevice,
    submittedDate,
    instrumentVersion,
    segment,
    segmentReasons,
    svartSarbar,
    staffUserId,
    paperFormNumber,
    answers,
  ] of rows) {
    yield {
      responseId,
      round: round.slug,
      language,
      mode,
      sharedDevice,
      submittedDate,
      instrumentVersion,
      segment,
      segmentReasons,
      svartSarbar,
      // Classified under `rule`, or not at all.
      ruleVersion: segment === null ? null : rule,
      staffUserId,
      paperFormNumber,
      answers: toAnswers(answers),
    };
  }
}

export type ResponseStore = ReturnType<typeof responseStore>;
