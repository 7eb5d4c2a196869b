// The whole survey in real Chromium, in every language, in one mode (a test file
// per mode, so the two run side by side): the start page, every question page
// and its error state, both routing branches, the check page and the receipt
// pass axe, reflow, text spacing, 200 % text and target size, and every error
// state keeps the error-summary contract (shared/universal-design.md R24–R26).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import type { Fields } from '../helpers/browser.ts';
import { OLDER_RETIRED, questionIds, WORKING_ADULT } from '../helpers/survey.ts';
import { expectErrorContract, startTarget, Visitor, type Mode, type Target } from './support.ts';

/** One respondent per language: the three languages together take both routing branches. */
const RESPONDENTS: Record<(typeof LANGUAGES)[number], Fields> = { nb: OLDER_RETIRED, nn: WORKING_ADULT, en: OLDER_RETIRED };

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
      const answers = RESPONDENTS[lang];
      const visitor = await Visitor.open(target, mode);
      const { page } = visitor;
      const before = storedLanguages();

      await page.goto(`/s/demo?lang=${lang}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await visitor.pageId()).toBe('start');
      await visitor.audit('start');
      await page.getByRole('button', { name: t('start.button') }).click();

      const visited: string[] = [];
      while ((await visitor.pageId()) !== 'check') {
        const id = (await visitor.pageId())!;
        visited.push(id);
        if (visited.length > instrument.questions.length) throw new Error('the walk does not end');
        const question = instrument.questions.find((q) => q.id === id)!;
        await visitor.audit(id);

        await page.getByRole('button', { name: t('common.continue') }).click();
        expect(await visitor.pageId()).toBe(id);
        await expectErrorContract(page, lang, `${id} (error)`);
        await visitor.audit(`${id} (error)`);

        const answer = answers[id]!;
        for (const code of typeof answer === 'string' ? [answer] : answer) {
          const option = question.options.find((o) => String(o.code) === code)!;
          await page.getByLabel(option.label[lang], { exact: true }).check();
        }
        await page.getByRole('button', { name: t('common.continue') }).click();
      }
      expect(visited).toEqual(questionIds(answers));

      await visitor.audit('check');
      await page.getByRole('button', { name: t('check.submit') }).click();
      expect(await visitor.pageId()).toBe('receipt');
      await visitor.audit('receipt');
      expect(storedLanguages()).toEqual([...before, lang]);
      expect(visitor.errors).toEqual([]);
      await visitor.close();
    }, 300_000);
  });
}
