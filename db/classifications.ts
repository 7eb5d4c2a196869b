// Classifications of stored responses under a rule version (migration 001 keys
// them by response and version): reading responses in batches for
// reclassification, and writing a batch's classifications in one transaction.
// Raw answers are never touched here.
import type { Connection } from './connection.ts';
import type { AnswerPair } from '../server/survey/response-row.ts';

export interface StoredAnswers {
  readonly id: number;
  readonly pairs: readonly AnswerPair[];
}

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
  // The answers as [question, code] pairs, built by SQLite, parsed once in JS.
  const PAIRS = `(SELECT json_group_array(json_array(a.question_id, a.code)) FROM answers a WHERE a.response_id = r.id)`;
  const after = conn.prepare<[number, number], { id: number; pairs: string }>(
    `SELECT r.id, ${PAIRS} AS pairs FROM responses r WHERE r.id > ? ORDER BY r.id LIMIT ?`,
  );
  const unclassifiedAfter = conn.prepare<[{ version: string; afterId: number; limit: number }], { id: number; pairs: string }>(
    `SELECT r.id, ${PAIRS} AS pairs FROM responses r
      WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.response_id = r.id AND c.rule_version = @version)
        AND r.id > @afterId
      ORDER BY r.id LIMIT @limit`,
  );
  const upsert = conn.prepare<[number, string, string, string, number]>(
    `INSERT INTO classifications (response_id, rule_version, segment, reasons, svart_sarbar) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (response_id, rule_version) DO UPDATE SET segment = excluded.segment, reasons = excluded.reasons, svart_sarbar = excluded.svart_sarbar`,
  );
  const missing = conn.prepare<[string], number>(
    `SELECT count(*) FROM responses r
      WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.response_id = r.id AND c.rule_version = ?)`,
  ).pluck();
  const versions = conn.prepare<[], VersionCount>(
    'SELECT rule_version AS ruleVersion, count(*) AS responses FROM classifications GROUP BY rule_version ORDER BY rule_version',
  );
  const write = conn.transaction((version: string, rows: readonly NewClassification[]) => {
    for (const r of rows) upsert.run(r.responseId, version, r.segment, r.reasons, r.svartSarbar ? 1 : 0);
  });

  return {
    /**
     * The next batch of responses after `afterId`, in id order: all of them, or
     * only those without a classification under `version`.
     */
    batch(options: { afterId: number; limit: number; onlyMissing?: string }): StoredAnswers[] {
      const rows = options.onlyMissing
        ? unclassifiedAfter.all({ version: options.onlyMissing, afterId: options.afterId, limit: options.limit })
        : after.all(options.afterId, options.limit);
      return rows.map((row) => ({ id: row.id, pairs: JSON.parse(row.pairs) as AnswerPair[] }));
    },
    /** Writes (or replaces) a batch's classifications under `version`, in one transaction. */
    write: (version: string, rows: readonly NewClassification[]): void => write(version, rows),
    /** Responses with no classification under `version`. */
    missing: (version: string): number => missing.get(version) ?? 0,
    versions: (): VersionCount[] => versions.all(),
  };
}

export type ClassificationStore = ReturnType<typeof classificationStore>;
