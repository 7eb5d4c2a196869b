// The whole citizen flow through the real app: all three languages, both routing
// branches, the check page, the receipt, and what lands in the export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv, signedInAdmin } from '../helpers/admin.ts';
import { Browser } from '../helpers/browser.ts';
import { answerAll, OLDER_RETIRED, questionIds, start, WORKING_ADULT } from '../helpers/survey.ts';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

describe('entry', () => {
  it('sends / to the one open round', async () => {
    const res = await new Browser(target).get('/');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo');
  });

  it('explains the survey on the start page: who runs it, how long, anonymous, no login, the time limit', async () => {
    const page = await new Browser(target).visit('/s/demo');
    expect(page.pageId).toBe('start');
    const text = page.html.querySelector('main')!.textContent;
    expect(text).toContain('Demo kommune');
    expect(text).toContain('23 til 25 spørsmål');
    expect(text).toContain('omtrent 5 minutter');
    expect(text).toContain('Du er anonym');
    expect(text).toContain('ikke logge inn');
    expect(text).toContain('30 minutter');
    expect(page.html.querySelector('form[data-survey-form] button[type=submit]')?.textContent).toBe('Start undersøkelsen');
  });

  it('lists the open rounds when more than one is open', async () => {
    const extra = await testApp();
    extra.stores.rounds.create({ slug: 'host-2026', title: 'Høst 2026', organisation: 'Eksempel kommune', mainLanguage: 'nn', createdDate: '2026-09-01' });
    const page = await new Browser(extra).visit('/');
    expect(page.pageId).toBe('rounds');
    expect(page.html.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toEqual(['/s/demo', '/s/host-2026']);
    // A round's main language is the default for a new visitor.
    const nynorsk = await new Browser(extra).visit('/s/host-2026');
    expect(nynorsk.html.querySelector('html')?.getAttribute('lang')).toBe('nn');
    extra.close();
  });
});

describe.each(LANGUAGES)('a complete response in %s', (lang) => {
  it('walks the multi-agency branch (coherence questions shown) and stores the response with its language', async () => {
    const citizen = new Browser(target);
    await citizen.visit(`/s/demo?lang=${lang}`);
    const check = await answerAll(citizen, OLDER_RETIRED, lang);
    const t = translator(lang);

    expect(check.html.querySelector('h1')?.textContent).toBe(t('check.title'));
    const keys = check.html.querySelectorAll('.summary__key').map((dt) => dt.textContent);
    expect(keys).toEqual(questionIds(OLDER_RETIRED).map((id) => instrument.questions.find((q) => q.id === id)!.short[lang]));
    // The multi-select answer is listed by its labels in this language.
    const devices = instrument.questions.find((q) => q.id === 'devices')!;
    expect(check.html.querySelectorAll('.summary__list li').map((li) => li.textContent)).toEqual(
      expect.arrayContaining([devices.options[0]!.label[lang], devices.options[2]!.label[lang]]),
    );

    const receipt = await citizen.submit('/s/demo/check');
    expect(receipt.pageId).toBe('receipt');
    expect(receipt.html.querySelector('h1')?.textContent).toBe(t('receipt.title'));

    const admin = await signedInAdmin(target);
    const { rows } = await exportCsv(admin);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({
      round: 'demo',
      language: lang,
      mode: 'self',
      shared_device: '0',
      submitted_date: '2026-11-23',
      instrument_version: instrument.version,
      age_group: '6',
      main_activity: '5',
      income: '2',
      devices_1: '1',
      devices_2: '0',
      devices_3: '1',
      devices_4: '0',
      coherence_alone: '4',
      coherence_easy: '2',
      channel_last: '10',
      help_source_2: '1',
      help_source_5: '0',
      segment: 'utsatt',
      segment_reasons: 'age;income;labour',
      svart_sarbar: '1',
      rule_version: 'utsatt-2022.1',
    });
  });
});

describe('routing', () => {
  it('skips the coherence questions when multi_agency is not 1, and exports them empty', async () => {
    const citizen = new Browser(target);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    await citizen.submit('/s/demo/check');

    const { rows } = await exportCsv(await signedInAdmin(target));
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ multi_agency: '2', coherence_alone: '', coherence_easy: '', segment: 'ovrige', segment_reasons: '', svart_sarbar: '0' });
  });

  it('does not let a citizen jump ahead of an unanswered question', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    const res = await citizen.get('/s/demo/q/learn_pref');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo/q/age_group');
  });

  it('sends a routed-out question back to where the citizen is', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    for (const id of questionIds(WORKING_ADULT).slice(0, 19)) await citizen.submit(`/s/demo/q/${id}`, { [id]: WORKING_ADULT[id]! });
    const res = await citizen.get('/s/demo/q/coherence_alone');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo/q/channel_pref');
  });

  it('sends a question page without a started survey to the start page', async () => {
    const res = await new Browser(target).get('/s/demo/q/gender');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo');
  });

  it('keeps earlier answers when going back', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '7' });
    const gender = await citizen.get('/s/demo/q/gender');
    expect(gender.html.querySelector('a.back-link')?.getAttribute('href')).toBe('/s/demo/q/age_group');
    const back = await citizen.get('/s/demo/q/age_group');
    expect(back.html.querySelector('input[name=age_group][checked]')?.getAttribute('value')).toBe('7');
    expect(back.html.querySelector('a.back-link')?.getAttribute('href')).toBe('/s/demo');
  });
});

describe('check your answers', () => {
  it('has one uniquely named «Endre» link per answer, and a change returns to the check page', async () => {
    const citizen = new Browser(target);
    const check = await answerAll(citizen, WORKING_ADULT, 'nb');
    const links = check.html.querySelectorAll('.summary__actions a');
    expect(links).toHaveLength(questionIds(WORKING_ADULT).length);
    const names = links.map((a) => a.textContent.replace(/\s+/g, ' ').trim());
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('Endre svaret om «Alder»');

    const change = await citizen.visit(links[2]!.getAttribute('href')!);
    expect(change.pageId).toBe('main_activity');
    expect(change.html.querySelector('a.back-link')?.getAttribute('href')).toBe('/s/demo/check');
    const after = await citizen.post(links[2]!.getAttribute('href')!, { main_activity: '4' });
    expect(after.location).toBe('/s/demo/check');
    const updated = await citizen.visit('/s/demo/check');
    expect(updated.html.querySelectorAll('.summary__value')[2]!.textContent.trim()).toBe('Arbeidsledig eller arbeidssøker');
  });

  it('asks the newly opened questions when a change opens a routed branch, then returns to the check page', async () => {
    const citizen = new Browser(target);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    const res = await citizen.post('/s/demo/q/multi_agency?from=check', { multi_agency: '1' });
    expect(res.location).toBe('/s/demo/q/coherence_alone');
    await citizen.submit('/s/demo/q/coherence_alone', { coherence_alone: '3' });
    const last = await citizen.post('/s/demo/q/coherence_easy?from=check', { coherence_easy: '3' });
    expect(last.location).toBe('/s/demo/check');
  });

  it('shows the check page only when every shown question is answered', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '1' });
    const res = await citizen.get('/s/demo/check');
    expect(res.location).toBe('/s/demo/q/gender');
    const post = await citizen.post('/s/demo/check');
    expect(post.location).toBe('/s/demo/q/gender');
  });
});

describe('submitting', () => {
  it('stores exactly one response on a double submit, and the back button leads to the receipt', async () => {
    const fresh = await testApp();
    const citizen = new Browser(fresh);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    const first = await citizen.post('/s/demo/check');
    const second = await citizen.post('/s/demo/check');
    expect(first.location).toBe('/s/demo/receipt');
    expect(second.location).toBe('/s/demo/receipt');
    const back = await citizen.get('/s/demo/check');
    expect(back.location).toBe('/s/demo/receipt');

    const { rows } = await exportCsv(await signedInAdmin(fresh));
    expect(rows).toHaveLength(1);
    fresh.close();
  });

  it('lets the next person on the same browser start a new response after the receipt', async () => {
    const fresh = await testApp();
    const citizen = new Browser(fresh);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    await citizen.submit('/s/demo/check');
    const again = await answerAll(citizen, OLDER_RETIRED, 'nb');
    expect(again.html.querySelectorAll('.summary__value')[0]!.textContent.trim()).toBe('67–79 år');
    await citizen.submit('/s/demo/check');
    const { rows } = await exportCsv(await signedInAdmin(fresh));
    expect(rows.map((r) => r.age_group)).toEqual(['3', '6']);
    fresh.close();
  });

  it('shows the receipt only after a submission', async () => {
    const res = await new Browser(target).get('/s/demo/receipt');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo');
  });
});

describe('language', () => {
  it('switches mid-way for the rest of the session, and the response records the language it was sent in', async () => {
    const fresh = await testApp();
    const citizen = new Browser(fresh);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '2' });
    const switched = await citizen.get('/s/demo/q/gender?lang=en');
    expect(switched.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    expect(switched.html.querySelector('h1')?.textContent).toBe('What is your gender?');
    expect(switched.html.querySelector('label[for=gender-1]')?.textContent).toBe('Woman');
    const next = await citizen.submit('/s/demo/q/gender', { gender: '2' });
    expect(next.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    expect(next.html.querySelector('h1')?.textContent).toBe('What is your main activity at the moment?');
    expect(next.html.querySelector('.caption__progress')?.textContent).toBe('Question 3 of 23');

    const nynorsk = await citizen.get('/s/demo/q/main_activity?lang=nn');
    expect(nynorsk.html.querySelector('h1')?.textContent).toBe('Kva er den viktigaste aktiviteten din no?');
    expect(nynorsk.html.querySelector('button[type=submit]')?.textContent).toBe('Hald fram');
    fresh.close();
  });

  it('offers every language on every page, marks the current one, and ignores unknown languages', async () => {
    const citizen = new Browser(target);
    const page = await citizen.visit('/s/demo?lang=de');
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('nb');
    const links = page.html.querySelectorAll('nav.languages a');
    expect(links.map((a) => [a.getAttribute('lang'), a.getAttribute('href')])).toEqual([
      ['nb', '/s/demo?lang=nb'],
      ['nn', '/s/demo?lang=nn'],
      ['en', '/s/demo?lang=en'],
    ]);
    expect(links[0]!.getAttribute('aria-current')).toBe('true');
  });
});

describe('privacy and caching', () => {
  it('sends Cache-Control: no-store on every citizen page and never puts answers in a URL', async () => {
    const citizen = new Browser(target);
    const locations: string[] = [];
    let page = await citizen.get('/s/demo');
    expect(page.headers['cache-control']).toBe('no-store');
    page = await citizen.post('/s/demo');
    while (page.location) {
      locations.push(page.location);
      page = await citizen.get(page.location);
      expect(page.headers['cache-control']).toBe('no-store');
      if (page.pageId === 'check') break;
      const id = page.pageId!;
      page = await citizen.post(`/s/demo/q/${id}`, { [id]: OLDER_RETIRED[id]! });
    }
    page = await citizen.post('/s/demo/check');
    locations.push(page.location!);
    for (const location of locations) expect(location).toMatch(/^\/s\/demo\/(q\/[a-z_]+|check|receipt)$/);
  });

  it('sets one session cookie: HttpOnly, SameSite=Lax, no expiry date', async () => {
    const res = await new Browser(target).get('/s/demo');
    const cookies = res.headers['set-cookie'] as unknown as string[];
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  });
});
