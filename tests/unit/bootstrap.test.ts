// First start of a data dir, and the configuration it reads.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, openDatabase, type SurveyDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { bootstrapAdmin, seedDemoRound } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';

const MIGRATIONS = join(import.meta.dirname, '..', '..', 'db', 'migrations');
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
    expect(rounds.all().filter((r) => r.status === 'open').map((r) => r.slug)).toEqual(['demo']);
  });

  const NOW = new Date('2026-11-23T08:00:00Z');

  it('generates a password for `admin` when there is no user, and only then', async () => {
    const stores = createStores(freshDatabase().conn);
    const { users } = stores;
    const first = await bootstrapAdmin(stores, undefined, NOW);
    expect(first.kind).toBe('generated');
    if (first.kind !== 'generated') return;
    expect(first.password.length).toBeGreaterThanOrEqual(20);
    const admin = users.byUsername('admin')!;
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).not.toContain(first.password);
    expect(await verifyPassword(first.password, admin.passwordHash)).toBe(true);
    expect((await bootstrapAdmin(stores, undefined, NOW)).kind).toBe('none');
    // The audit log says where the first admin came from, once.
    expect(stores.auditLog.latest(10).map((e) => [e.event, e.username, e.via, e.at])).toEqual([
      ['user_added', 'admin', 'start', '2026-11-23T08:00:00Z'],
    ]);
  });

  it('creates the admin from the environment when that user does not exist, and never overwrites it', async () => {
    const stores = createStores(freshDatabase().conn);
    const { users } = stores;
    const admin = { username: 'ola', password: 'a long enough password' };
    expect((await bootstrapAdmin(stores, admin, NOW)).kind).toBe('from-environment');
    expect((await bootstrapAdmin(stores, { ...admin, password: 'another long password' }, NOW)).kind).toBe('none');
    expect(stores.auditLog.latest(10).map((e) => [e.event, e.username, e.via])).toEqual([['user_added', 'ola', 'start']]);
    expect(await verifyPassword('a long enough password', users.byUsername('ola')!.passwordHash)).toBe(true);
  });

  it('applies each migration once', () => {
    const db = freshDatabase();
    const versions = db.conn.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    // One per file in db/migrations, in order.
    const files = readdirSync(MIGRATIONS).filter((f) => /^\d{3}_.*\.sql$/.test(f)).sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(versions).toEqual(files.map((f) => Number(f.slice(0, 3))));
    expect(migrate(db.conn)).toEqual([]);
    expect(db.conn.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('keeps the unfinished answers of a version-1 database through the upgrade', () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-unit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const old = new Database(join(dir, 'survey.sqlite'));
    old.pragma('foreign_keys = ON');
    const only001 = join(dir, 'migrations');
    mkdirSync(only001);
    copyFileSync(join(MIGRATIONS, '001_initial.sql'), join(only001, '001_initial.sql'));
    migrate(old, only001);
    old.exec(`INSERT INTO rounds (slug, title, organisation, created_date) VALUES ('r', 'R', 'K', '2026-01-01');
              INSERT INTO sessions (id_hash, data, expires_at) VALUES ('s', '{}', 1);
              INSERT INTO drafts (session_hash, round_id, answers, updated_date) VALUES ('s', 1, '{"age_group":6}', '2026-11-23');`);
    old.close();
    const db = openDatabase(join(dir, 'survey.sqlite'));
    cleanups.unshift(() => db.close());
    expect(db.conn.prepare('SELECT session_hash, answers, resume_hash FROM drafts').all()).toEqual([
      { session_hash: 's', answers: '{"age_group":6}', resume_hash: null },
    ]);
    expect(db.conn.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps the audit log of a version-3 database through the upgrade, ids and all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-unit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const old = new Database(join(dir, 'survey.sqlite'));
    old.pragma('foreign_keys = ON');
    const upTo003 = join(dir, 'migrations');
    mkdirSync(upTo003);
    for (const file of readdirSync(MIGRATIONS).filter((f) => /^00[1-3]_/.test(f))) copyFileSync(join(MIGRATIONS, file), join(upTo003, file));
    migrate(old, upTo003);
    old.exec(`INSERT INTO users (username, password_hash, role, created_date) VALUES ('ola', 'x', 'admin', '2026-01-01');
              INSERT INTO audit_log (at, event, user_id, via) VALUES ('2026-11-01T08:00:00Z', 'login', 1, 'web');
              INSERT INTO audit_log (at, event, user_id, via) VALUES ('2026-11-02T08:00:00Z', 'logout', 1, 'web');
              DELETE FROM audit_log WHERE id = 2;`);
    old.close();
    const db = openDatabase(join(dir, 'survey.sqlite'));
    cleanups.unshift(() => db.close());
    const { auditLog } = createStores(db.conn);
    auditLog.record({ at: NOW, event: 'logout', userId: 1, via: 'web' });
    // The kept entry keeps its id, and a new one never reuses a deleted one's (AUTOINCREMENT).
    expect(auditLog.latest(10).map((e) => [e.id, e.event])).toEqual([
      [3, 'logout'],
      [1, 'login'],
    ]);
    expect(db.conn.pragma('foreign_key_check')).toEqual([]);
  });

  it('counts the responses of a version-6 database into the report tallies on upgrade, as counting them afresh does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-unit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const old = new Database(join(dir, 'survey.sqlite'));
    old.pragma('foreign_keys = ON');
    const upTo006 = join(dir, 'migrations');
    mkdirSync(upTo006);
    for (const file of readdirSync(MIGRATIONS).filter((f) => /^00[1-6]_/.test(f))) copyFileSync(join(MIGRATIONS, file), join(upTo006, file));
    migrate(old, upTo006);
    old.exec(`INSERT INTO rounds (slug, title, organisation, created_date) VALUES ('r', 'R', 'K', '2026-01-01');
              INSERT INTO responses (round_id, language, mode, submitted_date, instrument_version) VALUES (1, 'nb', 'self', '2026-03-01', 'v'), (1, 'nn', 'paper', '2026-03-01', 'v');
              INSERT INTO answers (response_id, question_id, code) VALUES (1, 'age_group', 6), (1, 'gender', 1), (1, 'devices', 1), (1, 'devices', 2), (1, 'income', 9),
                                                                         (2, 'age_group', 3), (2, 'channel_pref', 4);
              INSERT INTO classifications (response_id, rule_version, segment, reasons, svart_sarbar) VALUES (1, 'utsatt-2022.1', 'utsatt', 'age', 0), (2, 'utsatt-2022.1', 'ukjent', '', 0);`);
    old.close();
    const db = openDatabase(join(dir, 'survey.sqlite'));
    cleanups.unshift(() => db.close());
    const rows = (sql: string) => db.conn.prepare(sql).raw().all();
    expect(rows('SELECT segment, reasons, mode, language, age_group, gender, n FROM respondent_tallies ORDER BY segment')).toEqual([
      ['ukjent', '', 'paper', 'nn', 3, 0, 1],
      ['utsatt', 'age', 'self', 'nb', 6, 1, 1],
    ]);
    // Code 0 counts who answered a question with any code but 9: devices once, income (9) not at all.
    expect(rows("SELECT question_id, code, n FROM answer_tallies a JOIN tally_strata s ON s.id = a.stratum_id WHERE s.segment = 'utsatt' ORDER BY question_id, code")).toEqual([
      ['age_group', 0, 1],
      ['age_group', 6, 1],
      ['devices', 0, 1],
      ['devices', 1, 1],
      ['devices', 2, 1],
      ['gender', 0, 1],
      ['gender', 1, 1],
      ['income', 9, 1],
    ]);
    expect(db.conn.pragma('foreign_key_check')).toEqual([]);
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
