// Signing in through the real /login form, as staff and admins do: one helper
// for every test that needs a signed-in browser or a sign-in attempt.
import { expect } from 'vitest';
import { ADMIN, type TestApp } from './app.ts';
import { Browser, type Page } from './browser.ts';

export interface Account {
  readonly username: string;
  readonly password: string;
}

/** A new browser that opens /login and posts it; the answer is the page or redirect that came back. */
export async function attemptSignIn(target: TestApp, account: Account): Promise<{ browser: Browser; page: Page }> {
  const browser = new Browser(target);
  await browser.visit('/login');
  return { browser, page: await browser.post('/login', { username: account.username, password: account.password }) };
}

/**
 * A browser signed in as this account, checked to land on its home page (/admin
 * for admins, /staff for staff), and on it, as a person would be: its forms
 * carry the new session's token.
 */
export async function signedIn(target: TestApp, account: Account, home: '/admin' | '/staff' = '/staff'): Promise<Browser> {
  const { browser, page } = await attemptSignIn(target, account);
  expect(page, `signing in as ${account.username}`).toMatchObject({ status: 303, location: home });
  expect((await browser.visit(home)).status).toBe(200);
  return browser;
}

export const signedInAdmin = (target: TestApp): Promise<Browser> => signedIn(target, ADMIN, '/admin');
