// The audit log of staff and admin accounts (migration 003).
import type { Connection } from './connection.ts';

export const AUDIT_EVENTS = ['login', 'login_failed', 'logout', 'user_added', 'password_changed', 'user_disabled', 'user_enabled'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  readonly id: number;
  /** ISO 8601, UTC, to the second. */
  readonly at: string;
  readonly event: AuditEvent;
  /** The account's username; null for a failed sign-in with a username nobody has. */
  readonly username: string | null;
  readonly via: 'web' | 'cli';
}

export function auditLogStore(conn: Connection) {
  const insert = conn.prepare<[string, AuditEvent, number | null, 'web' | 'cli']>(
    'INSERT INTO audit_log (at, event, user_id, via) VALUES (?, ?, ?, ?)',
  );
  const latest = conn.prepare<[number], AuditEntry>(
    `SELECT a.id, a.at, a.event, u.username, a.via
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
      ORDER BY a.id DESC LIMIT ?`,
  );
  return {
    record(entry: { at: Date; event: AuditEvent; userId: number | null; via: 'web' | 'cli' }): void {
      insert.run(entry.at.toISOString().slice(0, 19) + 'Z', entry.event, entry.userId, entry.via);
    },
    /** Newest first. */
    latest: (limit: number): AuditEntry[] => latest.all(limit),
  };
}

export type AuditLogStore = ReturnType<typeof auditLogStore>;
