// The audit log (issue 5, point 5, for what exists so far): sign-ins, failed
// sign-ins and sign-outs are recorded with the account and the time, a failed
// sign-in with an unknown username without the name typed, and admins read the
// log at /admin/audit in Norwegian time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { ADMIN, testApp, type TestApp } from '../helpers/app.ts';
import { signedInAdmin } from '../helpers/sign-in.ts';
import { Browser } from '../helpers/browser.ts';

const nb = translator('nb');
let target: TestApp;
beforeEach(async () => {
  target = await testApp();
});
afterEach(() => target.close());

const rows = () =>
  target.db.conn.prepare('SELECT at, event, user_id AS userId, via FROM audit_log ORDER BY id').all() as {
    at: string;
    event: string;
    userId: number | null;
    via: string;
  }[];

describe('the audit log', () => {
  it('records sign-in, a wrong password, an unknown username and sign-out, without the name typed', async () => {
    const adminId = target.stores.users.byUsername(ADMIN.username)!.id;
    const browser = new Browser(target);
    await browser.visit('/login');
    await browser.post('/login', { username: ADMIN.username, password: 'not the password' });
    await browser.post('/login', { username: 'my secret password 123', password: 'x' });
    await browser.post('/login', ADMIN);
    await browser.visit('/admin');
    await browser.post('/logout');
    expect(rows()).toEqual([
      // The first admin, made when the app started (tests/helpers/app.ts).
      { at: '2026-01-01T09:00:00Z', event: 'user_added', userId: adminId, via: 'start' },
      { at: '2026-11-23T22:30:00Z', event: 'login_failed', userId: adminId, via: 'web' },
      { at: '2026-11-23T22:30:00Z', event: 'login_failed', userId: null, via: 'web' },
      { at: '2026-11-23T22:30:00Z', event: 'login', userId: adminId, via: 'web' },
      { at: '2026-11-23T22:30:00Z', event: 'logout', userId: adminId, via: 'web' },
    ]);
    const everything = JSON.stringify(target.db.conn.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain('my secret password');
  });

  it('is shown to admins newest first, in Norwegian time, with unknown usernames named as such', async () => {
    const stranger = new Browser(target);
    await stranger.visit('/login');
    await stranger.post('/login', { username: 'nobody.here', password: 'x' });
    const admin = await signedInAdmin(target);
    const page = await admin.visit('/admin/audit');
    expect(page.pageId).toBe('admin-audit');
    const cells = page.html.querySelectorAll('main tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    // When, what, done by, about whom, what changed, from where.
    expect(cells[0]).toEqual(['2026-11-23 23:30', nb('audit.login'), ADMIN.username, ADMIN.username, '', nb('audit.viaWeb')]);
    expect(cells).toContainEqual(['2026-11-23 23:30', nb('audit.loginFailed'), '–', nb('audit.unknownUser'), '', nb('audit.viaWeb')]);
    expect(page.html.querySelector('main time')?.getAttribute('datetime')).toBe('2026-11-23T22:30:00Z');
    expect((await admin.visit('/admin')).html.querySelector('main a[href="/admin/audit"]')).not.toBeNull();
  });
});
