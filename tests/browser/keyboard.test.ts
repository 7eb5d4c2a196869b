// The whole survey with the keyboard alone (WCAG 2.1.1, 2.1.2, 2.4.1, 2.4.3,
// 2.4.7, 2.4.11), in every language, with JavaScript on and off: Tab, Shift+Tab,
// the arrow keys, Space and Enter. On every page the first Tab reaches the skip
// link; every stop shows its focus, is not covered and is never the bare body;
// the start page, a question page, the check page and the receipt can be tabbed
// through whole in both directions (no traps); an empty answer is put right
// from the error summary; and the stored response holds exactly the choices made.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import type { Fields } from '../helpers/browser.ts';
import { OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';
import { expectFocusOn, focused, MODES, startTarget, Visitor, type Focus, type Target } from './support.ts';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => target?.close());

const RESPONDENTS: Record<(typeof LANGUAGES)[number], Fields> = { nb: WORKING_ADULT, nn: OLDER_RETIRED, en: WORKING_ADULT };
const ACCESSIBILITY_LINK = '/tilgjengelighet';

const describeFocus = (f: Focus) => `${f.tag}${f.id ? `#${f.id}` : ''}${f.className ? `.${f.className}` : ''} "${f.text}"`;
const isSkipLink = (f: Focus) => f.className.split(' ').includes('skip-link');
const isButton = (f: Focus) => f.tag === 'button';

/** One Tab (or Shift+Tab): focus must land on an element that shows it and is not covered. */
async function tab(page: Page, state: string, backwards = false): Promise<Focus> {
  await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  const f = await focused(page);
  expect(f.tag, `focus lost to the page body on ${state}`).not.toBe('body');
  expect(f.visible, `no visible focus on ${describeFocus(f)} on ${state}`).toBe(true);
  expect(f.obscured, `focus covered on ${describeFocus(f)} on ${state}`).toBe(false);
  return f;
}

/** Tabs until `wanted` has focus; returns every stop on the way. */
async function tabTo(page: Page, state: string, wanted: (f: Focus) => boolean, backwards = false): Promise<Focus[]> {
  const stops: Focus[] = [];
  for (let i = 0; i < 100; i++) {
    const f = await tab(page, state, backwards);
    stops.push(f);
    if (wanted(f)) return stops;
  }
  throw new Error(`${state}: the wanted element never got focus; stops: ${stops.map(describeFocus).join(', ')}`);
}

/** Presses a key that loads a new document, and waits for it. */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** From a freshly loaded page: the first Tab is the skip link, and Enter on it puts focus on main. */
async function skipToMain(page: Page, state: string): Promise<void> {
  const first = await tab(page, state);
  expect(isSkipLink(first), `first Tab on ${state} reached ${describeFocus(first)}`).toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id), `skip link on ${state}`).toBe('main');
}

/**
 * The whole page by Tab, from the skip link to the last link in the footer, and
 * back by Shift+Tab through the same stops in reverse: nothing traps focus.
 */
async function expectTabCycle(page: Page, state: string): Promise<void> {
  const forward = await tabTo(page, state, (f) => f.href === ACCESSIBILITY_LINK);
  expect(isSkipLink(forward[0]!), `first Tab on ${state}`).toBe(true);
  const backward = await tabTo(page, state, isSkipLink, true);
  expect(backward.map(describeFocus), `Shift+Tab on ${state}`).toEqual(forward.slice(0, -1).reverse().map(describeFocus));
}

const checked = (page: Page, id: string) => page.locator(`[id="${id}"]`).isChecked();

/** Chooses the scripted answer on the question page in focus order, by keyboard only. */
async function answerByKeyboard(page: Page, questionId: string, codes: readonly string[]): Promise<void> {
  const question = instrument.questions.find((q) => q.id === questionId)!;
  const ids = question.options.map((o) => `${questionId}-${o.code}`);
  const wanted = codes.map((code) => `${questionId}-${code}`);
  let now = await focused(page);
  expect(now.id, `focus on the first option of ${questionId}`).toBe(ids[0]);
  if (question.type === 'single') {
    // A radio group is one Tab stop; the arrow keys move through it and choose.
    const steps = ids.indexOf(wanted[0]!);
    if (steps === 0) await page.keyboard.press('Space');
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  } else {
    // Checkboxes are a Tab stop each; Space ticks the one in focus.
    for (const id of wanted) {
      if (now.id !== id) now = (await tabTo(page, questionId, (f) => f.id === id)).at(-1)!;
      await page.keyboard.press('Space');
    }
  }
  expect((await focused(page)).visible, `focus shown after choosing on ${questionId}`).toBe(true);
  for (const id of ids) expect(await checked(page, id), `${id} checked`).toBe(wanted.includes(id));
}

/** The codes of the newest stored response, as the scripted answers are written. */
function newestResponse(): Fields {
  const rows = target.app.db.conn
    .prepare('SELECT question_id AS id, code FROM answers WHERE response_id = (SELECT max(id) FROM responses) ORDER BY id')
    .all() as { id: string; code: number }[];
  const stored: Record<string, string | string[]> = {};
  for (const { id, code } of rows) {
    const question = instrument.questions.find((q) => q.id === id)!;
    if (question.type === 'single') stored[id] = String(code);
    else stored[id] = [...((stored[id] as string[] | undefined) ?? []), String(code)];
  }
  return stored;
}

const sortedAnswers = (answers: Fields) =>
  Object.fromEntries(Object.entries(answers).map(([id, v]) => [id, typeof v === 'string' ? v : [...v].sort()]));

describe.each(MODES)('$name', (mode) => {
  it.each(LANGUAGES)('completes the survey in %s with the keyboard alone', async (lang) => {
    const answers = RESPONDENTS[lang];
    const visitor = await Visitor.open(target, mode);
    const { page } = visitor;

    await page.goto(`/s/demo?lang=${lang}`);
    await expectTabCycle(page, 'start');
    await page.reload();
    await skipToMain(page, 'start');
    await tabTo(page, 'start', isButton);
    await pressAndLoad(page, 'Enter');

    let first = true;
    while ((await visitor.pageId()) !== 'check') {
      const id = (await visitor.pageId())!;
      if (!(id in answers)) throw new Error(`unexpected page ${id}`);
      if (first) {
        // A question page tabs through whole too: skip link, language links, back link, answers, button, footer.
        await expectTabCycle(page, id);
        await page.reload();
      }
      await skipToMain(page, id);
      await tab(page, id);

      if (first) {
        // Continue with nothing chosen, then put it right from the error summary.
        first = false;
        await tabTo(page, id, isButton);
        await pressAndLoad(page, 'Enter');
        await expectFocusOn(page, '.error-summary', `focus after the error on ${id}`);
        expect((await focused(page)).visible, `focus shown on the error summary on ${id}`).toBe(true);
        const link = await tab(page, `${id} (error)`);
        expect(link.href).toBe(`#${id}-${instrument.questions.find((q) => q.id === id)!.options[0]!.code}`);
        await page.keyboard.press('Enter');
      }

      const answer = answers[id]!;
      await answerByKeyboard(page, id, typeof answer === 'string' ? [answer] : answer);
      await tabTo(page, id, isButton);
      await pressAndLoad(page, 'Enter');
    }

    await expectTabCycle(page, 'check');
    await page.reload();
    // Past every «Endre» link to the submit button; one step back and forth again.
    await skipToMain(page, 'check');
    await tabTo(page, 'check', isButton);
    const previous = await tab(page, 'check', true);
    expect(previous.href, 'the stop before the submit button').toMatch(/\?from=check$/);
    expect(isButton(await tab(page, 'check'))).toBe(true);
    await pressAndLoad(page, 'Enter');

    expect(await visitor.pageId()).toBe('receipt');
    await expectTabCycle(page, 'receipt');
    expect(sortedAnswers(newestResponse())).toEqual(sortedAnswers(answers));
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 180_000);
});
