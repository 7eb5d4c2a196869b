// First-start set-up of a data dir: the demo round and the first admin.
import { randomBytes } from 'node:crypto';
import type { AuditLogStore } from '../db/audit-log.ts';
import type { RoundStore } from '../db/rounds.ts';
import type { UserStore } from '../db/users.ts';
import { DEFAULT_COST, hashPassword, type HashCost } from './auth/password.ts';
import type { Config } from './config.ts';
import { osloDate } from './time.ts';

/** A fresh data dir gets one open round, `demo`, so `npm start` serves a survey at once. */
export function seedDemoRound(rounds: RoundStore, today: string): boolean {
  if (rounds.count() > 0) return false;
  rounds.create({ slug: 'demo', title: 'Demo', organisation: 'Demo kommune', mainLanguage: 'nb', createdDate: today });
  return true;
}

export type AdminBootstrap =
  | { readonly kind: 'none' }
  | { readonly kind: 'from-environment'; readonly username: string }
  | { readonly kind: 'generated'; readonly username: string; readonly password: string };

/**
 * The first admin (shared/contract.md, "Running"): from ADMIN_USERNAME/ADMIN_PASSWORD
 * when that user does not exist yet; else, when there is no user at all, `admin`
 * with a generated password that the caller prints once. Either way the audit
 * log says the account was added at start.
 */
export async function bootstrapAdmin(
  stores: { readonly users: UserStore; readonly auditLog: AuditLogStore },
  admin: Config['admin'],
  now: Date,
  cost: HashCost = DEFAULT_COST,
): Promise<AdminBootstrap> {
  const { users, auditLog } = stores;
  const add = async (username: string, password: string): Promise<void> => {
    const userId = users.create({ username, passwordHash: await hashPassword(password, cost), role: 'admin', createdDate: osloDate(now) });
    auditLog.record({ at: now, event: 'user_added', userId, via: 'start' });
  };
  if (admin) {
    if (users.byUsername(admin.username)) return { kind: 'none' };
    await add(admin.username, admin.password);
    return { kind: 'from-environment', username: admin.username };
  }
  if (users.count() > 0) return { kind: 'none' };
  const password = randomBytes(18).toString('base64url');
  await add('admin', password);
  return { kind: 'generated', username: 'admin', password };
}
