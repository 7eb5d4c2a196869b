// Library PCs and phones (issue 4) in real Chromium: save on one browser and
// continue on another with the code; a wrong code; finish-and-delete and the back
// button; more time without JavaScript; the timeout warning with a fake clock;
// two citizens in a row on one shared browser. Every page on the way passes the
// same checks as the rest of the survey (Visitor.audit), in every language and
// with JavaScript on and off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { LANGUAGES, type Language } from '../../server/survey/types.ts';
import { OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';
import type { Fields } from '../helpers/browser.ts';
import { answerByClicking, answerByRequest, expectErrorContract, expectFocusOn, JS_ON, MODES, startTarget, Visitor, type Mode, type Target } from './support.ts';

const MINUTE = 60_000;

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => target?.close());

/** Ticks this question's answers and presses the button named `button`. */
async function answer(page: Page, id: string, value: string | readonly string[], button: string): Promise<void> {
  for (const code of typeof value === 'string' ? [value] : value) await page.locator(`[id="${id}-${code}"]`).check();
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** Answers page after page from the start page's button to the check page, finding nothing ticked before it ticks. */
async function answerToCheck(visitor: Visitor, lang: Language, answers: Fields, startButton: string): Promise<void> {
  await visitor.page.getByRole('button', { name: startButton }).click();
  await answerByClicking(visitor, answers, lang, async (id) => {
    expect(await visitor.page.locator('input:checked').count(), `nothing ticked yet on ${id}`).toBe(0);
  });
}

const storedCount = (): number => target.app.db.conn.prepare('SELECT count(*) FROM responses').pluck().get() as number;

describe.each(MODES)('$name', (mode: Mode) => {
  // Its own server: wrong codes are throttled per client, and here every browser is the same client.
  let target: Target;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => target?.close());

  it.each(LANGUAGES)('saves, continues on another browser with the code, finishes and deletes, in %s', async (lang) => {
    const t = translator(lang);
    const library = await Visitor.open(target, mode);
    const { page } = library;

    await page.goto(`/s/demo?lang=${lang}`);
    await page.getByRole('button', { name: t('start.moreTimeButton') }).click();
    expect(await page.locator('main').textContent()).toContain(t('start.extraTime', { duration: t('duration.hours', { n: 5 }) }));
    await library.audit('start with more time');

    await page.getByRole('button', { name: t('start.button') }).click();
    for (const id of ['age_group', 'gender', 'main_activity']) await answer(page, id, OLDER_RETIRED[id]!, t('common.continue'));
    await answer(page, 'income', OLDER_RETIRED['income']!, t('question.save'));
    expect(await library.pageId()).toBe('saved');
    await library.audit('saved');
    const code = (await page.locator('.resume-code').textContent())!.trim();

    // At home, on another browser: a typo first, then the code as it was written down.
    const home = await Visitor.open(target, mode);
    await home.page.goto(`/s/demo/resume?lang=${lang}`);
    await home.audit('resume');
    await home.page.getByLabel(t('resume.label'), { exact: true }).fill('K7QM-3XT');
    await home.page.getByRole('button', { name: t('resume.button'), exact: true }).click();
    expect(await home.pageId()).toBe('resume');
    await expectErrorContract(home.page, lang, 'resume with a short code');
    await home.audit('resume, error');
    await home.page.getByLabel(t('resume.label'), { exact: true }).fill(code.toLowerCase().replace('-', ' '));
    await home.page.getByRole('button', { name: t('resume.button'), exact: true }).click();
    expect(await home.pageId()).toBe('education');
    await home.page.goto('/s/demo/q/income');
    expect(await home.page.locator('input:checked').getAttribute('value')).toBe(OLDER_RETIRED['income']);

    // «Avslutt og slett svarene mine»: the answers go, and the back button shows none of them.
    await home.page.getByRole('button', { name: t('end.button') }).click();
    expect(await home.pageId()).toBe('ended');
    await home.audit('ended');
    await home.page.goBack();
    expect(await home.pageId()).toBe('start');
    expect(await home.page.locator('input:checked').count()).toBe(0);
    await home.page.goto('/s/demo/resume');
    await home.page.getByLabel(t('resume.label'), { exact: true }).fill(code);
    await home.page.getByRole('button', { name: t('resume.button'), exact: true }).click();
    expect(await home.pageId()).toBe('resume');
    expect(await home.page.locator('.error-summary a').textContent()).toBe(t('resume.errorUnknown', { days: 30 }));

    // Away too long: the page that says so.
    await home.page.goto('/s/demo');
    await home.page.getByRole('button', { name: t('start.button') }).click();
    await answer(home.page, 'age_group', '3', t('common.continue'));
    target.app.advance(31 * MINUTE);
    await home.page.goto('/s/demo/q/gender');
    expect(await home.pageId()).toBe('timeout');
    expect(await home.page.locator('main p').first().textContent()).toBe(t('timeout.deleted'));
    await home.audit('timeout');

    expect(library.errors).toEqual([]);
    expect(home.errors).toEqual([]);
    await library.close();
    await home.close();
  }, 120_000);
});

describe.each(MODES)('help after the receipt, $name', (mode: Mode) => {
  it.each(LANGUAGES)('offers help, refuses an empty form with the error contract, and thanks, in %s', async (lang) => {
    const t = translator(lang);
    const visitor = await Visitor.open(target, mode);
    const { page } = visitor;
    await page.goto(`/s/demo?lang=${lang}`);
    await page.getByRole('button', { name: t('start.button') }).click();
    await answerByRequest(page, WORKING_ADULT);
    await page.goto('/s/demo/check');
    await page.getByRole('button', { name: t('check.submit') }).click();
    await page.getByRole('link', { name: t('help.offerButton') }).click();
    expect(await visitor.pageId()).toBe('help');
    await visitor.audit('help');
    await page.getByRole('button', { name: t('help.submit') }).click();
    expect(await visitor.pageId()).toBe('help');
    await expectErrorContract(page, lang, 'help (empty)');
    await visitor.audit('help (empty)');
    await page.getByLabel(t('help.name'), { exact: true }).fill('Kari Nordmann');
    await page.getByLabel(t('help.phone'), { exact: true }).fill('912 34 567');
    await page.getByLabel(t('help.consent'), { exact: true }).check();
    await page.getByRole('button', { name: t('help.submit') }).click();
    expect(await visitor.pageId()).toBe('help-sent');
    await visitor.audit('help sent');
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 90_000);
});

describe('finish and delete in the browser', () => {
  it('clears what the browser holds for the site: storage and the session cookie', async () => {
    const t = translator('nb');
    const visitor = await Visitor.open(target, JS_ON);
    const { page } = visitor;
    await page.goto('/s/demo');
    await page.getByRole('button', { name: t('start.button') }).click();
    await answer(page, 'age_group', '6', t('common.continue'));
    await page.evaluate(() => localStorage.setItem('left-behind', 'yes'));
    const before = (await page.context().cookies()).find((c) => c.name === 'sid')?.value;
    await page.getByRole('button', { name: t('end.button') }).click();
    expect(await visitor.pageId()).toBe('ended');
    expect(await page.evaluate(() => localStorage.getItem('left-behind'))).toBeNull();
    const after = (await page.context().cookies()).find((c) => c.name === 'sid')?.value;
    expect(after).not.toBe(before);
    await visitor.close();
  });
});

describe('the timeout warning (JavaScript on, fake clock)', () => {
  it.each(LANGUAGES)('warns two minutes before, extends with one press or Escape, and at the end says what happened, in %s', async (lang) => {
    const t = translator(lang);
    const visitor = await Visitor.open(target, JS_ON);
    const { page } = visitor;
    await page.clock.install();
    await page.goto(`/s/demo?lang=${lang}`);
    await page.getByRole('button', { name: t('start.button') }).click();
    await answer(page, 'age_group', '6', t('common.continue'));
    const dialog = page.getByRole('dialog', { name: t('timeout.warningTitle') });
    expect(await dialog.isVisible()).toBe(false);

    await page.clock.fastForward(27 * MINUTE);
    expect(await dialog.isVisible(), 'no warning three minutes before').toBe(false);
    await page.clock.fastForward(MINUTE + 1_000);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.locator('#timeout-text').textContent()).toBe(t('timeout.warningMany', { minutes: 2 }));
    await expectFocusOn(page, '[data-extend]', 'focus on «Fortsett» in the warning');
    await visitor.audit('timeout warning');

    // One press: the server restarts the limit, the dialog closes.
    const extended = page.waitForResponse((r) => r.url().endsWith('/s/demo/extend') && r.status() === 200);
    await page.keyboard.press('Enter');
    await extended;
    expect(await dialog.isVisible()).toBe(false);

    // Again, with Escape.
    await page.clock.fastForward(28 * MINUTE + 1_000);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const again = page.waitForResponse((r) => r.url().endsWith('/s/demo/extend') && r.status() === 200);
    await page.keyboard.press('Escape');
    await again;
    expect(await dialog.isVisible()).toBe(false);

    // Nobody answers: the page ends the session itself (the server's clock has not moved at all)
    // and shows the timeout page, which says the answers are deleted.
    await page.clock.fastForward(31 * MINUTE);
    await page.waitForURL('**/s/demo/timeout');
    expect(await visitor.pageId()).toBe('timeout');
    expect(await page.locator('main p').first().textContent()).toBe(t('timeout.deleted'));
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 60_000);
});

describe('a shared library PC (?kiosk=1)', () => {
  it('serves two citizens in a row: two responses with shared_device = 1, the second never sees the first’s answers', async () => {
    const t = translator('nb');
    const visitor = await Visitor.open(target, JS_ON);
    const { page } = visitor;
    const before = storedCount();

    await page.goto('/s/demo?kiosk=1');
    expect(await page.locator('main').textContent()).toContain(t('start.kiosk', { button: t('end.button') }));
    await answerToCheck(visitor, 'nb', OLDER_RETIRED, t('start.button'));
    await page.getByRole('button', { name: t('check.submit') }).click();
    expect(await visitor.pageId()).toBe('receipt');
    await page.getByRole('button', { name: t('end.afterReceipt'), exact: true }).click();
    expect(await visitor.pageId()).toBe('ended');
    await page.getByRole('link', { name: t('ended.start') }).click();
    expect(await visitor.pageId()).toBe('start');

    await answerToCheck(visitor, 'nb', WORKING_ADULT, t('start.button'));
    await page.getByRole('button', { name: t('check.submit') }).click();
    expect(await visitor.pageId()).toBe('receipt');

    const rows = target.app.db.conn
      .prepare(`SELECT r.shared_device, a.code FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_id = 'age_group' ORDER BY r.id`)
      .all()
      .slice(before);
    expect(rows).toEqual([
      { shared_device: 1, code: Number(OLDER_RETIRED['age_group']) },
      { shared_device: 1, code: Number(WORKING_ADULT['age_group']) },
    ]);
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 120_000);

  it('goes back to a fresh start page when the time is up, ready for the next person', async () => {
    const t = translator('nb');
    const visitor = await Visitor.open(target, JS_ON);
    const { page } = visitor;
    await page.clock.install();
    await page.goto('/s/demo?kiosk=1');
    await page.getByRole('button', { name: t('start.button') }).click();
    await answer(page, 'age_group', '6', t('common.continue'));
    await page.clock.fastForward(31 * MINUTE);
    await page.waitForURL('**/s/demo?kiosk=1');
    expect(await visitor.pageId()).toBe('start');
    expect(await page.getByRole('button', { name: t('start.button') }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: t('end.button') }).count(), 'nothing left to continue or delete').toBe(0);
    await visitor.close();
  });
});
