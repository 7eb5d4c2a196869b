// All table-group stores over one connection.
import { apiTokenStore } from './api-tokens.ts';
import { auditLogStore } from './audit-log.ts';
import { classificationStore } from './classifications.ts';
import type { Connection } from './connection.ts';
import { draftStore } from './drafts.ts';
import { helpRequestStore } from './help-requests.ts';
import { reportStore } from './report.ts';
import { responseStore } from './responses.ts';
import { roundStore } from './rounds.ts';
import { sessionStore } from './sessions.ts';
import { userStore } from './users.ts';

export function createStores(conn: Connection) {
  return {
    rounds: roundStore(conn),
    users: userStore(conn),
    sessions: sessionStore(conn),
    drafts: draftStore(conn),
    responses: responseStore(conn),
    helpRequests: helpRequestStore(conn),
    auditLog: auditLogStore(conn),
    apiTokens: apiTokenStore(conn),
    classifications: classificationStore(conn),
    report: reportStore(conn),
  };
}
