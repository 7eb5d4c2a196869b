// Who fetched what: every download of a round's data, by an admin or an API
// token, is counted on its day in the audit log (migration 006), never timed.
import type { Request } from 'express';
import type { Round } from '../../../db/rounds.ts';
import { osloDate } from '../../time.ts';
import type { Services } from '../services.ts';

/** Notes that the signed-in admin or the API token of this request fetched `what` of a round. */
export function noteExport(services: Services, req: Request, round: Round, what: string): void {
  services.stores.auditLog.recordDataAccess({
    date: osloDate(services.clock()),
    userId: req.apiToken ? null : (req.user?.id ?? null),
    tokenId: req.apiToken?.id ?? null,
    roundId: round.id,
    what,
  });
}
