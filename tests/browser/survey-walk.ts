// The whole survey in real Chromium, in every language, in one mode (a test
// file per mode, so the two run side by side): the start page, every question
// page (both routed questions included) and its error states, the start page
// with answers saved, a question reached from the check page, the check page
// and the receipt pass axe, reflow, text spacing, 200 % text and target size;
// every error state keeps the error-summary contract (shared/universal-design.md
// R24–R26); every question page has its own «question – service – municipality»
// title.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import type { Fields } from '../helpers/browser.ts';
import { OLDER_RETIRED, questionIds } from '../helpers/survey.ts';
import { expectErrorContract, startTarget, Visitor, type Mode, type Target } from './support.ts';

/**
 * The branch that shows every page (multi_agency = 1 opens the two coherence
 * questions), in every language. The keyboard walk takes the other branch.
 */
const RESPONDENT: Fields = OLDER_RETIRED;

export function describeSurveyWalk(mode: Mode): void {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => target?.close());

  /** Responses stored so far, with the language of each. */
  const storedLanguages = () =>
    (target.app.db.conn.prepare('SELECT language FROM responses ORDER BY id').all() as { language: string }[]).map((r) => r.language);

  describe(mode.name, () => {
    it.each(LANGUAGES)('passes every check on every page and error state in %s, and lands the response', async (lang) => {
      const t = translator(lang);
      const answers = RESPONDENT;
      const visitor = await Visitor.open(target, mode);
      const { page } = visitor;
      const before = storedLanguages();
      const round = target.app.stores.rounds.bySlug('demo')!;

      await page.goto(`/s/demo?lang=${lang}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await visitor.pageId()).toBe('start');
      await visitor.audit('start');
      await page.getByRole('button', { name: t('start.button') }).click();

      const visited: string[] = [];
      const titles = new Set<string>();
      while ((await visitor.pageId()) !== 'check') {
        const id = (await visitor.pageId())!;
        visited.push(id);
        if (visited.length > instrument.questions.length) throw new Error('the walk does not end');
        const question = instrument.questions.find((q) => q.id === id)!;
        // «Question – service – municipality», different on every page (WCAG 2.4.2).
        const title = await page.title();
        expect(title).toBe(`${question.text[lang]} – ${t('service.name')} – ${round.organisation}`);
        expect(titles.has(title), `title of ${id} also used on another page`).toBe(false);
        titles.add(title);
        await visitor.audit(id);

        await page.getByRole('button', { name: t('common.continue'), exact: true }).click();
        expect(await visitor.pageId()).toBe(id);
        await expectErrorContract(page, lang, `${id} (error)`);
        await visitor.audit(`${id} (error)`);

        const exclusive = question.options.find((o) => o.exclusive);
        if (question.type === 'multi' && exclusive) {
          // An either-or option («Vet ikke») ticked with another: its own error, naming the option.
          await page.getByLabel(question.options[0]!.label[lang], { exact: true }).check();
          await page.getByLabel(exclusive.label[lang], { exact: true }).check();
          await page.getByRole('button', { name: t('common.continue'), exact: true }).click();
          expect(await page.locator('.error-summary a').textContent()).toBe(t('errors.exclusive', { option: exclusive.label[lang] }));
          await expectErrorContract(page, lang, `${id} (either-or error)`);
          await visitor.audit(`${id} (either-or error)`);
          await page.getByLabel(question.options[0]!.label[lang], { exact: true }).uncheck();
          await page.getByLabel(exclusive.label[lang], { exact: true }).uncheck();
        }

        if (visited.length === 2) {
          // Back on the start page half-way: it offers to go on where the citizen left off.
          await page.goto('/s/demo');
          expect(await page.getByRole('button', { name: t('start.resumeButton') }).count()).toBe(1);
          await visitor.audit('start (with answers)');
          await page.getByRole('button', { name: t('start.resumeButton') }).click();
          expect(await visitor.pageId()).toBe(id);
        }

        const answer = answers[id]!;
        for (const code of typeof answer === 'string' ? [answer] : answer) {
          const option = question.options.find((o) => String(o.code) === code)!;
          await page.getByLabel(option.label[lang], { exact: true }).check();
        }
        await page.getByRole('button', { name: t('common.continue'), exact: true }).click();
      }
      expect(visited).toEqual(questionIds(answers));

      await visitor.audit('check');

      // «Endre» on the first answer: the question again, with the answer chosen, then back to the check page.
      const first = instrument.questions[0]!;
      const change = `${t('check.change')} ${t('check.changeHidden', { question: first.short[lang] })}`;
      await page.getByRole('link', { name: change, exact: true }).click();
      expect(await visitor.pageId()).toBe(first.id);
      expect(await page.locator(`[id="${first.id}-${String(answers[first.id])}"]`).isChecked()).toBe(true);
      await visitor.audit(`${first.id} (from the check page)`);
      await page.getByRole('button', { name: t('common.continue'), exact: true }).click();
      expect(await visitor.pageId()).toBe('check');

      await page.getByRole('button', { name: t('check.submit') }).click();
      expect(await visitor.pageId()).toBe('receipt');
      await visitor.audit('receipt');
      expect(storedLanguages()).toEqual([...before, lang]);
      expect(visitor.errors).toEqual([]);
      await visitor.close();
    }, 300_000);
  });
}
