// "Adding a question is a change to the definition alone": a definition with one
// more question (routed, multi-select) is walked end to end through the real app
// and lands in the export, with no other code touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import type { Instrument, Question } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv, signedInAdmin } from '../helpers/admin.ts';
import { Browser } from '../helpers/browser.ts';
import { answerAll, OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';

const libraryVisits: Question = {
  id: 'library_visits',
  type: 'multi',
  section: 'contact',
  showIf: { question: 'learn_pref', anyOf: [1] },
  text: {
    nb: 'Hvilke bibliotek har du besøkt det siste året?',
    nn: 'Kva bibliotek har du besøkt det siste året?',
    en: 'Which libraries have you visited in the last year?',
  },
  short: { nb: 'Bibliotekbesøk', nn: 'Bibliotekbesøk', en: 'Library visits' },
  required: { nb: 'Velg bibliotek', nn: 'Vel bibliotek', en: 'Select libraries' },
  options: [
    { code: 1, label: { nb: 'Hovedbiblioteket', nn: 'Hovudbiblioteket', en: 'The main library' } },
    { code: 2, label: { nb: 'En filial', nn: 'Ei filial', en: 'A branch library' } },
    { code: 3, label: { nb: 'Ingen', nn: 'Ingen', en: 'None' }, exclusive: true },
  ],
};

const extended: Instrument = { ...instrument, version: '2026.1-test', questions: [...instrument.questions, libraryVisits] };

let target: TestApp;
beforeAll(async () => {
  target = await testApp({ instrument: extended });
});
afterAll(() => target.close());

describe('a definition with one more question', () => {
  it('shows, validates, checks, stores and exports the new question', async () => {
    const citizen = new Browser(target);
    const check = await answerAll(citizen, { ...OLDER_RETIRED, library_visits: ['1', '2'] }, 'en', { instrument: extended });
    expect(check.html.querySelectorAll('.summary__key').map((k) => k.textContent)).toContain('Library visits');
    await citizen.submit('/s/demo/check');

    const { header, rows } = await exportCsv(await signedInAdmin(target));
    expect(header.slice(-7)).toEqual([
      'library_visits_1',
      'library_visits_2',
      'library_visits_3',
      'segment',
      'segment_reasons',
      'svart_sarbar',
      'rule_version',
    ]);
    expect(rows.at(-1)).toMatchObject({ library_visits_1: '1', library_visits_2: '1', library_visits_3: '0', instrument_version: '2026.1-test' });
  });

  it('routes past it, and validates it, like any other question', async () => {
    const citizen = new Browser(target);
    // Preferring an online course (4) routes past the library question.
    await answerAll(citizen, { ...WORKING_ADULT, learn_pref: '4' }, 'nb', { instrument: extended });
    await citizen.submit('/s/demo/check');
    const { rows } = await exportCsv(await signedInAdmin(target));
    expect(rows.at(-1)).toMatchObject({ learn_pref: '4', library_visits_1: '', library_visits_3: '' });

    const other = new Browser(target);
    await answerAll(other, { ...OLDER_RETIRED, library_visits: ['3'] }, 'nb', { instrument: extended });
    const refused = await other.post('/s/demo/q/library_visits?from=check', { library_visits: ['1', '3'] });
    expect(refused.status).toBe(400);
    expect(refused.html.querySelector('.error-summary a')?.textContent).toBe('«Ingen» kan ikke velges sammen med andre svar');
  });
});
