// Scripted respondents and a walk through the citizen flow that checks every
// page on the way, as a person moving through it would see it.
import { expect } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import { translator } from '../../server/i18n/messages.ts';
import type { Instrument, Language } from '../../server/survey/types.ts';
import type { Browser, Fields, Page } from './browser.ts';

/** Over 67, retired, low income, poor skills, needed several agencies: utsatt on all three criteria. */
export const OLDER_RETIRED: Fields = {
  age_group: '6',
  gender: '1',
  main_activity: '5',
  income: '2',
  education: '2',
  skill_self: '2',
  devices: ['1', '3'],
  has_eid: '1',
  task_login: '3',
  task_form: '4',
  task_mailbox: '5',
  task_scam: '8',
  agree_easy: '1',
  agree_language: '2',
  agree_municipal: '3',
  trust_rights: '4',
  trust_data: '5',
  data_reuse: '8',
  multi_agency: '1',
  coherence_alone: '4',
  coherence_easy: '2',
  channel_pref: '4',
  channel_last: '10',
  help_source: ['2', '3'],
  learn_pref: '1',
};

/** 35–44, working, high income, good skills, no multi-agency situation: øvrige; routed past coherence_*. */
export const WORKING_ADULT: Fields = {
  ...Object.fromEntries(Object.entries(OLDER_RETIRED).filter(([id]) => !id.startsWith('coherence_'))),
  age_group: '3',
  main_activity: '1',
  income: '5',
  skill_self: '4',
  devices: ['1', '2', '3'],
  multi_agency: '2',
  help_source: ['5'],
};

export function questionIds(answers: Fields, within: Instrument = instrument): string[] {
  return within.questions.map((q) => q.id).filter((id) => id in answers);
}

/** Starts the survey from its start page; returns the first question page. */
export async function start(browser: Browser, slug = 'demo', lang?: Language): Promise<Page> {
  const startPage = await browser.visit(`/s/${slug}${lang ? `?lang=${lang}` : ''}`);
  expect(startPage.pageId).toBe('start');
  return browser.submit(`/s/${slug}`);
}

/**
 * Answers page by page until the check page, asserting on each page: the page
 * marker, the h1 as legend, the progress text, and no error.
 */
export async function answerAll(
  browser: Browser,
  answers: Fields,
  lang: Language,
  options: { slug?: string; instrument?: Instrument } = {},
): Promise<Page> {
  return answerFrom(browser, await start(browser, options.slug, lang), answers, lang, options);
}

/** The same walk from a first question page reached some other way (a staff member's start). */
export async function answerFrom(
  browser: Browser,
  first: Page,
  answers: Fields,
  lang: Language,
  options: { slug?: string; instrument?: Instrument; onPage?: (page: Page) => void } = {},
): Promise<Page> {
  const { instrument: within = instrument } = options;
  const t = translator(lang);
  const expected = questionIds(answers, within);
  const seen: string[] = [];
  const check = await answerRest(browser, first, answers, {
    ...(options.slug ? { slug: options.slug } : {}),
    onPage: (page) => {
      const id = page.pageId ?? '';
      seen.push(id);
      expect(page.status, `page ${id}`).toBe(200);
      expect(page.html.querySelector('html')?.getAttribute('lang')).toBe(lang);
      const question = within.questions.find((q) => q.id === id);
      if (question) {
        expect(page.html.querySelector('fieldset legend h1')?.textContent.trim()).toBe(question.text[lang]);
        // A routed question counts in the total once the answer that opens it is given.
        const answeredBefore = seen.slice(0, -1);
        const total = expected.filter((qid) => {
          const rule = within.questions.find((q) => q.id === qid)!.showIf;
          return !rule || answeredBefore.includes(rule.question);
        }).length;
        expect(page.html.querySelector('.caption__progress')?.textContent).toBe(t('question.progress', { number: seen.length, total }));
      }
      options.onPage?.(page);
    },
  });
  expect(seen).toEqual(expected);
  return check;
}

/**
 * Answers from whatever question page the browser is on to the check page: the
 * one walk every HTTP test takes. `onPage` looks at each question page (and may
 * post to it) before its scripted answer goes in; answerFrom uses it to check
 * every page on the way.
 */
export async function answerRest(
  browser: Browser,
  from: Page,
  answers: Fields,
  options: { slug?: string; onPage?: (page: Page) => void | Promise<void> } = {},
): Promise<Page> {
  const { slug = 'demo' } = options;
  let page = from;
  for (let pages = 0; page.pageId !== 'check'; pages++) {
    const id = page.pageId ?? '';
    const value = answers[id];
    if (value === undefined || pages > 60) throw new Error(`no scripted answer for page ${id} (status ${page.status})`);
    await options.onPage?.(page);
    page = await browser.submit(`/s/${slug}/q/${id}`, { [id]: value });
  }
  return page;
}
