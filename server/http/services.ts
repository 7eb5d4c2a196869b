// What the HTTP layer is given: configuration, the instrument, the clock, the
// database and its stores, and the password-hashing queue. Built once by createApp; routers take what they need.
import type { ApiTokenStore } from '../../db/api-tokens.ts';
import type { AuditLogStore } from '../../db/audit-log.ts';
import type { ClassificationStore } from '../../db/classifications.ts';
import type { SurveyDatabase } from '../../db/connection.ts';
import type { DraftStore } from '../../db/drafts.ts';
import type { HelpRequestStore } from '../../db/help-requests.ts';
import type { ReportStore } from '../../db/report.ts';
import type { ResponseStore } from '../../db/responses.ts';
import type { RoundStore } from '../../db/rounds.ts';
import type { SessionStore } from '../../db/sessions.ts';
import type { UserStore } from '../../db/users.ts';
import type { HashingQueue } from '../auth/hashing-queue.ts';
import type { HashCost } from '../auth/password.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { SegmentRule } from '../survey/classify.ts';
import type { Instrument } from '../survey/types.ts';
import type { Clock } from '../time.ts';

export interface Stores {
  readonly rounds: RoundStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly drafts: DraftStore;
  readonly responses: ResponseStore;
  readonly helpRequests: HelpRequestStore;
  readonly auditLog: AuditLogStore;
  readonly apiTokens: ApiTokenStore;
  readonly classifications: ClassificationStore;
  readonly report: ReportStore;
}

export interface Services {
  readonly config: Config;
  readonly instrument: Instrument;
  /** The segment rule new responses are classified by, and exports and reclassification use. */
  readonly rule: SegmentRule;
  readonly clock: Clock;
  readonly log: Logger;
  readonly db: SurveyDatabase;
  readonly stores: Stores;
  /** Password hashing, one at a time (server/auth/hashing-queue.ts). */
  readonly hashing: HashingQueue;
  /** scrypt's cost for new passwords and for the dummy hash of unknown usernames. */
  readonly passwordCost: HashCost;
}
