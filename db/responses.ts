// Submitted responses: written once, in one transaction with their answers and
// classification; read back row by row for exports.
import type { Connection } from './connection.ts';
import type { Mode } from './drafts.ts';

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

export interface ExportRow {
  readonly response_id: number;
  readonly round: string;
  readonly language: string;
  readonly mode: string;
  readonly shared_device: number;
  readonly submitted_date: string;
  readonly instrument_version: string;
  readonly segment: string | null;
  readonly segment_reasons: string | null;
  readonly svart_sarbar: number | null;
  readonly rule_version: string | null;
  readonly staff_user_id: number | null;
  readonly paper_form_number: string | null;
  /** "question_id:code" pairs joined by ","; null when nothing was answered. */
  readonly codes: string | null;
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
  const insertAnswer = conn.prepare<[number, string, number]>(
    'INSERT INTO answers (response_id, question_id, code) VALUES (?, ?, ?)',
  );
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
    for (const [questionId, code] of r.codes) insertAnswer.run(id, questionId, code);
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

/** Rows of one round in response order, lazily, from the given (read-only) connection. */
export function iterateExportRows(reader: Connection, roundId: number, ruleVersion: string): IterableIterator<ExportRow> {
  return reader
    .prepare<[string, number], ExportRow>(
      `SELECT r.id AS response_id, ro.slug AS round, r.language, r.mode, r.shared_device, r.submitted_date,
              r.instrument_version, r.staff_user_id, r.paper_form_number, c.segment, c.reasons AS segment_reasons, c.svart_sarbar, c.rule_version,
              (SELECT group_concat(a.question_id || ':' || a.code, ',') FROM answers a WHERE a.response_id = r.id) AS codes
         FROM responses r
         JOIN rounds ro ON ro.id = r.round_id
         LEFT JOIN classifications c ON c.response_id = r.id AND c.rule_version = ?
        WHERE r.round_id = ?
        ORDER BY r.id`,
    )
    .iterate(ruleVersion, roundId);
}

export type ResponseStore = ReturnType<typeof responseStore>;
