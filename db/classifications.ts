// Classifications of stored responses under a rule version (migration 001 keys
// them by response and version): reading responses in batches for
// reclassification, and writing a batch's classifications in one transaction.
// Raw answers are never touched here.
import type { Connection } from './connection.ts';
import { multiRowInsert } from './multi-row-insert.ts';
import { ANSWERS_TEXT } from './responses.ts';

/** A response's id and its answers as ANSWERS_TEXT gives them (read with answersTextReader), or null for none. */
export type StoredAnswers = readonly [id: number, answers: string | null];

export interface NewClassification {
  readonly responseId: number;
  readonly segment: string;
  readonly reasons: string;
  readonly svartSarbar: boolean;
}

/** How many responses have a classification under each rule version. */
export interface VersionCount {
  readonly ruleVersion: string;
  readonly responses: number;
}

export function classificationStore(conn: Connection) {
  // The answers as one text per response, as the export reads them (db/responses.ts); rows as arrays (raw), not objects.
  const after = conn
    .prepare<[number, number], StoredAnswers>(`SELECT r.id, ${ANSWERS_TEXT} FROM responses r WHERE r.id > ? ORDER BY r.id LIMIT ?`)
    .raw();
  const unclassifiedAfter = conn
    .prepare<[{ version: string; afterId: number; limit: number }], StoredAnswers>(
      `SELECT r.id, ${ANSWERS_TEXT} FROM responses r
        WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.response_id = r.id AND c.rule_version = @version)
          AND r.id > @afterId
        ORDER BY r.id LIMIT @limit`,
    )
    .raw();
  // A batch's rows a few hundred to a statement: see multi-row-insert.ts.
  const upsert = multiRowInsert(conn, {
    head: 'INSERT INTO classifications (response_id, rule_version, segment, reasons, svart_sarbar)',
    columns: 5,
    tail: 'ON CONFLICT (response_id, rule_version) DO UPDATE SET segment = excluded.segment, reasons = excluded.reasons, svart_sarbar = excluded.svart_sarbar',
    maxRows: 200,
  });
  const missing = conn.prepare<[string], number>(
    `SELECT count(*) FROM responses r
      WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.response_id = r.id AND c.rule_version = ?)`,
  ).pluck();
  const versions = conn.prepare<[], VersionCount>(
    'SELECT rule_version AS ruleVersion, count(*) AS responses FROM classifications GROUP BY rule_version ORDER BY rule_version',
  );
  const write = conn.transaction((version: string, rows: readonly NewClassification[]) => {
    const values: Array<string | number> = [];
    for (const r of rows) values.push(r.responseId, version, r.segment, r.reasons, r.svartSarbar ? 1 : 0);
    upsert.run(values);
  });

  return {
    /**
     * The next batch of responses after `afterId`, in id order: all of them, or
     * only those without a classification under `version`.
     */
    batch(options: { afterId: number; limit: number; onlyMissing?: string }): StoredAnswers[] {
      return options.onlyMissing
        ? unclassifiedAfter.all({ version: options.onlyMissing, afterId: options.afterId, limit: options.limit })
        : after.all(options.afterId, options.limit);
    },
    /** Writes (or replaces) a batch's classifications under `version`, in one transaction. */
    write: (version: string, rows: readonly NewClassification[]): void => write(version, rows),
    /** Responses with no classification under `version`. */
    missing: (version: string): number => missing.get(version) ?? 0,
    versions: (): VersionCount[] => versions.all(),
  };
}

export type ClassificationStore = ReturnType<typeof classificationStore>;
