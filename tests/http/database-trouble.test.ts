// A database in trouble fails fast and honestly (issue 12, point 4). Another
// program holding the write lock: a write gives up after about a second with
// 503, Retry-After and a page in the citizen's language that posts the same
// answers again, while pages that only read go on; /healthz says 503 within two
// seconds; once the lock is gone, the retry stores the answer. A full database:
// 503 and a log line with the cause, and nothing half-stored. Start-up on a data
// dir that cannot be used: one line naming it, exit 1, no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { ROOT } from '../helpers/server-process.ts';
import { start } from '../helpers/survey.ts';

const en = translator('en');
let target: TestApp;
beforeEach(async () => {
  target = await testApp({ captureLog: true });
});
afterEach(() => target.close());

/** Another program's connection holding the write lock, as an admin's sqlite3 shell or a stuck job would. */
function lockFromElsewhere(): () => void {
  const other = new Database(target.config.databaseFile);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

/** The hidden fields of the 503 page's form: what it will post again. */
const retryFields = (page: Page): Record<string, string> =>
  Object.fromEntries(
    page.html
      .querySelectorAll('main form input[type="hidden"]')
      .map((input) => [input.getAttribute('name')!, input.getAttribute('value')!]),
  );

const answersStored = (): number => target.db.conn.prepare("SELECT count(*) FROM drafts WHERE answers LIKE '%age_group%'").pluck().get() as number;

describe('another program holds the write lock', () => {
  it('answers a write with 503 in the citizen’s language, keeping the answer to send again; reads go on', async () => {
    const citizen = new Browser(target);
    await start(citizen, 'demo', 'en');
    const release = lockFromElsewhere();
    try {
      const started = Date.now();
      const refused = await citizen.post('/s/demo/q/age_group', { age_group: '3' });
      const waited = Date.now() - started;
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.pageId).toBe('unavailable');
      expect(refused.html.querySelector('html')?.getAttribute('lang')).toBe('en');
      expect(refused.html.querySelector('h1')?.textContent).toBe(en('unavailable.title'));
      // It waited about a second for the lock, not the old five.
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(4000);
      const form = refused.html.querySelector('main form')!;
      expect(form.getAttribute('action')).toBe('/s/demo/q/age_group');
      expect(retryFields(refused)).toMatchObject({ age_group: '3' });
      expect(answersStored()).toBe(0);
      // Reading goes on while the lock is held, even when the session is due to have its idle limit extended.
      target.advance(5 * 60_000);
      expect((await citizen.get('/s/demo/q/age_group')).status).toBe(200);
      expect((await request(target.app).get('/personvern')).status).toBe(200);
      // The cause is logged, and nothing the citizen sent.
      const logged = target.logLines.map((line) => JSON.parse(line) as { msg: string; status?: number; cause?: { code?: string } });
      expect(logged.find((l) => l.msg === 'database unavailable')).toMatchObject({ status: 503, cause: { code: 'SQLITE_BUSY' } });
      expect(target.logLines.join('\n')).not.toContain('age_group=3');
    } finally {
      release();
    }
    // The lock is gone: the page's own retry form stores the answer.
    const retried = await citizen.post('/s/demo/q/age_group', { age_group: '3' });
    expect(retried).toMatchObject({ status: 303, location: '/s/demo/q/gender' });
    expect(answersStored()).toBe(1);
  });

  it('keeps serving other requests while a write waits', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    const release = lockFromElsewhere();
    try {
      let writeDone = false;
      const write = citizen.post('/s/demo/q/age_group', { age_group: '3' }).then((page) => ((writeDone = true), page));
      const [css, startPage] = await Promise.all([request(target.app).get('/assets/app.css'), request(target.app).get('/s/demo')]);
      expect([css.status, startPage.status]).toEqual([200, 200]);
      expect(writeDone).toBe(false);
      expect((await write).status).toBe(503);
    } finally {
      release();
    }
  });

  it('makes /healthz answer 503 within two seconds, and 200 again once the lock is gone', async () => {
    expect((await request(target.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const release = lockFromElsewhere();
    try {
      const started = Date.now();
      const locked = await request(target.app).get('/healthz');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(locked.status).toBe(503);
      expect(locked.body).toEqual({ status: 'unavailable', problem: 'database locked' });
    } finally {
      release();
    }
    expect((await request(target.app).get('/healthz')).status).toBe(200);
  });
});

describe('a database that is full', () => {
  /** Fills the database up to a cap it cannot grow past, as a full disk would: the next row at the end of the audit log does not fit. */
  function fillUp(): void {
    const { conn } = target.db;
    conn.pragma(`max_page_count = ${conn.pragma('page_count', { simple: true }) as number}`);
    const insert = conn.prepare("INSERT INTO audit_log (at, event, user_id, via) VALUES ('2026-11-23T22:30:00Z', 'login', 1, 'web')");
    for (let i = 0; i < 100_000; i++) {
      try {
        insert.run();
      } catch (err) {
        expect((err as { code?: string }).code).toBe('SQLITE_FULL');
        return;
      }
    }
    throw new Error('the database never filled up');
  }

  it('answers a sign-in 503 with the cause in the log, asks for the password again, and signs in once there is room', async () => {
    const admin = new Browser(target);
    await admin.visit('/login?lang=en');
    fillUp();
    const refused = await admin.post('/login', { username: 'kari.admin', password: 'correct horse battery staple' });
    expect(refused.status).toBe(503);
    expect(refused.pageId).toBe('unavailable');
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    // No form posts the password again: it is never written into a page.
    expect(refused.text).not.toContain('correct horse');
    expect(refused.html.querySelector('main form')).toBeNull();
    expect(target.db.conn.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    const logged = target.logLines.map((line) => JSON.parse(line) as { msg: string; cause?: { code?: string } });
    expect(logged.find((l) => l.msg === 'database unavailable')?.cause?.code).toBe('SQLITE_FULL');
    expect(target.logLines.join('\n')).not.toContain('correct horse');
    target.db.conn.pragma('max_page_count = 1073741823');
    await admin.visit('/login');
    expect((await admin.post('/login', { username: 'kari.admin', password: 'correct horse battery staple' })).location).toBe('/admin');
  });

  it('makes /healthz say so when the data folder cannot be written', async () => {
    rmSync(target.config.dataDir, { recursive: true, force: true });
    const res = await request(target.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', problem: 'disk not writable' });
  });
});

describe('starting on a data dir that cannot be used', { timeout: 60_000 }, () => {
  const startWith = (dataDir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
    });

  it.each([
    ['is a file', (dir: string) => (writeFileSync(join(dir, 'file'), 'x'), join(dir, 'file'))],
    ['holds a database file that is not a database', (dir: string) => (writeFileSync(join(dir, 'survey.sqlite'), 'not a database, just text '.repeat(200)), dir)],
  ])('exits 1 with one line naming the path when the data dir %s', (_, make) => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-broken-'));
    try {
      const dataDir = make(dir);
      const run = startWith(dataDir);
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Cannot use the database .*survey\.sqlite: /);
      expect(lines[0]).toContain(dataDir);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
