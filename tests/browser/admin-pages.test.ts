// The admin pages of issue 13 in real Chromium, with JavaScript on and off:
// rounds (list, new, a round, editing, a form in error), API tokens (and a new
// token shown once), reclassification, the codebook and the own-password page;
// and the analysis report of issue 14 over a round with synthetic responses
// (tables, hidden cells and charts), weighted after population figures are
// saved, with a filter in error and with too few responses, and the
// population-figures page. Each gets the same checks as every other page
// (Visitor.audit: axe, reflow, target sizes, text spacing), the skip link
// first on Tab, and forms in error keep the error contract. Languages take
// turns page by page, so each mode sees every page once and every language on
// several pages. The report is also tabbed through whole (each wide table is
// a region the keyboard reaches and scrolls), and its charts are checked in
// forced colours and a dark colour scheme.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Translate } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES, type Language } from '../../server/survey/types.ts';
import { seedRound } from '../../server/synthetic/seed-round.ts';
import { ADMIN } from '../helpers/app.ts';
import {
  contrast,
  expectErrorContract,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  focused,
  JS_ON,
  MODES,
  PHONE,
  startTarget,
  visitPage,
  Visitor,
  type Focus,
  type Mode,
  type Target,
} from './support.ts';

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
  // Responses for the report: enough for its tables, few enough that cells are hidden. Same seed, same data.
  seedRound(target.app.db.conn, instrument, target.app.stores.rounds.bySlug('var-2027')!, { count: RESPONSES, seed: 'browser' });
});
afterAll(async () => target?.close());

const visit = visitPage;
const RESPONSES = 300;
const REPORT = '/admin/rounds/var-2027/report';
const WEIGHTS = '/admin/rounds/var-2027/weights';
/** The seeded round's last day has two responses: fewer than the report shows (MIN_CELL). */
const TOO_FEW = `${REPORT}?from=2027-03-31&to=2027-03-31`;
/** Not a day: the filter comes back in error (400). */
const NO_DAY = '2026-13-45';
const lang = (path: string, l: Language) => `${path}${path.includes('?') ? '&' : '?'}lang=${l}`;

async function signIn(visitor: Visitor): Promise<void> {
  const { page } = visitor;
  await page.goto('/login');
  const nb = translator('nb');
  await page.getByLabel(nb('login.username'), { exact: true }).fill(ADMIN.username);
  await page.getByLabel(nb('login.password'), { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: nb('login.title') }).click();
  expect(await visitor.pageId()).toBe('admin');
}

/** What the report shows: its tables, charts, hidden cells and regions, counted in the page. */
async function reportContents(page: Page) {
  return page.evaluate(() => ({
    tables: document.querySelectorAll('.report-table table').length,
    charts: document.querySelectorAll('.report-table .chart[role=img][aria-labelledby]').length,
    bars: document.querySelectorAll('.chart__bar').length,
    /** Fills in use: solid and patterns, one for each group of the widest chart (seven ways of answering and devices). */
    patterned: new Set([...document.querySelectorAll('.chart__bar')].map((el) => getComputedStyle(el).fill)).size,
    /** Answers in a chart where two of the groups' bars look alike: no two fills the same within an answer. */
    alike: [...document.querySelectorAll('.chart__plot')].flatMap((plot) => {
      const answers: string[][] = [];
      for (const el of plot.children) {
        if (el.classList.contains('chart__answer')) answers.push([]);
        const bar = el.querySelector('.chart__bar');
        if (bar) answers.at(-1)!.push(getComputedStyle(bar).fill);
      }
      return answers.filter((fills) => new Set(fills).size < fills.length);
    }).length,
    /** Intervals: a line under each bar shown (its two ends are markers). */
    intervals: document.querySelectorAll('.chart__track:has(.chart__bar) .chart__whisker').length,
    hidden: document.querySelectorAll('td[data-hidden]').length,
    /** Regions the keyboard reaches, each named by its table's caption, no two names alike. */
    regions: new Set(
      [...document.querySelectorAll('section.table-wrap[tabindex="0"]')].map((el) =>
        (document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '').trim(),
      ).filter((name) => name !== ''),
    ).size,
    tooFew: document.querySelectorAll('[data-report=too-few]').length,
  }));
}

const describeFocus = (f: Focus) => `${f.tag}${f.id ? `#${f.id}` : ''}${f.className ? `.${f.className}` : ''} "${f.text}"`;

/**
 * Tabs through the whole report to the footer: every stop shows its focus and
 * is not covered, focus never falls to the body, and every table's region is
 * a stop. A region wider than its box scrolls with the arrow keys, and at
 * phone width some are (WCAG 2.1.1, 2.4.7, 2.4.11).
 */
async function expectReportByKeyboard(page: Page, state: string): Promise<void> {
  const regions = await page.locator('.table-wrap').count();
  const reached = new Set<number>();
  let scrolled = 0;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.tag, `focus lost to the page body on ${state}`).not.toBe('body');
    expect(f.visible, `no visible focus on ${describeFocus(f)} on ${state}`).toBe(true);
    expect(f.obscured, `focus covered on ${describeFocus(f)} on ${state}`).toBe(false);
    if (f.className === 'table-wrap') {
      const region = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { index: [...document.querySelectorAll('.table-wrap')].indexOf(el), wider: el.scrollWidth > el.clientWidth };
      });
      reached.add(region.index);
      if (region.wider) {
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        // Keyboard scrolling is animated: wait for it to move.
        await expect
          .poll(() => page.evaluate(() => document.activeElement!.scrollLeft), { message: `arrow keys scroll a table on ${state}`, timeout: 2_000 })
          .toBeGreaterThan(0);
        scrolled++;
      }
    }
    if (f.href === '/tilgjengelighet') break;
  }
  expect(reached.size, `table regions reached by Tab on ${state}`).toBe(regions);
  if (page.viewportSize()!.width <= PHONE.width) expect(scrolled, `tables wider than a phone on ${state}`).toBeGreaterThan(0);
}

describe.each(MODES)('$name', (mode: Mode) => {
  it('passes every check on the admin pages for rounds, tokens, reclassification, the codebook and the own password', async () => {
    const admin = await Visitor.open(target, mode);
    const { page } = admin;
    let turn = 0;
    /** The next language in turn, switched to on the page about to be opened. */
    const next = (): Language => LANGUAGES[turn++ % LANGUAGES.length]!;

    await signIn(admin);

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

  it('passes every check on the report, with data, weighted, in error and with too few responses, and on the population figures', async () => {
    const admin = await Visitor.open(target, mode);
    const { page } = admin;
    // Languages in turn from another start than the other pages, so each state meets a different one per mode.
    let turn = mode.js ? 0 : 1;
    const next = (): Language => LANGUAGES[turn++ % LANGUAGES.length]!;
    await signIn(admin);

    // With data: every table in a keyboard region, charts with patterned bars and intervals, cells hidden
    // to protect respondents. The whole report is audited once per mode, unweighted with JavaScript on
    // (library PC) and weighted with it off (phone), where the longer weighted figures are tighter.
    await visit(admin, lang(REPORT, next()), { status: 200, pageId: 'admin-report' });
    const contents = await reportContents(page);
    expect(contents).toMatchObject({ tooFew: 0, regions: contents.tables, charts: contents.tables - 1, alike: 0, intervals: contents.bars });
    expect(contents.tables).toBeGreaterThan(20);
    expect(contents.hidden).toBeGreaterThan(0);
    expect(contents.patterned, 'solid, hatched, dotted, striped, cross-hatched, upright-striped and hatched the other way').toBe(7);
    if (mode.js) {
      await admin.audit('report');
      await expectReportByKeyboard(page, `report (${mode.name})`);
    }

    // The population figures: the page, a figure that is not a number, then saved.
    const l1 = next();
    const t1: Translate = translator(l1);
    await visit(admin, lang(WEIGHTS, l1), { status: 200, pageId: 'admin-weights' });
    await admin.audit('population figures');
    await page.locator('#age_group_1').fill('mange');
    await page.getByRole('button', { name: t1('weights.save') }).click();
    expect(await admin.pageId()).toBe('admin-weights');
    await expectErrorContract(page, l1, 'population figures (not a number)');
    await admin.audit('population figures (not a number)');
    const figures = await page.locator('form input[inputmode=numeric]').all();
    expect(figures.length).toBeGreaterThan(5);
    for (const field of figures) await field.fill((await field.getAttribute('id'))!.startsWith('gender') ? '5 000' : '1000');
    await page.getByRole('button', { name: t1('weights.save') }).click();
    expect(await admin.pageId()).toBe('admin-weights');
    expect(await page.getByRole('status').textContent()).toContain(t1('weights.saved'));
    await admin.audit('population figures (saved)');

    // Weighted, chosen in the report's own form.
    const l2 = next();
    const t2 = translator(l2);
    await visit(admin, lang(REPORT, l2), { status: 200, pageId: 'admin-report' });
    await page.getByLabel(t2('report.weightedChoice'), { exact: true }).check();
    await page.getByRole('button', { name: t2('report.show') }).click();
    expect(await admin.pageId()).toBe('admin-report');
    expect(page.url()).toContain('weighted=1');
    expect(await page.getByText(t2('report.weightedLead')).count()).toBe(1);
    expect((await reportContents(page)).tables).toBe(contents.tables);
    if (!mode.js) {
      await admin.audit('report (weighted)');
      await expectReportByKeyboard(page, `report, weighted (${mode.name})`);
    }

    // Too few responses match: no tables.
    const l3 = next();
    const t3 = translator(l3);
    await visit(admin, lang(TOO_FEW, l3), { status: 200, pageId: 'admin-report' });
    expect(await reportContents(page)).toMatchObject({ tables: 0, charts: 0, tooFew: 1 });
    await admin.audit('report (too few)');

    // A first day that is no day, sent from the form: 400, and the error contract.
    await page.getByLabel(t3('report.fromLabel'), { exact: true }).fill(NO_DAY);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/report?')),
      page.getByRole('button', { name: t3('report.show') }).click(),
    ]);
    expect(response.status()).toBe(400);
    expect(await admin.pageId()).toBe('admin-report');
    await expectErrorContract(page, l3, 'report (no such day)');
    await admin.audit('report (no such day)');

    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);
});

/** The stroke or fill of the first element matching `selector`, as computed. */
async function paint(page: Page, selector: string, property: 'fill' | 'stroke'): Promise<string> {
  return page.locator(selector).first().evaluate((el, property) => getComputedStyle(el)[property], property);
}

/**
 * The report's charts on a 320 px phone as the system draws them: in forced colours (Windows
 * high contrast, here its dark theme) and in a dark colour scheme. Bars, their patterns, the
 * interval lines and the text take the system's or the palette's text colour against the page,
 * the focus on a table's region is an outline (box shadows are not painted in forced colours),
 * and nothing scrolls sideways (WCAG 1.4.1, 1.4.3, 1.4.11, 2.4.7).
 */
it('draws the report charts in forced colours and a dark colour scheme', async () => {
  const phone: Mode = { ...JS_ON, viewport: PHONE };
  for (const [scheme, extra] of [
    ['forced colours', { forcedColors: 'active', colorScheme: 'dark' }],
    ['dark colour scheme', { colorScheme: 'dark' }],
  ] as const) {
    const visitor = await Visitor.open(target, phone, extra);
    const { page } = visitor;
    await signIn(visitor);
    await visit(visitor, lang(REPORT, 'nb'), { status: 200, pageId: 'admin-report' });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(contrast(background, 'rgb(0, 0, 0)'), `dark page in ${scheme}`).toBeLessThan(1.5);
    const text = await page.locator('.chart').first().evaluate((el) => getComputedStyle(el).color);
    expect(contrast(text, background), `chart text in ${scheme}`).toBeGreaterThanOrEqual(4.5);
    // Solid bars are filled, patterned ones by their pattern; every bar is outlined in the text colour.
    expect(await paint(page, '.chart__bar--0', 'fill'), scheme).toBe(text);
    expect(await paint(page, '.chart__bar--1', 'fill'), scheme).toMatch(/^url\(/);
    expect(await paint(page, '.chart__bar--1', 'stroke'), scheme).toBe(text);
    expect(await paint(page, '.chart-patterns .chart__hatch', 'stroke'), `pattern lines in ${scheme}`).toBe(text);
    expect(await paint(page, '.chart-patterns .chart__dot', 'fill'), `pattern dots in ${scheme}`).toBe(text);
    expect(await paint(page, '.chart__whisker', 'stroke'), `interval line in ${scheme}`).toBe(text);
    expect(await paint(page, '.chart__cap', 'stroke'), `interval ends in ${scheme}`).toBe(text);
    await expectNoHorizontalScroll(page, `report in ${scheme}`);
    // A table's region, focused from the keyboard: its outline is drawn.
    await page.locator('.table-wrap').first().focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.locator('.table-wrap:focus-visible').evaluate((el) => {
      const style = getComputedStyle(el);
      return `${style.outlineStyle} ${parseFloat(style.outlineWidth) >= 2}`;
    });
    expect(outline, `focus outline on a table in ${scheme}`).toBe('solid true');
    // The filter and notices, checked by axe in this scheme (the tables' colours are the page's own).
    await visit(visitor, lang(TOO_FEW, 'nb'), { status: 200, pageId: 'admin-report' });
    await expectNoAxeViolations(page, `report (too few) in ${scheme}`);
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }
}, 60_000);
