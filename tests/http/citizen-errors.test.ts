// Every error state of every question page, in every language: the page comes
// back with 400, «Feil: » in the title, an error summary linking to the field,
// inline messages wired with aria-invalid/aria-describedby, and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES, type Language, type Question } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv, signedInAdmin } from '../helpers/admin.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { answerRest, OLDER_RETIRED, start } from '../helpers/survey.ts';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

const TITLE_PREFIX: Record<Language, string> = { nb: 'Feil: ', nn: 'Feil: ', en: 'Error: ' };

/** The error contract of shared/universal-design.md R24–R26, checked on one page. */
function expectErrorPage(page: Page, question: Question, lang: Language, message: string): void {
  expect(page.status).toBe(400);
  expect(page.pageId).toBe(question.id);
  expect(page.html.querySelector('title')?.textContent.startsWith(TITLE_PREFIX[lang])).toBe(true);

  const main = page.html.querySelector('main')!;
  const summary = main.childNodes.find((n) => n.nodeType === 1) as typeof main;
  expect(summary.classList.contains('error-summary')).toBe(true);
  expect(summary.getAttribute('tabindex')).toBe('-1');
  expect(summary.hasAttribute('autofocus')).toBe(true);

  const links = summary.querySelectorAll('a');
  expect(links).toHaveLength(1);
  expect(links[0]!.textContent).toBe(message);
  const targetId = links[0]!.getAttribute('href')!.slice(1);
  const input = page.html.getElementById(targetId);
  expect(input?.tagName).toBe('INPUT');
  expect(input?.getAttribute('name')).toBe(question.id);
  expect(input?.getAttribute('value')).toBe(String(question.options[0]!.code));

  const errorId = `${question.id}-error`;
  const inline = page.html.getElementById(errorId)!;
  expect(inline.querySelector('.visually-hidden')?.textContent).toBe(`${TITLE_PREFIX[lang].trim()}`);
  expect(inline.textContent.replace(TITLE_PREFIX[lang].trim(), '').trim()).toBe(message);
  for (const box of page.html.querySelectorAll(`input[name=${question.id}]`)) {
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')?.split(' ')).toContain(errorId);
    expect(box.hasAttribute('required')).toBe(false);
  }
  expect(page.html.querySelector('form[data-survey-form]')?.hasAttribute('novalidate')).toBe(true);
}

describe.each(LANGUAGES)('error states in %s', (lang) => {
  it('refuses an empty answer and an unknown code on every question page, storing nothing', async () => {
    const t = translator(lang);
    const citizen = new Browser(target);
    await citizen.visit(`/s/demo?lang=${lang}`);
    await answerRest(citizen, await start(citizen), OLDER_RETIRED, {
      onPage: async (page) => {
        const question = instrument.questions.find((q) => q.id === page.pageId)!;
        const path = `/s/demo/q/${question.id}`;

        const empty = await citizen.post(path, {});
        expectErrorPage(empty, question, lang, question.required[lang]);
        // Nothing chosen stays nothing chosen.
        expect(empty.html.querySelectorAll('input[checked]')).toHaveLength(0);

        const unknown = await citizen.post(path, { [question.id]: '99' });
        expectErrorPage(unknown, question, lang, t('errors.unknownCode'));

        // The draft did not move on: the next page is still out of reach.
        const reload = await citizen.get(path);
        expect(reload.status).toBe(200);
        expect(reload.html.querySelectorAll('input[checked]')).toHaveLength(0);
      },
    });
  });
});

describe('multi-select errors', () => {
  it('refuses «None of these» together with another option, and keeps the boxes ticked', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    for (const id of ['age_group', 'gender', 'main_activity', 'income', 'education', 'skill_self']) {
      await citizen.submit(`/s/demo/q/${id}`, { [id]: OLDER_RETIRED[id]! });
    }
    const devices = instrument.questions.find((q) => q.id === 'devices')!;
    const page = await citizen.post('/s/demo/q/devices', { devices: ['1', '4'] });
    expectErrorPage(page, devices, 'nb', '«Ingen av disse» kan ikke velges sammen med andre svar');
    expect(page.html.querySelectorAll('input[name=devices][checked]').map((i) => i.getAttribute('value'))).toEqual(['1', '4']);
  });

  it('refuses both «Ingen» answers together in help_source, naming the one ticked first', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    for (const q of instrument.questions.slice(0, instrument.questions.findIndex((x) => x.id === 'help_source'))) {
      if (OLDER_RETIRED[q.id]) await citizen.submit(`/s/demo/q/${q.id}`, { [q.id]: OLDER_RETIRED[q.id]! });
    }
    const helpSource = instrument.questions.find((q) => q.id === 'help_source')!;
    const page = await citizen.post('/s/demo/q/help_source', { help_source: ['5', '6'] });
    expectErrorPage(page, helpSource, 'nb', '«Ingen – jeg klarer meg selv» kan ikke velges sammen med andre svar');
  });

  it('treats two values posted for a radio question as an answer that is not one of the options', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    const ageGroup = instrument.questions[0]!;
    const page = await citizen.post('/s/demo/q/age_group', { age_group: ['1', '2'] });
    expectErrorPage(page, ageGroup, 'nb', translator('nb')('errors.unknownCode'));
  });
});

describe('hostile and broken requests', () => {
  it('refuses a post without the CSRF token with 403, in the citizen’s language, and stores nothing', async () => {
    const citizen = new Browser(target);
    await citizen.visit('/s/demo?lang=en');
    await start(citizen);
    const res = await citizen.post('/s/demo/q/age_group', { age_group: '3' }, { csrf: null });
    expect(res.status).toBe(403);
    expect(res.pageId).toBe('expired');
    expect(res.html.querySelector('h1')?.textContent).toBe('This page has expired');
    const page = await citizen.get('/s/demo/q/age_group');
    expect(page.html.querySelectorAll('input[checked]')).toHaveLength(0);
  });

  it('refuses a wrong CSRF token', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    const res = await citizen.post('/s/demo/q/age_group', { age_group: '3' }, { csrf: 'x'.repeat(43) });
    expect(res.status).toBe(403);
  });

  it('answers an oversized form with a 413 page, not a crash', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    const res = await citizen.post('/s/demo/q/age_group', { age_group: '3', filler: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
    expect(res.pageId).toBe('bad-request');
  });

  it('answers unknown rounds and questions with a 404 page in the session’s language', async () => {
    const citizen = new Browser(target);
    await citizen.visit('/s/demo?lang=nn');
    const round = await citizen.get('/s/nope');
    expect(round.status).toBe(404);
    expect(round.pageId).toBe('not-found');
    expect(round.html.querySelector('h1')?.textContent).toBe('Fann ikkje sida');
    await start(citizen);
    const question = await citizen.get('/s/demo/q/favourite_colour');
    expect(question.status).toBe(404);
  });

  it('escapes what a citizen sends when it is shown again', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    const res = await citizen.post('/s/demo/q/age_group', { age_group: '<script>alert(1)</script>' });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('<script>alert(1)</script>');
  });

  it('does not let a closed round take answers', async () => {
    const fresh = await testApp();
    const citizen = new Browser(fresh);
    await start(citizen);
    fresh.db.conn.prepare("UPDATE rounds SET status = 'closed' WHERE slug = 'demo'").run();
    const post = await citizen.post('/s/demo/q/age_group', { age_group: '3' });
    expect(post.status).toBe(410);
    expect(post.pageId).toBe('closed');
    const page = await citizen.get('/s/demo');
    expect(page.status).toBe(410);
    const { rows } = await exportCsv(await signedInAdmin(fresh));
    expect(rows).toHaveLength(0);
    fresh.close();
  });
});
