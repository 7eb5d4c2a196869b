// Who fetched what: every export and token use is noted in the audit log.
import type { Request } from 'express';
import type { Round } from '../../../db/rounds.ts';
import type { Services } from '../services.ts';

/** Notes that the signed-in admin or the API token of this request fetched `what` of a round. */
export function noteExport(_services: Services, _req: Request, _round: Round, _what: string): void {
  // Filled in with the audit log's data-access counts (issue 13, point 5).
}
