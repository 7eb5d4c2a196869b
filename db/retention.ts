// Deletions at the end of a retention period, a batch at a time. Each takes a
// cut-off date from server/time.ts (retentionCutoff) and deletes at most
// `limit` rows dated before it in one statement; the caller repeats until a
// batch comes back short, yielding between batches so that no cleanup holds
// the event loop for long (issue 12, point 3). Returns how many rows went.
import type { Connection } from './connection.ts';

export function retentionStore(conn: Connection) {
  // Every draft, saved with a code or not: sessions last hours, so a draft
  // untouched for the whole period is abandoned either way.
  const drafts = conn.prepare<[string, number]>(
    'DELETE FROM drafts WHERE id IN (SELECT id FROM drafts WHERE updated_date < ? LIMIT ?)',
  );
  const helpRequests = conn.prepare<[string, number]>(
    'DELETE FROM help_requests WHERE id IN (SELECT id FROM help_requests WHERE received_date < ? LIMIT ?)',
  );
  // Answers and classifications go by cascade. A round closed without a
  // recorded date (closed_date NULL) never matches: kept until deleted by hand.
  const responses = conn.prepare<[string, number]>(
    `DELETE FROM responses WHERE id IN (
       SELECT id FROM responses
        WHERE round_id IN (SELECT id FROM rounds WHERE status = 'closed' AND closed_date < ?)
        LIMIT ?)`,
  );

  return {
    /** Drafts last saved before `cutoff`. */
    removeDraftsBefore: (cutoff: string, limit: number): number => drafts.run(cutoff, limit).changes,
    /** Help requests received before `cutoff`. */
    removeHelpRequestsBefore: (cutoff: string, limit: number): number => helpRequests.run(cutoff, limit).changes,
    /** Responses, with their answers and classifications, of rounds closed before `cutoff` (SQLite counts the responses only). */
    removeResponsesOfRoundsClosedBefore: (cutoff: string, limit: number): number => responses.run(cutoff, limit).changes,
  };
}

export type RetentionStore = ReturnType<typeof retentionStore>;
