// A dark colour scheme (prefers-color-scheme: dark), which many phones use by
// default: the stylesheet has its own palette for it, so every kind of page is
// checked again with axe, and the fill of a chosen radio and checkbox — which
// axe does not measure — against the page background (WCAG 1.4.3, 1.4.11).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { OLDER_RETIRED } from '../helpers/survey.ts';
import { answerByClicking, contrast, expectNoAxeViolations, JS_ON, startTarget, Visitor, type Target } from './support.ts';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => target?.close());

const t = translator('nb');

/** The chosen-answer fill (accent-color) of the first input of this type, against the page background. */
async function accentContrast(page: Page, type: 'radio' | 'checkbox'): Promise<number> {
  const { accent, background } = await page.locator(`main input[type=${type}]`).first().evaluate((el) => ({
    accent: getComputedStyle(el).accentColor,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
  return contrast(accent, background);
}

it('keeps every kind of page readable in a dark colour scheme', async () => {
  const visitor = await Visitor.open(target, JS_ON, { colorScheme: 'dark' });
  const { page } = visitor;
  await page.goto('/s/demo?lang=nb');
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  // The dark palette is in use: the page background is dark.
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(contrast(background, 'rgb(0, 0, 0)')).toBeLessThan(1.5);
  await expectNoAxeViolations(page, 'start (dark)');

  await page.getByRole('button', { name: t('start.button') }).click();
  await expectNoAxeViolations(page, 'question (dark)');
  expect(await accentContrast(page, 'radio'), 'chosen radio fill').toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: t('common.continue'), exact: true }).click();
  await expectNoAxeViolations(page, 'question error (dark)');

  await answerByClicking(visitor, OLDER_RETIRED, 'nb', async (id) => {
    if (instrument.questions.find((q) => q.id === id)!.type === 'multi') {
      expect(await accentContrast(page, 'checkbox'), `chosen checkbox fill on ${id}`).toBeGreaterThanOrEqual(3);
    }
  });
  await expectNoAxeViolations(page, 'check (dark)');
  await page.getByRole('button', { name: t('check.submit') }).click();
  expect(await visitor.pageId()).toBe('receipt');
  await expectNoAxeViolations(page, 'receipt (dark)');

  for (const path of ['/tilgjengelighet', '/finnes-ikke', '/login']) {
    await page.goto(path);
    await expectNoAxeViolations(page, `${path} (dark)`);
  }
  await page.getByRole('button', { name: t('login.title') }).click();
  await expectNoAxeViolations(page, 'login error (dark)');
  expect(visitor.errors).toEqual([]);
  await visitor.close();
}, 120_000);
