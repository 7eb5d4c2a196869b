// Login throttling (issue 5, point 1): five failures for a username, or twenty
// from one client, and the next attempt waits, twice as long after each further
// failure; the same for usernames that do not exist, so the wait gives nothing away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../server/auth/login-throttle.ts';
import { translator } from '../../server/i18n/messages.ts';
import { ADMIN, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';

const nb = translator('nb');
let target: TestApp;
beforeEach(async () => {
  target = await testApp();
});
afterEach(() => target.close());

async function attempt(username: string, password: string): Promise<Page> {
  const browser = new Browser(target);
  await browser.visit('/login');
  return browser.post('/login', { username, password });
}

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
