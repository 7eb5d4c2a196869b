// Submitted responses: written once, in one transaction with their answers and
// classification; read back row by row for exports.
import type { Connection } from './connection.ts';
import type { Mode } from './drafts.ts';

export interface NewResponse {
  readonly sessionHash: string;
  readonly roundId: number;
  readonly language: string;
  readonly mode: Mode;
  readonly sharedDevice: boolean;
  readonly submittedDate: string;
  readonly instrumentVersion: string;
  readonly staffUserId: number | null;
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
  /** "question_id:code" pairs joined by ","; null when nothing was answered. */
  readonly codes: string | null;
}

export function responseStore(conn: Connection) {
  const takeDraft = conn.prepare<[string, number]>('DELETE FROM drafts WHERE session_hash = ? AND round_id = ?');
  const insertResponse = conn.prepare<[number, string, Mode, number, string, string, number | null]>(
    `INSERT INTO responses (round_id, language, mode, shared_device, submitted_date, instrument_version, staff_user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = conn.prepare<[number, string, number]>(
    'INSERT INTO answers (response_id, question_id, code) VALUES (?, ?, ?)',
  );
  const insertClassification = conn.prepare<[number, string, string, string, number]>(
    `INSERT INTO classifications (response_id, rule_version, segment, reasons, svart_sarbar) VALUES (?, ?, ?, ?, ?)`,
  );

  /**
   * Turns the session's draft into a response. The draft is deleted in the same
   * transaction, so a second submit (double click, back button) finds no draft
   * and stores nothing: returns null.
   */
  const submit = conn.transaction((r: NewResponse): number | null => {
    if (takeDraft.run(r.sessionHash, r.roundId).changes === 0) return null;
    const id = Number(
      insertResponse.run(
        r.roundId,
        r.language,
        r.mode,
        r.sharedDevice ? 1 : 0,
        r.submittedDate,
        r.instrumentVersion,
        r.staffUserId,
      ).lastInsertRowid,
    );
    for (const [questionId, code] of r.codes) insertAnswer.run(id, questionId, code);
    const c = r.classification;
    insertClassification.run(id, c.ruleVersion, c.segment, c.reasons, c.svartSarbar ? 1 : 0);
    return id;
  });

  return { submit: (r: NewResponse): number | null => submit(r) };
}

/** Rows of one round in response order, lazily, from the given (read-only) connection. */
export function iterateExportRows(reader: Connection, roundId: number, ruleVersion: string): IterableIterator<ExportRow> {
  return reader
    .prepare<[string, number], ExportRow>(
      `SELECT r.id AS response_id, ro.slug AS round, r.language, r.mode, r.shared_device, r.submitted_date,
              r.instrument_version, c.segment, c.reasons AS segment_reasons, c.svart_sarbar, c.rule_version,
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
