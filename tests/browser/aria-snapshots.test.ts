// What a screen reader is given: the accessibility tree (Playwright's
// ariaSnapshot) of a question page, its error state and the check page, kept in
// tests/browser/aria/ and compared on every run. A change to names, roles,
// landmarks or heading levels shows up as a diff to review; accept it with
// `npx vitest run tests/browser/aria-snapshots.test.ts -u`.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { OLDER_RETIRED } from '../helpers/survey.ts';
import { answerByClicking, JS_ON, startTarget, Visitor, type Target } from './support.ts';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => target?.close());

/** A new browser for each test, on the first question: each test walks from there to what it reads. */
let visitor: Visitor;
beforeEach(async () => {
  visitor = await Visitor.open(target, JS_ON);
  await visitor.page.goto('/s/demo?lang=nb');
  await visitor.page.getByRole('button', { name: t('start.button') }).click();
});
afterEach(async () => visitor?.close());

const t = translator('nb');
const snapshot = () => visitor.page.locator('body').ariaSnapshot();

it('gives a question page a heading in a group, named choices and landmarks', async () => {
  expect(await visitor.pageId()).toBe(instrument.questions[0]!.id);
  await expect(await snapshot()).toMatchFileSnapshot('aria/question.nb.yml');
});

it('announces the error summary as an alert, and the message inside the question\'s group', async () => {
  await visitor.page.getByRole('button', { name: t('common.continue'), exact: true }).click();
  expect(await visitor.page.locator('.error-summary').count()).toBe(1);
  await expect(await snapshot()).toMatchFileSnapshot('aria/question-error.nb.yml');
});

it('reads the check page as headed terms and answers, each with a «Endre» link named by its question', async () => {
  await answerByClicking(visitor, OLDER_RETIRED, 'nb');
  await expect(await snapshot()).toMatchFileSnapshot('aria/check.nb.yml');
  // Twenty-five pages clicked through on a busy machine: the room the other walks have.
}, 90_000);
