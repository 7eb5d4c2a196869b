// Every page outside the question walk, in real Chromium, in every language,
// with JavaScript on and off: the list of rounds, the accessibility statement, privacy,
// "not found", a closed round and one not yet open, a form post that is too large, an expired form, the login page and its error
// states, the admin page and its subpages (a round's poster among them; the pages of issue 13 are in admin-pages.test.ts), "no access" for staff, and the server-error page. Each
// gets the same checks as the survey pages (Visitor.audit), and on each the
// first Tab reaches the skip link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { LANGUAGES, type Language } from '../../server/survey/types.ts';
import { addUser, ADMIN } from '../helpers/app.ts';
import { expectErrorContract, MODES, startTarget, visitPage, Visitor, type Mode, type Target } from './support.ts';

const STAFF = { username: 'per.staff', password: 'staff password long enough' } as const;
const CLOSED_ROUND = 'host-2025';
const UPCOMING_ROUND = 'snart';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
  const { rounds } = target.app.stores;
  // A second open round, so that / lists rounds instead of leading straight to demo.
  rounds.create({ slug: 'var-2027', title: 'Innbyggerundersøkelse våren 2027', organisation: 'Demo kommune', mainLanguage: 'nn', createdDate: '2026-11-01' });
  rounds.create({ slug: CLOSED_ROUND, title: 'Innbyggerundersøkelse høsten 2025', organisation: 'Demo kommune', mainLanguage: 'nb', createdDate: '2025-09-01' });
  target.app.db.conn.prepare("UPDATE rounds SET status = 'closed' WHERE slug = ?").run(CLOSED_ROUND);
  rounds.create({ slug: UPCOMING_ROUND, title: 'Innbyggerundersøkelse 2099', organisation: 'Demo kommune', mainLanguage: 'nb', createdDate: '2026-11-01', opensDate: '2099-01-01' });
  await addUser(target.app, STAFF);
});
afterAll(async () => target?.close());

const visit = visitPage;

async function signIn(visitor: Visitor, lang: Language, user: { username: string; password: string }): Promise<void> {
  const t = translator(lang);
  const { page } = visitor;
  await page.getByLabel(t('login.username'), { exact: true }).fill(user.username);
  await page.getByLabel(t('login.password'), { exact: true }).fill(user.password);
  await page.getByRole('button', { name: t('login.title') }).click();
}

describe.each(MODES)('$name', (mode: Mode) => {
  it.each(LANGUAGES)('passes every check on the pages citizens meet around the survey, in %s', async (lang) => {
    const t = translator(lang);
    const visitor = await Visitor.open(target, mode);
    const { page } = visitor;

    await visit(visitor, `/?lang=${lang}`, { status: 200, pageId: 'rounds' });
    await visitor.audit('rounds');

    await visit(visitor, '/tilgjengelighet', { status: 200, pageId: 'accessibility' });
    await visitor.audit('accessibility');

    await visit(visitor, '/personvern', { status: 200, pageId: 'privacy' });
    await visitor.audit('privacy');

    await visit(visitor, '/finnes-ikke', { status: 404, pageId: 'not-found' });
    await visitor.audit('not-found');

    await visit(visitor, `/s/${CLOSED_ROUND}`, { status: 410, pageId: 'closed' });
    await visitor.audit('closed');

    await visit(visitor, `/s/${UPCOMING_ROUND}`, { status: 200, pageId: 'upcoming' });
    await visitor.audit('upcoming');

    // A form post far larger than any answer (as from a broken or hostile client).
    await visit(visitor, '/s/demo', { status: 200, pageId: 'start' });
    await page.locator('main form[data-survey-form]').evaluate((form) => {
      const filler = document.createElement('input');
      filler.type = 'hidden';
      filler.name = 'filler';
      filler.value = 'x'.repeat(100_000);
      form.append(filler);
    });
    await page.getByRole('button', { name: t('start.button') }).click();
    expect(await visitor.pageId()).toBe('bad-request');
    await visitor.audit('too large (413)');

    // A form left open until its session is gone (here: the cookie is cleared).
    await visit(visitor, '/s/demo', { status: 200, pageId: 'start' });
    await page.context().clearCookies();
    await page.getByRole('button', { name: t('start.button') }).click();
    expect(await visitor.pageId()).toBe('expired');
    await visitor.audit('expired');

    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 120_000);

  it.each(LANGUAGES)('passes every check on the login page, its errors, the admin page and "no access", in %s', async (lang) => {
    const t = translator(lang);
    const admin = await Visitor.open(target, mode);
    const { page } = admin;

    await visit(admin, `/login?lang=${lang}`, { status: 200, pageId: 'login' });
    await admin.audit('login');

    await page.getByRole('button', { name: t('login.title') }).click();
    expect(await admin.pageId()).toBe('login');
    await expectErrorContract(page, lang, 'login (empty)');
    await admin.audit('login (empty)');

    await signIn(admin, lang, { username: ADMIN.username, password: 'not the password' });
    expect(await admin.pageId()).toBe('login');
    await expectErrorContract(page, lang, 'login (wrong password)');
    await admin.audit('login (wrong password)');

    await signIn(admin, lang, ADMIN);
    expect(await admin.pageId()).toBe('admin');
    await admin.audit('admin');

    // Help requests waiting for follow-up, then deleted after it.
    target.app.stores.helpRequests.add({ name: 'Kari Nordmann', phone: '912 34 567', email: null, receivedDate: '2026-11-23' });
    await visit(admin, '/admin/help', { status: 200, pageId: 'admin-help' });
    await admin.audit('admin help requests');
    const rows = await page.locator('main tbody tr').count();
    await page.locator('main tbody tr').first().getByRole('button').click();
    expect(await admin.pageId()).toBe('admin-help');
    expect(await page.locator('main tbody tr').count()).toBe(rows - 1);

    await visit(admin, '/admin/users', { status: 200, pageId: 'admin-users' });
    await admin.audit('admin users');
    await page.getByRole('button', { name: t('users.add'), exact: true }).click();
    expect(await admin.pageId()).toBe('admin-users');
    await expectErrorContract(page, lang, 'admin users (empty form)');
    await admin.audit('admin users (empty form)');

    await visit(admin, '/admin/audit', { status: 200, pageId: 'admin-audit' });
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0);
    await admin.audit('admin audit log');

    // The poster of a round whose main language (nynorsk) may differ from the admin's.
    await visit(admin, '/admin/rounds/var-2027/poster', { status: 200, pageId: 'admin-poster' });
    // Without PUBLIC_URL the poster uses the server's own settings (and says so on screen).
    const shortUrl = `http://${target.app.config.host}:${target.app.config.port}/s/var-2027`;
    expect(await page.getByRole('img', { name: translator('nn')('poster.qrLabel', { url: shortUrl }) }).count()).toBe(1);
    await admin.audit('admin poster');

    const staff = await Visitor.open(target, mode);
    await visit(staff, `/login?lang=${lang}`, { status: 200, pageId: 'login' });
    await signIn(staff, lang, STAFF);
    await visit(staff, '/admin', { status: 403, pageId: 'forbidden' });
    await staff.audit('forbidden');

    expect([...admin.errors, ...staff.errors]).toEqual([]);
    await admin.close();
    await staff.close();
  }, 120_000);
});

describe('when the server fails', () => {
  let broken: Target;
  beforeAll(async () => {
    broken = await startTarget();
  });
  afterAll(async () => broken?.close());

  it('shows a server-error page that passes every check, in every language and mode', async () => {
    // Everyone reads the start page; then the table behind the start button goes away.
    const readers: { visitor: Visitor; lang: Language }[] = [];
    for (const mode of MODES) {
      for (const lang of LANGUAGES) {
        const visitor = await Visitor.open(broken, mode);
        await visit(visitor, `/s/demo?lang=${lang}`, { status: 200, pageId: 'start' });
        readers.push({ visitor, lang });
      }
    }
    broken.app.db.conn.exec('DROP TABLE drafts');

    for (const { visitor, lang } of readers) {
      await visitor.page.getByRole('button', { name: translator(lang)('start.button') }).click();
      expect(await visitor.pageId()).toBe('server-error');
      expect(await visitor.page.locator('html').getAttribute('lang')).toBe(lang);
      await visitor.audit(`server-error (${lang}, ${visitor.mode.name})`);
      expect(visitor.errors).toEqual([]);
      await visitor.close();
    }
  }, 120_000);
});
