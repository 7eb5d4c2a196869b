// The audit log (migrations 003–005): account events with their time, and the
// responses staff made, counted per day (migration 005 moved them out of the
// timed sequence so that no response can be placed between two sign-ins).
import type { Connection } from './connection.ts';
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
  /** The account's username; null for a failed sign-in with a username nobody has. */
  readonly username: string | null;
  readonly via: AuditSource;
}

/** How many responses one staff member made in one round, one way, on one day. */
export interface StaffResponseDay {
  readonly day: string;
  readonly username: string;
  readonly round: string;
  readonly mode: StaffMode;
  readonly responses: number;
}

export function auditLogStore(conn: Connection) {
  const insert = conn.prepare<[string, AuditEvent, number | null, AuditSource]>(
    'INSERT INTO audit_log (at, event, user_id, via) VALUES (?, ?, ?, ?)',
  );
  const latest = conn.prepare<[number], AuditEntry>(
    `SELECT a.id, a.at, a.event, u.username, a.via
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
      ORDER BY a.id DESC LIMIT ?`,
  );
  const countResponse = conn.prepare<[string, number, number, StaffMode]>(
    `INSERT INTO staff_response_days (day, user_id, round_id, mode, responses) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (day, user_id, round_id, mode) DO UPDATE SET responses = responses + 1`,
  );
  const latestDays = conn.prepare<[number], StaffResponseDay>(
    `SELECT d.day, u.username, r.slug AS round, d.mode, d.responses
       FROM staff_response_days d JOIN users u ON u.id = d.user_id JOIN rounds r ON r.id = d.round_id
      ORDER BY d.day DESC, u.username, r.slug, d.mode LIMIT ?`,
  );
  return {
    record(entry: { at: Date; event: AuditEvent; userId: number | null; via: AuditSource }): void {
      insert.run(entry.at.toISOString().slice(0, 19) + 'Z', entry.event, entry.userId, entry.via);
    },
    /** A response made by a staff member: counted on its day, never named or timed. */
    recordResponse(entry: { date: string; userId: number; roundId: number; mode: StaffMode }): void {
      countResponse.run(entry.date, entry.userId, entry.roundId, entry.mode);
    },
    /** Newest first. */
    latest: (limit: number): AuditEntry[] => latest.all(limit),
    /** Newest day first. */
    staffResponseDays: (limit: number): StaffResponseDay[] => latestDays.all(limit),
  };
}

export type AuditLogStore = ReturnType<typeof auditLogStore>;
