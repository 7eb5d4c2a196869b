// `npm run user -- add|passwd|disable` (shared/contract.md, "Running"), run as an
// operator would, on the data dir of a running app: the accounts it makes sign in
// through the real login, with the role they were given.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.ts';
import { attemptSignIn, signedIn } from '../helpers/sign-in.ts';
import { npmRun } from '../helpers/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'survey-cli-'));
let target: TestApp;
beforeAll(async () => {
  target = await testApp({ env: { DATA_DIR: dataDir } });
});
afterAll(() => {
  target.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const userCommand = (args: string[], input = '') => npmRun('user', args, { dataDir, input });

async function signIn(username: string, password: string): Promise<{ status: number; location: string | undefined }> {
  const { page } = await attemptSignIn(target, { username, password });
  return { status: page.status, location: page.location };
}

describe('npm run user', { timeout: 60_000 }, () => {
  it('adds a staff user from a password on standard input, who signs in and is kept out of admin pages', async () => {
    const added = userCommand(['add', '--username', 'ola.staff', '--role', 'staff'], 'first password, long enough\n');
    expect(added).toMatchObject({ status: 0, stdout: 'Added staff ola.staff.\n' });
    expect(await signIn('ola.staff', 'first password, long enough')).toEqual({ status: 303, location: '/staff' });
    const staff = await signedIn(target, { username: 'ola.staff', password: 'first password, long enough' });
    expect((await staff.get('/admin')).status).toBe(403);
  });

  it('adds an admin, who reaches the admin pages', async () => {
    expect(userCommand(['add', '--username', 'kari.admin2', '--role', 'admin'], 'admin password, long enough').status).toBe(0);
    expect(await signIn('kari.admin2', 'admin password, long enough')).toEqual({ status: 303, location: '/admin' });
  });

  it('changes a password: the new one works, the old one no longer does', async () => {
    userCommand(['add', '--username', 'per', '--role', 'staff'], 'old password, long enough\n');
    expect(userCommand(['passwd', '--username', 'per'], 'new password, long enough\n')).toMatchObject({ status: 0 });
    expect((await signIn('per', 'old password, long enough')).status).toBe(401);
    expect((await signIn('per', 'new password, long enough')).status).toBe(303);
  });

  it('disables a user, who can no longer sign in', async () => {
    userCommand(['add', '--username', 'siri', '--role', 'staff'], 'siri password, long enough\n');
    expect(userCommand(['disable', '--username', 'siri'])).toMatchObject({ status: 0 });
    expect((await signIn('siri', 'siri password, long enough')).status).toBe(401);
  });

  it('records each change in the audit log as made on the command line', () => {
    userCommand(['add', '--username', 'logget', '--role', 'staff'], 'a long enough password\n');
    userCommand(['passwd', '--username', 'logget'], 'another long enough password\n');
    userCommand(['role', '--username', 'logget', '--role', 'admin']);
    userCommand(['disable', '--username', 'logget']);
    const events = target.db.conn
      .prepare("SELECT a.event, a.via FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = 'logget' ORDER BY a.id")
      .all();
    expect(events).toEqual(
      ['user_added', 'password_changed', 'role_changed', 'user_disabled'].map((event) => ({ event, via: 'cli' })),
    );
  });

  it.each([
    ['a short password', ['add', '--username', 'kort', '--role', 'staff'], 'short\n', 1, /at least 12 characters/],
    ['an existing user', ['add', '--username', 'kari.admin', '--role', 'admin'], 'another long password\n', 1, /exists already/],
    ['an unknown role', ['add', '--username', 'x', '--role', 'owner'], '', 2, /--role must be admin or staff/],
    ['no username', ['add', '--role', 'staff'], '', 2, /Usage/],
    ['an unknown command', ['delete', '--username', 'kari.admin'], '', 2, /Usage/],
    ['an unknown option', ['add', '--username', 'x', '--role', 'staff', '--password', 'secret'], '', 2, /Usage/],
    ['an unknown user', ['passwd', '--username', 'nobody'], 'a long enough password\n', 1, /There is no user nobody/],
  ] as const)('refuses %s with a clear message and changes nothing', (_, args, input, status, message) => {
    const before = target.db.conn.prepare('SELECT username, password_hash, role, disabled FROM users ORDER BY id').all();
    const run = userCommand([...args], input);
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(message);
    expect(target.db.conn.prepare('SELECT username, password_hash, role, disabled FROM users ORDER BY id').all()).toEqual(before);
  });
});
