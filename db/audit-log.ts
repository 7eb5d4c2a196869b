// The audit log (migrations 003–006): account, round and token events with their
// time and who did them; the responses staff made and the downloads of data,
// counted per day (migration 005 moved such things out of the timed sequence
// so that no response can be placed between two sign-ins).
import type { Connection } from './connection.ts';
import { addDays, osloMidnight } from '../server/time.ts';
import type { Mode } from './drafts.ts';

export const AUDIT_EVENTS = [
  'login',
  'login_failed',
  'logout',
  'user_added',
  'password_changed',
  'user_disabled',
  'user_enabled',
  'role_changed',
  'round_created',
  'round_changed',
  'round_opened',
  'round_closed',
  'token_created',
  'token_revoked',
  'reclassified',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];
/** Where an entry came from: the web, the user command, or the app's first start. */
export type AuditSource = 'web' | 'cli' | 'start';
export type StaffMode = Exclude<Mode, 'self'>;

export interface AuditEntry {
  readonly id: number;
  /** ISO 8601 UTC to the second. */
  readonly at: string;
  readonly event: AuditEvent;
  /** The account it is about; null for a failed sign-in with a username nobody has, and for entries about no account. */
  readonly username: string | null;
  /** Who did it; null from the command line or the app's start. */
  readonly actor: string | null;
  readonly round: string | null;
  readonly token: string | null;
  readonly detail: string | null;
  readonly via: AuditSource;
}

/** What an entry records besides its time: the event, who did it, and what it was about. */
export interface NewAuditEntry {
  readonly at: Date;
  readonly event: AuditEvent;
  /** The account it is about. */
  readonly userId?: number | null;
  /** The admin who did it (for sign-ins, the account itself); absent from the command line. */
  readonly actorId?: number | null;
  readonly roundId?: number | null;
  readonly tokenId?: number | null;
  readonly detail?: string | null;
  readonly via: AuditSource;
}

/** A round's or account's data fetched on a day: by whom (an account or a token), what and how often. */
export interface DataAccessDay {
  readonly day: string;
  readonly username: string | null;
  readonly token: string | null;
  readonly round: string;
  readonly what: string;
  readonly times: number;
}

/** Which entries the audit page shows: some events, between two days (Oslo calendar days, inclusive). */
export interface AuditFilter {
  readonly events: readonly AuditEvent[];
  readonly from: string | null;
  readonly to: string | null;
  readonly limit: number;
}

/** The UTC instants (as stored in `at`) a filter's Oslo days begin and end at. */
const instants = (filter: Pick<AuditFilter, 'from' | 'to'>) => ({
  fromAt: filter.from === null ? null : stamp(osloMidnight(filter.from)),
  untilAt: filter.to === null ? null : stamp(osloMidnight(addDays(filter.to, 1))),
});
const stamp = (at: Date): string => at.toISOString().slice(0, 19) + 'Z';

/** How many responses one staff member made in one round, one way, on one day. */
export interface StaffResponseDay {
  readonly day: string;
  readonly username: string;
  readonly round: string;
  readonly mode: StaffMode;
  readonly responses: number;
}

export function auditLogStore(conn: Connection) {
  const insert = conn.prepare<[string, AuditEvent, number | null, number | null, number | null, number | null, string | null, AuditSource]>(
    'INSERT INTO audit_log (at, event, user_id, actor_id, round_id, token_id, detail, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // `at` is UTC to the second in one fixed format, so instants compare as text.
  const filtered = conn.prepare<[{ events: string; fromAt: string | null; untilAt: string | null; limit: number }], AuditEntry>(
    `SELECT a.id, a.at, a.event, u.username, actor.username AS actor, r.slug AS round, t.name AS token, a.detail, a.via
       FROM audit_log a
       LEFT JOIN users u ON u.id = a.user_id
       LEFT JOIN users actor ON actor.id = a.actor_id
       LEFT JOIN rounds r ON r.id = a.round_id
       LEFT JOIN api_tokens t ON t.id = a.token_id
      WHERE a.event IN (SELECT value FROM json_each(@events))
        AND (@fromAt IS NULL OR a.at >= @fromAt)
        AND (@untilAt IS NULL OR a.at < @untilAt)
      ORDER BY a.id DESC LIMIT @limit`,
  );
  const countAccess = conn.prepare<[string, number | null, number | null, number, string]>(
    `INSERT INTO data_access_days (day, user_id, token_id, round_id, what, times) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT (day, ifnull(user_id, 0), ifnull(token_id, 0), round_id, what) DO UPDATE SET times = times + 1`,
  );
  const accessDays = conn.prepare<[{ from: string | null; to: string | null; limit: number }], DataAccessDay>(
    `SELECT d.day, u.username, t.name AS token, r.slug AS round, d.what, d.times
       FROM data_access_days d
       JOIN rounds r ON r.id = d.round_id
       LEFT JOIN users u ON u.id = d.user_id
       LEFT JOIN api_tokens t ON t.id = d.token_id
      WHERE (@from IS NULL OR d.day >= @from) AND (@to IS NULL OR d.day <= @to)
      ORDER BY d.day DESC, r.slug, u.username, t.name, d.what LIMIT @limit`,
  );
  const countResponse = conn.prepare<[string, number, number, StaffMode]>(
    `INSERT INTO staff_response_days (day, user_id, round_id, mode, responses) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (day, user_id, round_id, mode) DO UPDATE SET responses = responses + 1`,
  );
  const latestDays = conn.prepare<[{ from: string | null; to: string | null; limit: number }], StaffResponseDay>(
    `SELECT d.day, u.username, r.slug AS round, d.mode, d.responses
       FROM staff_response_days d JOIN users u ON u.id = d.user_id JOIN rounds r ON r.id = d.round_id
      WHERE (@from IS NULL OR d.day >= @from) AND (@to IS NULL OR d.day <= @to)
      ORDER BY d.day DESC, u.username, r.slug, d.mode LIMIT @limit`,
  );
  return {
    record(entry: NewAuditEntry): void {
      insert.run(
        stamp(entry.at),
        entry.event,
        entry.userId ?? null,
        entry.actorId ?? null,
        entry.roundId ?? null,
        entry.tokenId ?? null,
        entry.detail ?? null,
        entry.via,
      );
    },
    /** A download of a round's data by an account or a token: counted on its day, never timed. */
    recordDataAccess(entry: { date: string; userId: number | null; tokenId: number | null; roundId: number; what: string }): void {
      countAccess.run(entry.date, entry.userId, entry.tokenId, entry.roundId, entry.what);
    },
    /** Newest first. */
    find: (filter: AuditFilter): AuditEntry[] => filtered.all({ events: JSON.stringify(filter.events), ...instants(filter), limit: filter.limit }),
    /** Newest day first. */
    dataAccessDays: (filter: Omit<AuditFilter, 'events'>): DataAccessDay[] => accessDays.all({ from: filter.from, to: filter.to, limit: filter.limit }),
    /** A response made by a staff member: counted on its day, never named or timed. */
    recordResponse(entry: { date: string; userId: number; roundId: number; mode: StaffMode }): void {
      countResponse.run(entry.date, entry.userId, entry.roundId, entry.mode);
    },
    /** Newest first, every kind. */
    latest: (limit: number): AuditEntry[] => filtered.all({ events: JSON.stringify(AUDIT_EVENTS), fromAt: null, untilAt: null, limit }),
    /** Newest day first. */
    staffResponseDays: (filter: Omit<AuditFilter, 'events'>): StaffResponseDay[] => latestDays.all({ from: filter.from, to: filter.to, limit: filter.limit }),
  };
}

export type AuditLogStore = ReturnType<typeof auditLogStore>;
