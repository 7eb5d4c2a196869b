// A visitor who only looks writes nothing (issue 12, point 3): no request
// without a session cookie, nor one with a cookie that opens nothing, changes a
// row or grows the database file, whatever the path and method. The first POST
// that needs a session makes exactly one row, carrying what the visitor chose.
import { statSync } from 'node:fs';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';

let target: TestApp;
beforeEach(async () => {
  target = await testApp();
});
afterEach(() => target.close());

/** Rows the app's connection has inserted, updated or deleted since it opened. */
const changes = (): number => target.db.conn.prepare('SELECT total_changes()').pluck().get() as number;
const fileBytes = (): number =>
  [target.config.databaseFile, `${target.config.databaseFile}-wal`].reduce((sum, file) => {
    try {
      return sum + statSync(file).size;
    } catch {
      return sum;
    }
  }, 0);
const count = (table: string): number => target.db.conn.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** What a crawler, a health probe or a flood sends: every kind of look, and posts that carry no session. */
const LOOKS: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/'],
  ['GET', '/s/demo'],
  ['GET', '/s/demo?lang=en'],
  ['GET', '/s/demo?kiosk=1'],
  ['GET', '/s/demo/q/age_group'],
  ['GET', '/s/demo/check'],
  ['GET', '/s/demo/receipt'],
  ['GET', '/s/demo/resume'],
  ['GET', '/s/demo/timeout'],
  ['GET', '/s/demo/ended'],
  ['GET', '/s/demo/print?lang=nn'],
  ['GET', '/s/nope'],
  ['GET', '/personvern'],
  ['GET', '/tilgjengelighet?lang=en'],
  ['GET', '/login'],
  ['GET', '/admin'],
  ['GET', '/staff'],
  ['GET', '/no/such/page'],
  ['GET', '/assets/app.css'],
  ['GET', '/healthz'],
  ['HEAD', '/s/demo'],
  ['HEAD', '/no/such/page'],
  ['OPTIONS', '/s/demo'],
  ['TRACE', '/s/demo'],
  ['DELETE', '/s/demo'],
  ['PUT', '/login'],
  ['POST', '/s/demo'],
  ['POST', '/s/demo/q/age_group'],
  ['POST', '/login'],
  ['POST', '/s/demo/help'],
];

async function look(method: string, path: string, cookie?: string): Promise<number> {
  const agent = request(target.app);
  const call = (agent as unknown as Record<string, (path: string) => request.Test>)[method.toLowerCase()]!.call(agent, path);
  if (cookie) call.set('Cookie', cookie);
  if (method === 'POST') call.type('form').send('age_group=3&username=kari.admin&password=x');
  return (await call).status;
}

describe('a visitor who only looks', () => {
  it('leaves no row and does not grow the database, however many come at once', async () => {
    const beforeChanges = changes();
    const beforeBytes = fileBytes();
    // Made-up cookies too: a token nobody issued opens nothing and makes nothing.
    const cookies = [undefined, `sid=${'Q'.repeat(43)}`, `sid=${'Q'.repeat(43)}.en.k`, 'sid=not-a-token'];
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      statuses.push(...(await Promise.all(LOOKS.flatMap(([method, path]) => cookies.map((cookie) => look(method, path, cookie))))));
    }
    expect(statuses).toHaveLength(5 * LOOKS.length * cookies.length);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(changes()).toBe(beforeChanges);
    expect(fileBytes()).toBe(beforeBytes);
    for (const table of ['sessions', 'session_notes', 'drafts', 'responses', 'audit_log', 'help_requests']) {
      expect(count(table), table).toBe(table === 'audit_log' ? 1 : 0);
    }
  });

  it('sets no cookie on a page without a form, and one on a page with a form', async () => {
    for (const path of ['/personvern', '/tilgjengelighet', '/no/such/page', '/healthz', '/assets/app.css']) {
      expect((await request(target.app).get(path)).headers['set-cookie'], path).toBeUndefined();
    }
    const start = await request(target.app).get('/s/demo');
    expect(start.headers['set-cookie']).toEqual([expect.stringMatching(/^sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/)]);
  });
});

describe('the first POST that needs a session', () => {
  it('makes one row, with the language and shared-device mode the visitor chose while only looking', async () => {
    const citizen = new Browser(target);
    await citizen.visit('/s/demo?kiosk=1');
    await citizen.visit('/personvern?lang=en');
    expect(citizen.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', script: false, secure: false })?.value).toMatch(/\.en\.k$/);
    expect(count('sessions')).toBe(0);
    const first = await citizen.submit('/s/demo');
    expect(first.pageId).toBe('age_group');
    expect(first.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    const rows = target.db.conn.prepare('SELECT data FROM sessions').pluck().all() as string[];
    expect(rows.map((data) => JSON.parse(data) as unknown)).toEqual([{ lang: 'en', kiosk: true }]);
    // The stored session has a new token: not the one the browser was handed while only looking.
    expect(citizen.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', script: false, secure: false })?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is refused with another browser’s form token, and makes nothing', async () => {
    const mine = new Browser(target);
    const theirs = new Browser(target);
    await mine.visit('/s/demo');
    await theirs.visit('/s/demo');
    expect(mine.csrf).not.toBe(theirs.csrf);
    const refused = await mine.post('/s/demo', {}, { csrf: theirs.csrf });
    expect(refused.status).toBe(403);
    expect(refused.pageId).toBe('expired');
    expect(count('sessions')).toBe(0);
  });

  it('is not made by a failed sign-in', async () => {
    const visitor = new Browser(target);
    await visitor.visit('/login');
    expect((await visitor.post('/login', { username: 'kari.admin', password: 'wrong password' })).status).toBe(401);
    expect(count('sessions')).toBe(0);
  });
});
