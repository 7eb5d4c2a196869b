// Storing a finished response, whichever way it came in: a citizen's own
// submission, one made with or for a staff member, or a paper form keyed in.
// A response made by staff gets its audit entry in the same transaction, so
// neither is ever stored without the other.
import type { Mode } from '../../db/drafts.ts';
import type { Round } from '../../db/rounds.ts';
import { osloDate } from '../time.ts';
import { storedClassification, toSubmission } from '../survey/submission.ts';
import type { Answers, Language } from '../survey/types.ts';
import type { Services } from './services.ts';

export interface ResponseOrigin {
  readonly mode: Mode;
  /** The signed-in staff member who made it; null for a citizen's own. */
  readonly staffUserId: number | null;
  readonly sharedDevice: boolean;
  /** Where it came from: the session holding the draft, or a paper form and its number. */
  readonly from: { readonly sessionHash: string } | { readonly paperFormNumber: string };
  /** The day a paper form was filled in or came in, when not today (issue 13, point 1). */
  readonly submittedDate?: string;
}

/**
 * Stores the response and returns its id; null when nothing was stored: the
 * session's draft was already submitted, or the paper form's number is taken.
 */
export function recordResponse(
  services: Services,
  round: Round,
  answers: Answers,
  language: Language,
  origin: ResponseOrigin,
): number | null {
  const { instrument, stores, db, clock } = services;
  const { codes, classification } = toSubmission(instrument, answers, services.rule);
  const date = osloDate(clock());
  const response = {
    roundId: round.id,
    language,
    mode: origin.mode,
    sharedDevice: origin.sharedDevice,
    submittedDate: origin.submittedDate ?? date,
    instrumentVersion: instrument.version,
    staffUserId: origin.staffUserId,
    codes,
    classification: storedClassification(classification),
  };
  return db.conn.transaction((): number | null => {
    const id =
      'sessionHash' in origin.from
        ? stores.responses.submit(origin.from.sessionHash, response)
        : stores.responses.record({ ...response, paperFormNumber: origin.from.paperFormNumber });
    if (id !== null && origin.staffUserId !== null && origin.mode !== 'self') {
      stores.auditLog.recordResponse({ date, userId: origin.staffUserId, roundId: round.id, mode: origin.mode });
    }
    return id;
  })();
}
