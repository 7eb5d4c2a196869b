// Sessions end when an account changes (issue 12, point 2): a lock-out, a new
// password or a new role signs out every session of that user at once, through
// the web and the command line alike, and letting a user back in does not
// bring an old session back.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, testApp, type TestApp } from '../helpers/app.ts';
import type { Browser } from '../helpers/browser.ts';
import { ROOT } from '../helpers/server-process.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';

const STAFF = { username: 'lise.bibliotek', password: 'staff password, long enough' } as const;

let target: TestApp;
let staffId: number;
beforeEach(async () => {
  target = await testApp();
  staffId = await addUser(target, STAFF);
});
afterEach(() => target.close());

/** Whether this browser is still signed in: the staff page answers, or sends it to /login. */
const stillSignedIn = async (browser: Browser): Promise<boolean> => {
  const page = await browser.get('/staff');
  if (page.status === 200) return true;
  expect(page.location).toBe('/login');
  return false;
};

/** An admin's change to the staff member on the users page, posted as the page's button would. */
async function changeOnUsersPage(admin: Browser, change: 'disable' | 'enable' | 'make-admin' | 'make-staff'): Promise<void> {
  const page = await admin.visit('/admin/users');
  expect(page.html.querySelector(`form[action="/admin/users/${staffId}/${change}"]`), change).not.toBeNull();
  expect(await admin.post(`/admin/users/${staffId}/${change}`)).toMatchObject({ status: 303, location: '/admin/users' });
}

function userCommand(args: string[], input = ''): void {
  const run = spawnSync('npm', ['run', '--silent', 'user', '--', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: target.config.dataDir, LOG_LEVEL: 'silent' },
  });
  expect(run.status, run.stderr).toBe(0);
}

describe('through the users page', () => {
  it('signs a locked-out user out at once, and letting them back in does not revive the old session', async () => {
    const staff = await signedIn(target, STAFF);
    const admin = await signedInAdmin(target);
    expect(await stillSignedIn(staff)).toBe(true);
    await changeOnUsersPage(admin, 'disable');
    expect(await stillSignedIn(staff)).toBe(false);
    await changeOnUsersPage(admin, 'enable');
    expect(await stillSignedIn(staff)).toBe(false);
    // A fresh sign-in works again.
    expect(await stillSignedIn(await signedIn(target, STAFF))).toBe(true);
  });

  it('ends the sessions of a user whose role changes; the next sign-in has the new role', async () => {
    const staff = await signedIn(target, STAFF);
    const admin = await signedInAdmin(target);
    await changeOnUsersPage(admin, 'make-admin');
    expect(await stillSignedIn(staff)).toBe(false);
    const promoted = await signedIn(target, STAFF, '/admin');
    expect((await promoted.get('/admin')).status).toBe(200);
    await changeOnUsersPage(admin, 'make-staff');
    expect((await promoted.get('/admin')).location).toBe('/login');
    expect((await (await signedIn(target, STAFF)).get('/admin')).status).toBe(403);
    const events = target.db.conn.prepare("SELECT via FROM audit_log WHERE event = 'role_changed' AND user_id = ?").pluck().all(staffId);
    expect(events).toEqual(['web', 'web']);
  });

  it('ends every session of the user, not only the newest', async () => {
    const desk = await signedIn(target, STAFF);
    const phone = await signedIn(target, STAFF);
    await changeOnUsersPage(await signedInAdmin(target), 'disable');
    expect([await stillSignedIn(desk), await stillSignedIn(phone)]).toEqual([false, false]);
  });
});

// Each command is a process of its own, started the way an operator starts it: room for a busy machine.
describe('through the command line', { timeout: 60_000 }, () => {
  it('ends the sessions of a user whose password is changed with npm run user -- passwd', async () => {
    const staff = await signedIn(target, STAFF);
    userCommand(['passwd', '--username', STAFF.username], 'a brand new password, long\n');
    expect(await stillSignedIn(staff)).toBe(false);
    expect(await stillSignedIn(await signedIn(target, { username: STAFF.username, password: 'a brand new password, long' }))).toBe(true);
  });

  it('ends the sessions of a user disabled or given another role on the command line', async () => {
    const first = await signedIn(target, STAFF);
    userCommand(['role', '--username', STAFF.username, '--role', 'admin']);
    expect(await stillSignedIn(first)).toBe(false);
    const second = await signedIn(target, STAFF, '/admin');
    userCommand(['disable', '--username', STAFF.username]);
    expect((await second.get('/admin')).location).toBe('/login');
  });
});
