// Forced colours (Windows high contrast; WCAG 1.4.11, 2.4.7): the browser
// replaces the page's colours with the user's, and drops backgrounds and box
// shadows. Radios must stay native controls the system draws, focus must still
// be drawn (by an outline, not a shadow), and an error must still be marked by
// something other than colour: a border around the summary and beside the
// question, and its text.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { expectFocusOn, focused, MODES, startTarget, Visitor, type Target } from './support.ts';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => target?.close());

const t = translator('nb');
const FIRST = instrument.questions[0]!;

interface Drawn {
  readonly width: number;
  readonly style: string;
  /** Alpha of the colour: 0 is not drawn at all. */
  readonly alpha: number;
}

/** How an element's outline or one of its borders is drawn, as computed under forced colours. */
async function drawn(page: Page, selector: string, edge: 'outline' | 'border-top' | 'border-left'): Promise<Drawn> {
  return page.locator(selector).first().evaluate((el, edge) => {
    const style = getComputedStyle(el);
    const colour = style.getPropertyValue(`${edge}-color`);
    const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(colour)?.[1];
    return {
      width: parseFloat(style.getPropertyValue(`${edge}-width`)),
      style: style.getPropertyValue(`${edge}-style`),
      alpha: colour === 'transparent' ? 0 : alpha === undefined ? 1 : Number(alpha),
    };
  }, edge);
}

function expectLine(line: Drawn, what: string): void {
  expect(line.style, what).toBe('solid');
  expect(line.width, what).toBeGreaterThanOrEqual(2);
  expect(line.alpha, what).toBeGreaterThan(0);
}

/** Tab until the element matching `selector` has focus, and check its focus outline is drawn. */
async function expectFocusDrawn(page: Page, selector: string, what: string): Promise<void> {
  for (let i = 0; i < 40 && !(await page.locator(selector).first().evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  expect(await page.locator(selector).first().evaluate((el) => el === document.activeElement), `${what} reached by Tab`).toBe(true);
  // Box shadows are not painted under forced colours; the outline must carry the focus.
  expectLine(await drawn(page, `${selector}:focus`, 'outline'), `focus outline on ${what}`);
  expect((await focused(page)).obscured, `focus covered on ${what}`).toBe(false);
}

describe.each(MODES)('$name, forced colours', (mode) => {
  it('keeps radios, focus, buttons and errors visible', async () => {
    const visitor = await Visitor.open(target, mode, { forcedColors: 'active' });
    const { page } = visitor;
    await page.goto('/s/demo?lang=nb');
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);

    await expectFocusDrawn(page, '.skip-link', 'the skip link');
    await expectFocusDrawn(page, '.button', 'the start button');
    expectLine(await drawn(page, '.button', 'border-top'), 'the button border');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

    // Native radios, drawn by the system in its own colours, large enough to hit.
    const radios = await page.locator('.choice__input').evaluateAll((inputs) =>
      inputs.map((el) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return { appearance: style.appearance, adjust: style.forcedColorAdjust, visible: style.visibility === 'visible' && Number(style.opacity) === 1, size: Math.min(box.width, box.height) };
      }),
    );
    expect(radios).toHaveLength(FIRST.options.length);
    for (const radio of radios) expect(radio).toEqual({ appearance: 'auto', adjust: 'auto', visible: true, size: expect.any(Number) });
    expect(Math.min(...radios.map((r) => r.size))).toBeGreaterThanOrEqual(24);
    await expectFocusDrawn(page, '.choice__input', 'a radio');

    await page.getByRole('button', { name: t('common.continue'), exact: true }).click();
    await expectFocusOn(page, '.error-summary', 'focus on the error summary');
    expectLine(await drawn(page, '.error-summary', 'border-top'), 'the error summary border');
    expectLine(await drawn(page, '.error-summary', 'outline'), 'the focus outline on the error summary');
    expectLine(await drawn(page, '.question--error', 'border-left'), 'the error bar beside the question');
    expect(await page.locator('.error-message').isVisible()).toBe(true);
    expect((await page.locator('.error-message').textContent())?.trim()).toBe(`${t('common.errorPrefix')}: ${FIRST.required.nb}`);
    await expectFocusDrawn(page, '.error-summary a', 'the link in the error summary');

    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 60_000);
});
