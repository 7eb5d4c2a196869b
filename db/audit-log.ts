// The audit log (migrations 003 and 004): account events with their time, and
// the responses staff made with their day only.
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
  'response_created',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];
export type AccountEvent = Exclude<AuditEvent, 'response_created'>;
/** Where an entry came from: the web, the user command, or the app's first start. */
export type AuditSource = 'web' | 'cli' | 'start';
export type StaffMode = Exclude<Mode, 'self'>;

export interface AuditEntry {
  readonly id: number;
  /** ISO 8601 UTC to the second; for a response, its date (YYYY-MM-DD) only. */
  readonly at: string;
  readonly event: AuditEvent;
  /** The account's username; null for a failed sign-in with a username nobody has. */
  readonly username: string | null;
  readonly via: AuditSource;
  /** For a response: its round's slug and how it was made. */
  readonly round: string | null;
  readonly mode: StaffMode | null;
}

export function auditLogStore(conn: Connection) {
  const insert = conn.prepare<[string, AuditEvent, number | null, AuditSource, number | null, StaffMode | null]>(
    'INSERT INTO audit_log (at, event, user_id, via, round_id, mode) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latest = conn.prepare<[number], AuditEntry>(
    `SELECT a.id, a.at, a.event, u.username, a.via, r.slug AS round, a.mode
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN rounds r ON r.id = a.round_id
      ORDER BY a.id DESC LIMIT ?`,
  );
  return {
    record(entry: { at: Date; event: AccountEvent; userId: number | null; via: AuditSource }): void {
      insert.run(entry.at.toISOString().slice(0, 19) + 'Z', entry.event, entry.userId, entry.via, null, null);
    },
    /** A response made by a staff member: who, how, where and which day, never the answers or the response. */
    recordResponse(entry: { date: string; userId: number; roundId: number; mode: StaffMode }): void {
      insert.run(entry.date, 'response_created', entry.userId, 'web', entry.roundId, entry.mode);
    },
    /** Newest first. */
    latest: (limit: number): AuditEntry[] => latest.all(limit),
  };
}

export type AuditLogStore = ReturnType<typeof auditLogStore>;
