// The printable questionnaire (issue 5, point 4): per round and language, every
// question and every option with its code beside the box, the routing spelled
// out for someone with a pen, and a large-print variant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('the printable form', () => {
  it.each(LANGUAGES)('shows every question, numbered, with every option and its code (%s)', async (lang) => {
    const page = await new Browser(target).visit(`/s/demo/print?lang=${lang}`);
    expect(page).toMatchObject({ status: 200, pageId: 'print' });
    expect(page.html.querySelector('html')!.getAttribute('lang')).toBe(lang);
    const questions = page.html.querySelectorAll('.paper-question');
    expect(questions).toHaveLength(instrument.questions.length);
    instrument.questions.forEach((q, i) => {
      const block = questions[i]!;
      expect(squash(block.querySelector('h3')!.textContent)).toBe(`${i + 1}. ${q.text[lang]}`);
      const options = block.querySelectorAll('.paper-option').map((li) => ({
        box: li.querySelector('.paper-option__box') !== null,
        code: li.querySelector('.paper-option__code')!.textContent,
        label: li.querySelector('.paper-option__label')!.textContent,
      }));
      expect(options).toEqual(q.options.map((o) => ({ box: true, code: String(o.code), label: o.label[lang] })));
    });
  });

  it('spells out the routing: where to go after the question that decides it, and when to answer the routed ones', async () => {
    const page = await new Browser(target).visit('/s/demo/print?lang=nb');
    const t = translator('nb');
    const number = (id: string) => instrument.questions.findIndex((q) => q.id === id) + 1;
    const text = squash(page.text);
    expect(text).toContain(t('paper.routeNote', { answers: '«Ja»', to: number('coherence_alone'), skipTo: number('channel_pref') }));
    expect(text).toContain(t('paper.onlyIf', { answers: '«Ja»', number: number('multi_agency') }));
  });

  it('has a large-print variant, and a place for the form number', async () => {
    const browser = new Browser(target);
    const normal = await browser.visit('/s/demo/print');
    expect(normal.html.querySelector('.paper--large')).toBeNull();
    const link = normal.html.querySelector('.paper__screen-only a')!.getAttribute('href')!;
    const large = await browser.visit(link);
    expect(large).toMatchObject({ status: 200, pageId: 'print' });
    expect(large.html.querySelector('.paper.paper--large')).not.toBeNull();
    expect(large.html.querySelector('.paper__form-number-box')).not.toBeNull();
  });

  it('needs no sign-in and holds no answers: no end control or timer, even mid-survey', async () => {
    const citizen = new Browser(target);
    await citizen.visit('/s/demo');
    await citizen.submit('/s/demo');
    const page = await citizen.visit('/s/demo/print');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('.session-end')).toBeNull();
    expect(page.html.querySelector('script')).toBeNull();
  });
});
