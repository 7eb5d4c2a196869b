// An admin's (or staff member's) own password (issue 13, point 8): the current
// password is asked, the length rule holds, every other session of theirs ends
// and this one goes on; wrong guesses, even sent all at once, are limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '../../server/auth/password.ts';
import { translator } from '../../server/i18n/messages.ts';
import { addUser, testApp, type TestApp } from '../helpers/app.ts';
import { attemptSignIn, signedIn } from '../helpers/sign-in.ts';

const nb = translator('nb');
const PATH = '/account/password';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

describe('changing your own password', () => {
  it('asks for the current one, keeps the length rule, ends your other sessions and keeps this one', async () => {
    const account = { username: 'mona.admin', password: 'the first password, long' };
    await addUser(target, account, 'admin');
    const here = await signedIn(target, account, '/admin');
    const elsewhere = await signedIn(target, account, '/admin');
    const page = await here.visit(PATH);
    expect(page).toMatchObject({ status: 200, pageId: 'account-password' });

    const wrong = await here.post(PATH, { current: 'not my password at all', password: 'a brand new password' });
    expect(wrong.status).toBe(401);
    expect(wrong.html.querySelector('.error-summary a')?.textContent).toBe(nb('password.currentWrong'));
    const short = await here.post(PATH, { current: account.password, password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.html.querySelector('.error-summary a')?.textContent).toBe(nb('users.passwordShort', { min: PASSWORD_MIN_LENGTH }));

    const done = await here.submit(PATH, { current: account.password, password: 'a brand new password' });
    expect(done.html.querySelector('[role="status"]')?.textContent).toContain(nb('password.done'));
    expect((await here.visit('/admin')).status).toBe(200);
    expect(await elsewhere.get('/admin')).toMatchObject({ status: 303, location: '/login' });
    expect((await attemptSignIn(target, account)).page.status).toBe(401);
    expect((await attemptSignIn(target, { ...account, password: 'a brand new password' })).page.status).toBe(303);
    const entry = target.db.conn
      .prepare("SELECT u.username AS account, a.username AS actor FROM audit_log l JOIN users u ON u.id = l.user_id JOIN users a ON a.id = l.actor_id WHERE l.event = 'password_changed' ORDER BY l.id DESC LIMIT 1")
      .get();
    expect(entry).toEqual({ account: 'mona.admin', actor: 'mona.admin' });
  });

  it('is open to staff as well, and to nobody signed out', async () => {
    const account = { username: 'per.staff', password: 'staff password, long enough' };
    await addUser(target, account, 'staff');
    const staff = await signedIn(target, account, '/staff');
    expect((await staff.visit(PATH)).status).toBe(200);
    const { browser } = await attemptSignIn(target, { username: 'nobody', password: 'x' });
    expect(await browser.get(PATH)).toMatchObject({ status: 303, location: '/login' });
  });

  it('counts wrong current passwords sent all at once, and then waits', async () => {
    const account = { username: 'gjett.admin', password: 'the right password here' };
    await addUser(target, account, 'admin');
    const browser = await signedIn(target, account, '/admin');
    await browser.visit(PATH);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => browser.post(PATH, { current: `guess number ${i}`, password: 'a brand new password' }).then((p) => p.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    // Even the right one waits now, and nothing changed.
    expect((await browser.post(PATH, { current: account.password, password: 'a brand new password' })).status).toBe(429);
    expect((await attemptSignIn(target, account)).page.status).toBe(303);
  });
});
