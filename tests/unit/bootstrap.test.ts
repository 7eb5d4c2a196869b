// First start of a data dir, and the configuration it reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SurveyDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { bootstrapAdmin, seedDemoRound } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function freshDatabase(): SurveyDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'survey-unit-'));
  const db = openDatabase(join(dir, 'survey.sqlite'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

describe('bootstrap', () => {
  it('creates the demo round once', () => {
    const { rounds } = createStores(freshDatabase().conn);
    expect(seedDemoRound(rounds, '2026-11-23')).toBe(true);
    expect(seedDemoRound(rounds, '2026-11-24')).toBe(false);
    expect(rounds.open().map((r) => r.slug)).toEqual(['demo']);
  });

  it('generates a password for `admin` when there is no user, and only then', async () => {
    const { users } = createStores(freshDatabase().conn);
    const first = await bootstrapAdmin(users, undefined, '2026-11-23');
    expect(first.kind).toBe('generated');
    if (first.kind !== 'generated') return;
    expect(first.password.length).toBeGreaterThanOrEqual(20);
    const admin = users.byUsername('admin')!;
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).not.toContain(first.password);
    expect(await verifyPassword(first.password, admin.passwordHash)).toBe(true);
    expect((await bootstrapAdmin(users, undefined, '2026-11-23')).kind).toBe('none');
  });

  it('creates the admin from the environment when that user does not exist, and never overwrites it', async () => {
    const { users } = createStores(freshDatabase().conn);
    const admin = { username: 'ola', password: 'a long enough password' };
    expect((await bootstrapAdmin(users, admin, '2026-11-23')).kind).toBe('from-environment');
    expect((await bootstrapAdmin(users, { ...admin, password: 'another long password' }, '2026-11-23')).kind).toBe('none');
    expect(await verifyPassword('a long enough password', users.byUsername('ola')!.passwordHash)).toBe(true);
  });

  it('applies each migration once', () => {
    const db = freshDatabase();
    const versions = db.conn.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual([1]);
    expect(db.conn.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('config', () => {
  it('has the contract’s defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', sessionIdleMinutes: 30, production: false });
    expect(config.dataDir.endsWith('data')).toBe(true);
    expect(config.admin).toBeUndefined();
  });

  it('refuses a short admin password and a half-set admin, naming the problem', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'a', ADMIN_PASSWORD: 'short' })).toThrow(/at least 12 characters/);
    expect(() => loadConfig({ ADMIN_USERNAME: 'a' })).toThrow(/set together/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
