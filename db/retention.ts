// Deletions at the end of a retention period. Each takes a cut-off date from
// server/time.ts (retentionCutoff) and deletes the rows dated before it; each is
// one statement, so it is all or nothing. Returns how many rows went.
import type { Connection } from './connection.ts';

export function retentionStore(conn: Connection) {
  // Every draft, saved with a code or not: sessions last hours, so a draft
  // untouched for the whole period is abandoned either way.
  const drafts = conn.prepare<[string]>('DELETE FROM drafts WHERE updated_date < ?');
  const helpRequests = conn.prepare<[string]>('DELETE FROM help_requests WHERE received_date < ?');
  // Answers and classifications go by cascade. A round closed without a
  // recorded date (closed_date NULL) never matches: kept until deleted by hand.
  const responses = conn.prepare<[string]>(
    `DELETE FROM responses
      WHERE round_id IN (SELECT id FROM rounds WHERE status = 'closed' AND closed_date < ?)`,
  );

  return {
    /** Drafts last saved before `cutoff`. */
    removeDraftsBefore: (cutoff: string): number => drafts.run(cutoff).changes,
    /** Help requests received before `cutoff`. */
    removeHelpRequestsBefore: (cutoff: string): number => helpRequests.run(cutoff).changes,
    /** Responses, with their answers and classifications, of rounds closed before `cutoff`. */
    removeResponsesOfRoundsClosedBefore: (cutoff: string): number => responses.run(cutoff).changes,
  };
}

export type RetentionStore = ReturnType<typeof retentionStore>;
