// Staff pages in real Chromium (issue 5): the staff page, a phone interview, the
// receipt that leads back, keyed entry and the printable form pass the same
// checks as the survey (Visitor.audit) in every language with JavaScript on and
// off; and a staff member keys three paper forms with the keyboard alone,
// putting one mistyped code right from the error summary.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../helpers/app.ts';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import type { Fields } from '../helpers/browser.ts';
import { OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';
import { answerByRequest, expectErrorContract, expectFocusOn, focused, JS_ON, MODES, startTarget, Visitor, type Mode, type Target } from './support.ts';

const STAFF = { username: 'siri.servicetorg', password: 'staff password long enough' } as const;

let target: Target;
beforeAll(async () => {
  target = await startTarget();
  await addUser(target.app, STAFF);
});
afterAll(async () => target?.close());

/** Signs in through the login form's own request, in this browser's cookie jar (the login page is tested elsewhere). */
async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  const csrf = await page.locator('input[name="_csrf"]').inputValue();
  const res = await page.request.post('/login', { form: { _csrf: csrf, ...STAFF }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
}

describe.each(MODES)('$name', (mode: Mode) => {
  it.each(LANGUAGES)('passes every check on the staff pages and the printable form, in %s', async (lang) => {
    const t = translator(lang);
    const staff = await Visitor.open(target, mode);
    const { page } = staff;
    await signIn(page);

    await page.goto(`/staff?lang=${lang}`);
    expect(await staff.pageId()).toBe('staff');
    await staff.audit('staff');
    await page.getByRole('button', { name: t('staff.start'), exact: true }).click();
    expect(await staff.pageId()).toBe('staff');
    await expectErrorContract(page, lang, 'staff start without a mode');
    await staff.audit('staff in error');

    await page.getByLabel(t('staff.modePhone'), { exact: true }).check();
    await page.getByLabel(LANGUAGE_LABEL[lang], { exact: true }).check();
    await page.getByRole('button', { name: t('staff.start'), exact: true }).click();
    expect(await staff.pageId()).toBe(instrument.questions[0]!.id);
    expect(await page.locator('.staff-note').textContent()).toContain(instrument.interviewer.general[0]![lang]);
    await staff.audit('question in a phone interview');

    await answerByRequest(page, WORKING_ADULT);
    await page.goto('/s/demo/check');
    await page.getByRole('button', { name: t('check.submit'), exact: true }).click();
    expect(await staff.pageId()).toBe('receipt');
    await staff.audit('receipt for staff');
    await page.getByRole('link', { name: t('staff.toNext'), exact: true }).click();
    expect(await staff.pageId()).toBe('staff');
    expect(await page.locator('main').textContent()).toContain(t('staff.doneSent'));

    await page.getByLabel(t('staff.modePaper'), { exact: true }).check();
    await page.getByRole('button', { name: t('staff.start'), exact: true }).click();
    expect(await staff.pageId()).toBe('paper-entry');
    await staff.audit('keyed entry');
    await page.getByLabel(`1. ${instrument.questions[0]!.short[lang]}`, { exact: true }).fill('99');
    await page.getByRole('button', { name: t('paper.save'), exact: true }).click();
    await expectErrorContract(page, lang, 'keyed entry with a bad code and no number');
    await staff.audit('keyed entry in error');

    await page.goto('/s/demo/print');
    expect(await staff.pageId()).toBe('print');
    await staff.audit('printable form');
    await page.getByRole('link', { name: t('print.largeSize'), exact: true }).click();
    await staff.audit('printable form, large print');
    expect(staff.errors).toEqual([]);
    await staff.close();
   }, 90_000);
});

const LANGUAGE_LABEL = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' } as const;

/** What a keyer types for a respondent: every code, multi-selects as "1 3". */
const keyed = (answers: Fields): Array<[string, string]> =>
  instrument.questions.map((q) => {
    const value = answers[q.id];
    return [q.id, value === undefined ? '' : typeof value === 'string' ? value : value.join(' ')];
  });

describe('keyed entry with the keyboard alone', () => {
  it('keys in three paper forms, one with a mistyped code put right from the error summary', async () => {
    const t = translator('nb');
    const staff = await Visitor.open(target, JS_ON);
    const { page } = staff;
    await signIn(page);
    await page.goto('/staff?lang=nb');
    const before = target.app.db.conn.prepare("SELECT count(*) FROM responses WHERE mode = 'paper'").pluck().get() as number;

    /** Tabs until the element matching `selector` has focus. */
    const tabTo = async (selector: string): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    const press = async (key: string): Promise<void> => {
      await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
    };

    const forms = [
      { number: '101', answers: OLDER_RETIRED, typo: undefined },
      { number: '102', answers: WORKING_ADULT, typo: { id: 'income', wrong: '55', right: '5' } },
      { number: '103', answers: { age_group: '7', devices: ['4'], multi_agency: '8' } as Fields, typo: undefined },
    ];
    for (const [i, form] of forms.entries()) {
      if (i === 0) {
        // The staff page: the round is chosen (one open round); the mode by arrow keys.
        await tabTo('input[name="mode"]');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        expect(await page.locator('input[name="mode"]:checked').getAttribute('value')).toBe('paper');
        await tabTo('form[data-staff-start] button');
      } else {
        // After a form is saved, the next one is one link away.
        await tabTo(`a[href="/staff/paper/demo"]`);
      }
      await press('Enter');
      expect(await staff.pageId()).toBe('paper-entry');

      await tabTo('#paper_form_number');
      await page.keyboard.type(form.number);
      // The form's date comes next; left empty while the round is open, it is today.
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('paper_form_date');
      for (const [id, value] of keyed(form.answers)) {
        await page.keyboard.press('Tab');
        expect((await focused(page)).id).toBe(id);
        await page.keyboard.type(form.typo?.id === id ? form.typo.wrong : value);
      }
      // Enter in a text field sends the form with its first button.
      await press('Enter');
      if (form.typo) {
        expect(await staff.pageId()).toBe('paper-entry');
        await expectFocusOn(page, '.error-summary', 'focus on the summary after a mistyped code');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        expect((await focused(page)).id).toBe(form.typo.id);
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(form.typo.right);
        await press('Enter');
      }
      if (i === 2) {
        // Most of this form is blank on paper: the page asks first, and a ticked box says so.
        expect(await staff.pageId()).toBe('paper-entry');
        await expectFocusOn(page, '.error-summary', 'focus on the summary when the end of the form is blank');
        await tabTo('#blank_rest');
        await page.keyboard.press('Space');
        await tabTo('form[data-paper-form] button');
        await press('Enter');
      }
      expect(await staff.pageId()).toBe('staff');
      expect(await page.locator('.notice').first().textContent()).toContain(t('staff.donePaper', { form: form.number }));
    }

    const stored = target.app.db.conn
      .prepare("SELECT paper_form_number AS number, (SELECT code FROM answers a WHERE a.response_id = r.id AND a.question_id = 'income') AS income FROM responses r WHERE mode = 'paper' ORDER BY id")
      .all()
      .slice(before);
    expect(stored).toEqual([
      { number: '101', income: 2 },
      { number: '102', income: 5 },
      { number: '103', income: null },
    ]);
    expect(staff.errors).toEqual([]);
    await staff.close();
  }, 90_000);
});
