// The admin pages of issue 13 in real Chromium, with JavaScript on and off:
// rounds (list, new, a round, editing, a form in error), API tokens (and a new
// token shown once), reclassification, the codebook and the own-password page.
// Each gets the same checks as every other page (Visitor.audit: axe, reflow,
// target sizes, text spacing), the skip link first on Tab, and forms in error
// keep the error contract. Languages take turns page by page, so each mode
// sees every page once and every language on several pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { LANGUAGES, type Language } from '../../server/survey/types.ts';
import { ADMIN } from '../helpers/app.ts';
import { expectErrorContract, MODES, startTarget, visitPage, Visitor, type Mode, type Target } from './support.ts';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
  target.app.stores.rounds.create({
    slug: 'var-2027',
    title: 'Digital deltakelse våren 2027',
    organisation: 'Demo kommune',
    mainLanguage: 'nn',
    createdDate: '2026-11-01',
    opensDate: '2027-03-01',
    closesDate: '2027-03-31',
    languages: ['nb', 'nn'],
    contactEmail: 'digital@demo.kommune.no',
  });
});
afterAll(async () => target?.close());

const visit = visitPage;

describe.each(MODES)('$name', (mode: Mode) => {
  it('passes every check on the admin pages for rounds, tokens, reclassification, the codebook and the own password', async () => {
    const admin = await Visitor.open(target, mode);
    const { page } = admin;
    let turn = 0;
    /** The next language in turn, switched to on the page about to be opened. */
    const next = (): Language => LANGUAGES[turn++ % LANGUAGES.length]!;
    const lang = (path: string, l: Language) => `${path}${path.includes('?') ? '&' : '?'}lang=${l}`;

    await page.goto('/login');
    const nb = translator('nb');
    await page.getByLabel(nb('login.username'), { exact: true }).fill(ADMIN.username);
    await page.getByLabel(nb('login.password'), { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: nb('login.title') }).click();
    expect(await admin.pageId()).toBe('admin');

    const pages: Array<{ path: string; pageId: string; state: string }> = [
      { path: '/admin/rounds', pageId: 'admin-rounds', state: 'rounds' },
      { path: '/admin/rounds/new', pageId: 'admin-round-new', state: 'new round' },
      { path: '/admin/rounds/var-2027', pageId: 'admin-round', state: 'a round' },
      { path: '/admin/rounds/var-2027/edit', pageId: 'admin-round-edit', state: 'editing a round' },
      { path: '/admin/rounds/var-2027/codebook', pageId: 'admin-codebook', state: 'codebook' },
      { path: '/admin/tokens', pageId: 'admin-tokens', state: 'tokens' },
      { path: '/admin/reclassify', pageId: 'admin-reclassify', state: 'reclassification' },
      { path: '/account/password', pageId: 'account-password', state: 'own password' },
      { path: '/admin/audit?kind=rounds&from=2026-01-01', pageId: 'admin-audit', state: 'audit log, filtered' },
    ];
    for (const { path, pageId, state } of pages) {
      await visit(admin, lang(path, next()), { status: 200, pageId });
      await admin.audit(state);
    }
    // The codebook's two wide tables are each in a region the keyboard can scroll.
    await page.goto('/admin/rounds/var-2027/codebook');
    expect(await page.getByRole('table').count()).toBe(2);

    // The new-round form sent empty: every mistake summarised and marked.
    const l1 = next();
    const t1 = translator(l1);
    await visit(admin, lang('/admin/rounds/new', l1), { status: 200, pageId: 'admin-round-new' });
    await page.getByRole('button', { name: t1('rounds.create') }).click();
    expect(await admin.pageId()).toBe('admin-round-new');
    await expectErrorContract(page, l1, 'new round (empty)');
    await admin.audit('new round (empty)');

    // A token made: shown once, on a page that passes the same checks.
    const l2 = next();
    const t2 = translator(l2);
    await visit(admin, lang('/admin/tokens', l2), { status: 200, pageId: 'admin-tokens' });
    await page.getByLabel(t2('tokens.name'), { exact: true }).fill(`BI ${mode.name}`);
    await page.getByRole('button', { name: t2('tokens.create') }).click();
    expect(await page.locator('#new-token').textContent()).toMatch(/^dus_/);
    await admin.audit('token created');

    // The own-password form in error.
    const l3 = next();
    const t3 = translator(l3);
    await visit(admin, lang('/account/password', l3), { status: 200, pageId: 'account-password' });
    await page.getByRole('button', { name: t3('password.submit') }).click();
    await expectErrorContract(page, l3, 'own password (empty)');
    await admin.audit('own password (empty)');

    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);
});
