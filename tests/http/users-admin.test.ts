// The admin page for accounts (issue 5, point 1): admins add staff and admins,
// lock them out and let them back in; every change is in the audit log; bad
// input gets a 400 with the error summary and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { addUser, ADMIN, testApp, type TestApp } from '../helpers/app.ts';
import { attemptSignIn, signedInAdmin } from '../helpers/sign-in.ts';
import { Browser, type Page } from '../helpers/browser.ts';

const nb = translator('nb');
let target: TestApp;
let admin: Browser;
beforeAll(async () => {
  target = await testApp();
  admin = await signedInAdmin(target);
});
afterAll(() => target.close());

const signIn = async (username: string, password: string): Promise<number> => (await attemptSignIn(target, { username, password })).page.status;

const rowOf = (page: Page, username: string) =>
  page.html.querySelectorAll('main tbody tr').find((tr) => tr.querySelector('th')?.textContent.trim() === username);
const summary = (page: Page) => page.html.querySelectorAll('.error-summary a').map((a) => [a.getAttribute('href'), a.textContent.trim()]);
const userCount = (): number => target.db.conn.prepare('SELECT count(*) FROM users').pluck().get() as number;

describe('the users page', () => {
  it('lists the accounts with role and status, and marks your own', async () => {
    const page = await admin.visit('/admin/users');
    expect(page.pageId).toBe('admin-users');
    const own = rowOf(page, ADMIN.username)!;
    expect(own.querySelectorAll('td').map((td) => td.textContent.trim())).toEqual([nb('users.roleAdmin'), nb('users.statusActive'), nb('users.you')]);
    expect(own.querySelector('form')).toBeNull();
  });

  it('adds a staff user who can sign in, and logs it', async () => {
    await admin.visit('/admin/users');
    const res = await admin.post('/admin/users', { username: 'lise.bibliotek', role: 'staff', password: 'a good long password' });
    expect(res).toMatchObject({ status: 303, location: '/admin/users' });
    const page = await admin.visit('/admin/users');
    expect(rowOf(page, 'lise.bibliotek')!.querySelectorAll('td')[0]!.textContent.trim()).toBe(nb('users.roleStaff'));
    expect(await signIn('lise.bibliotek', 'a good long password')).toBe(303);
    const logged = target.db.conn
      .prepare("SELECT a.via FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.event = 'user_added' AND u.username = ?")
      .pluck()
      .all('lise.bibliotek');
    expect(logged).toEqual(['web']);
  });

  it.each([
    ['nothing', {}, [['#username', 'users.usernameMissing'], ['#role-staff', 'users.roleMissing'], ['#password', 'users.passwordShort']]],
    ['a short password', { username: 'kort', role: 'staff', password: 'short' }, [['#password', 'users.passwordShort']]],
    ['a space in the username', { username: 'ola nordmann', role: 'staff', password: 'a good long password' }, [['#username', 'users.usernameCharacters']]],
    ['an unknown role', { username: 'ola', role: 'owner', password: 'a good long password' }, [['#role-staff', 'users.roleMissing']]],
    ['a username that exists, in other case', { username: ADMIN.username.toUpperCase(), role: 'staff', password: 'a good long password' }, [['#username', 'users.usernameTaken']]],
  ] as const)('refuses %s with 400, the summary, the typing kept and no password echoed', async (_, fields, expected) => {
    await admin.visit('/admin/users');
    const before = userCount();
    const page = await admin.post('/admin/users', fields);
    expect(page.status).toBe(400);
    expect(page.html.querySelector('title')?.textContent).toMatch(/^Feil: /);
    expect(summary(page)).toEqual(expected.map(([href, key]) => [href, nb(key, { min: 12 })]));
    expect(page.html.querySelector('#password')?.getAttribute('value')).toBe('');
    if ('username' in fields) expect(page.html.querySelector('#username')?.getAttribute('value')).toBe(fields.username);
    expect(userCount()).toBe(before);
  });

  it('locks a user out and lets them back in, each logged', async () => {
    await admin.visit('/admin/users');
    await admin.post('/admin/users', { username: 'tor', role: 'staff', password: 'tor password, long enough' });
    const id = target.stores.users.byUsername('tor')!.id;
    expect(await admin.post(`/admin/users/${id}/disable`)).toMatchObject({ status: 303, location: '/admin/users' });
    expect(rowOf(await admin.visit('/admin/users'), 'tor')!.querySelectorAll('td')[1]!.textContent.trim()).toBe(nb('users.statusDisabled'));
    expect(await signIn('tor', 'tor password, long enough')).toBe(401);
    await admin.post(`/admin/users/${id}/enable`);
    expect(await signIn('tor', 'tor password, long enough')).toBe(303);
    const events = target.db.conn.prepare('SELECT event FROM audit_log WHERE user_id = ? AND via = ? ORDER BY id').pluck().all(id, 'web');
    expect(events).toEqual(['user_added', 'user_disabled', 'login_failed', 'user_enabled', 'login']);
  });

  it('does not let an admin lock themselves out', async () => {
    await admin.visit('/admin/users');
    const self = target.stores.users.byUsername(ADMIN.username)!;
    const page = await admin.post(`/admin/users/${self.id}/disable`);
    expect(page.status).toBe(400);
    expect(summary(page)[0]?.[1]).toBe(nb('users.notYourself'));
    expect(target.stores.users.byId(self.id)!.disabled).toBe(false);
  });

  it('answers 404 for an unknown user or change', async () => {
    await admin.visit('/admin/users');
    expect((await admin.post('/admin/users/99999/disable')).status).toBe(404);
    expect((await admin.post('/admin/users/abc/disable')).status).toBe(404);
    const someone = await addUser(target, { username: 'ukjent.endring', password: 'a long enough password' });
    expect((await admin.post(`/admin/users/${someone}/promote`)).status).toBe(404);
  });
});
