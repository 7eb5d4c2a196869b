// Login throttling (issue 5, point 1): five failures for a username, or twenty
// from one client, and the next attempt waits, twice as long after each further
// failure; the same for usernames that do not exist, so the wait gives nothing away.
// Attempts sent at once are counted before their passwords are checked, which
// happens one at a time (issue 12, point 1).
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../server/auth/login-throttle.ts';
import { translator } from '../../server/i18n/messages.ts';
import { addUser, ADMIN, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { attemptSignIn } from '../helpers/sign-in.ts';

const nb = translator('nb');
/** Dearer than the other tests' hashes (a quarter of the real cost), so that checking one takes its time as real ones do. */
const SLOW_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
let target: TestApp;
beforeEach(async () => {
  target = await testApp();
});
afterEach(() => target.close());

const attempt = async (username: string, password: string): Promise<Page> => (await attemptSignIn(target, { username, password })).page;

const message = (page: Page): string => page.html.querySelector('.error-summary a')?.textContent.trim() ?? '';

describe('per username', () => {
  it('lets five wrong passwords through, then makes even the right one wait, then lets it in', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) expect((await attempt(ADMIN.username, `wrong ${i}`)).status).toBe(401);
    const held = await attempt(ADMIN.username, ADMIN.password);
    expect(held.status).toBe(429);
    expect(held.headers['retry-after']).toBe('15');
    expect(held.pageId).toBe('login');
    expect(message(held)).toBe(nb('login.throttled', { wait: '15 sekunder' }));
    target.advance(LOGIN_LIMITS.firstWaitMs);
    expect(await attempt(ADMIN.username, ADMIN.password)).toMatchObject({ status: 303, location: '/admin' });
  });

  it('doubles the wait with every further failure, up to a quarter of an hour', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) await attempt(ADMIN.username, 'wrong');
    const waits: string[] = [];
    for (let i = 0; i < 8; i++) {
      const retry = Number((await attempt(ADMIN.username, 'wrong')).headers['retry-after']);
      waits.push(String(retry));
      target.advance(retry * 1000);
      await attempt(ADMIN.username, 'wrong');
    }
    expect(waits).toEqual(['15', '30', '60', '120', '240', '480', '900', '900']);
  });

  it('treats a username nobody has the same way, so the answer tells nothing', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) expect((await attempt('ingen.her', 'wrong')).status).toBe(401);
    const held = await attempt('ingen.her', 'wrong');
    expect(held.status).toBe(429);
    expect(message(held)).toBe(nb('login.throttled', { wait: '15 sekunder' }));
    // Another username from the same client is not held yet.
    expect(await attempt(ADMIN.username, ADMIN.password)).toMatchObject({ status: 303 });
  });

  it('ignores case, as usernames do', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) await attempt(i % 2 ? ADMIN.username.toUpperCase() : ADMIN.username, 'wrong');
    expect((await attempt(ADMIN.username, ADMIN.password)).status).toBe(429);
  });
});

describe('per client', () => {
  it('holds a client that tries many usernames, even for one it has not tried', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perClient; i++) expect((await attempt(`user${i}`, 'wrong')).status).toBe(401);
    expect((await attempt('someone.new', 'wrong')).status).toBe(429);
    expect((await attempt(ADMIN.username, ADMIN.password)).status).toBe(429);
  });
});

describe('attempts sent at once (issue 12, point 1)', () => {
  /** Browsers that have each opened /login: a session and a CSRF field of their own, as an attacker's script would have. */
  const browsersAtLogin = async (n: number): Promise<Browser[]> =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const browser = new Browser(target);
        await browser.visit('/login');
        return browser;
      }),
    );

  it('lets no more than five of twenty parallel guesses be checked, even when one is the right password', async () => {
    const browsers = await browsersAtLogin(20);
    const RIGHT = 16; // the seventeenth guess
    const pages = await Promise.all(
      browsers.map((b, i) => b.post('/login', { username: ADMIN.username, password: i === RIGHT ? ADMIN.password : `guess ${i}` })),
    );
    const statuses = pages.map((p) => p.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perUsername);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - LOGIN_LIMITS.perUsername);
    expect(pages[RIGHT]!.status).toBe(429);
    // Nobody got in, so nothing was stored for any of them: a failed sign-in needs no session.
    expect(target.db.conn.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    // And the account is still held: the right password waits too.
    expect((await attempt(ADMIN.username, ADMIN.password)).status).toBe(429);
  });

  it('does not forgive wrong passwords sent alongside a right one', async () => {
    // A password that takes its time to check, as real ones do.
    const account = { username: 'kari.saktere', password: 'a slower password to check' };
    await addUser(target, account, 'staff', SLOW_COST);
    const browsers = await browsersAtLogin(4);
    // The right password first, then, while it is being checked, three guesses.
    let rightDone = false;
    const right = browsers[0]!.post('/login', account).then((page) => ((rightDone = true), page));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rightDone).toBe(false);
    const guesses = browsers.slice(1).map((b, i) => b.post('/login', { username: account.username, password: `guess ${i}` }));
    const pages = await Promise.all([right, ...guesses]);
    expect(pages.map((p) => p.status)).toEqual([303, 401, 401, 401]);
    // Three failures stand: two more are free, then the account waits.
    expect((await attempt(account.username, 'guess 4')).status).toBe(401);
    expect((await attempt(account.username, 'guess 5')).status).toBe(401);
    expect((await attempt(account.username, account.password)).status).toBe(429);
  });

  it('checks one password at a time, and serves the stylesheet while the others wait', async () => {
    // Six staff at one library sign in at the same moment.
    const accounts = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const account = { username: `ansatt${i}`, password: `staff password number ${i}` };
        await addUser(target, account, 'staff', SLOW_COST);
        return account;
      }),
    );
    const browsers = await browsersAtLogin(accounts.length);
    let signedIn = 0;
    const logins = browsers.map((b, i) => b.post('/login', accounts[i]!).then((page) => ((signedIn += 1), page)));
    const css = await request(target.app).get('/assets/app.css');
    expect(css.status).toBe(200);
    // The stylesheet came while most sign-ins were still waiting for their turn.
    expect(signedIn).toBeLessThan(accounts.length / 2);
    const pages = await Promise.all(logins);
    expect(pages.map((p) => p.location)).toEqual(accounts.map(() => '/staff'));
  });
});
