// Keyed entry of paper forms (issue 5, point 4; shared/contract.md): the staff
// start with mode `paper` leads to one page with every question; its first
// button stores the response (mode `paper`, staff id, form number) and leads
// back to the staff page. A bad code or a form number already keyed is refused
// with 400 and the field marked, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { addUser, testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv, signedInAdmin } from '../helpers/admin.ts';
import { Browser, type Fields, type Page } from '../helpers/browser.ts';
import { OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';
import { signedIn } from '../helpers/sign-in.ts';

const STAFF = { username: 'ali.servicetorg', password: 'staff password, long enough' } as const;
const nb = translator('nb');

let target: TestApp;
let staffId: number;
let staff: Browser;
beforeAll(async () => {
  target = await testApp();
  staffId = await addUser(target, STAFF);
  staff = await signedIn(target, STAFF);
});
afterAll(() => target.close());

const count = (): number => target.db.conn.prepare('SELECT count(*) FROM responses').pluck().get() as number;

/** What a keyer types: the scripted answers, multi-selects as "1 3". */
const typed = (answers: Fields): Record<string, string> =>
  Object.fromEntries(Object.entries(answers).map(([id, v]) => [id, typeof v === 'string' ? v : v.join(' ')]));

async function entryPage(): Promise<Page> {
  await staff.visit('/staff');
  const page = await staff.submit('/staff', { round: 'demo', mode: 'paper', language: 'nb' });
  expect(page).toMatchObject({ status: 200, pageId: 'paper-entry' });
  return page;
}

function markedFields(page: Page): string[] {
  return page.html.querySelectorAll('input[aria-invalid="true"]').map((i) => i.getAttribute('name')!);
}

describe('the keyed-entry page', () => {
  it('has a field named by id for every question, after the form number and date', async () => {
    const page = await entryPage();
    const names = page.html.querySelectorAll('form[data-paper-form] input:not([type="hidden"])').map((i) => i.getAttribute('name'));
    expect(names).toEqual(['paper_form_number', 'paper_form_date', ...instrument.questions.map((q) => q.id)]);
    // Each field says its codes, as printed beside the boxes.
    const hint = page.html.querySelector(`#${page.html.querySelector('#age_group')!.getAttribute('aria-describedby')}`)!;
    expect(hint.textContent).toContain('6 67–79 år');
  });

  it('stores a form with its mode, staff id and number, and leads back to the staff page', async () => {
    await entryPage();
    const paperToday = (): unknown =>
      target.db.conn.prepare("SELECT responses FROM staff_response_days WHERE mode = 'paper' AND user_id = ?").pluck().get(staffId) ?? 0;
    const countedBefore = paperToday() as number;
    const saved = await staff.post('/staff/paper/demo', { paper_form_number: ' a 17 ', ...typed(OLDER_RETIRED) });
    expect(saved.status).toBe(303);
    const back = await staff.visit(saved.location!);
    expect(back).toMatchObject({ status: 200, pageId: 'staff' });
    expect(back.text).toContain(nb('staff.donePaper', { form: 'A17' }));
    const row = target.db.conn.prepare('SELECT mode, staff_user_id, paper_form_number, language FROM responses ORDER BY id DESC').get();
    expect(row).toEqual({ mode: 'paper', staff_user_id: staffId, paper_form_number: 'A17', language: 'nb' });
    const admin = await signedInAdmin(target);
    const csv = await exportCsv(admin, 'demo', '?staff=1');
    expect(csv.rows.at(-1)).toMatchObject({ mode: 'paper', devices_1: '1', devices_2: '0', devices_3: '1', segment: 'utsatt', paper_form_number: 'A17' });
    // Counted on its day, for that staff member and way, and nowhere one by one.
    expect(paperToday()).toBe(countedBefore + 1);
    expect(target.db.conn.prepare("SELECT DISTINCT day FROM staff_response_days WHERE mode = 'paper'").pluck().all()).toEqual(['2026-11-23']);
  });

  it('refuses a bad code with 400 and that field marked, keeping what was typed, storing nothing', async () => {
    await entryPage();
    const before = count();
    const page = await staff.post('/staff/paper/demo', { ...typed(WORKING_ADULT), paper_form_number: '18', age_group: '12' });
    expect(page.status).toBe(400);
    expect(page.html.querySelector('title')!.textContent.startsWith('Feil: ')).toBe(true);
    expect(markedFields(page)).toEqual(['age_group']);
    expect(page.html.querySelector('.error-summary a')!.getAttribute('href')).toBe('#age_group');
    expect(page.html.querySelector('.error-summary a')!.textContent).toBe(nb('paper.errorUnknownCode', { number: 1, code: '12' }));
    expect(page.html.querySelector('#age_group')!.getAttribute('value')).toBe('12');
    expect(page.html.querySelector('#income')!.getAttribute('value')).toBe('5');
    expect(page.html.querySelector('#paper_form_number')!.getAttribute('value')).toBe('18');
    expect(count()).toBe(before);
  });

  const numberOf = (id: string): number => instrument.questions.findIndex((q) => q.id === id) + 1;
  it.each([
    ['two codes for a one-answer question', { gender: '1 2' }, 'gender', nb('paper.errorOneCode', { number: numberOf('gender') })],
    ['"none of these" with another', { devices: '4 1' }, 'devices', nb('paper.errorExclusive', { number: numberOf('devices'), code: '4' })],
    ['a word instead of a code', { skill_self: 'god' }, 'skill_self', nb('paper.errorUnknownCode', { number: numberOf('skill_self'), code: 'god' })],
  ] as const)('refuses %s', async (_name, change, field, message) => {
    await entryPage();
    const before = count();
    const page = await staff.post('/staff/paper/demo', { ...typed(WORKING_ADULT), paper_form_number: '19', ...change });
    expect(page.status).toBe(400);
    expect(markedFields(page)).toEqual([field]);
    expect(page.html.querySelector(`#${field}-error`)!.textContent).toContain(message);
    expect(count()).toBe(before);
  });

  it('refuses a form number already keyed in this round, and one that is missing or malformed', async () => {
    await entryPage();
    expect((await staff.post('/staff/paper/demo', { paper_form_number: 'B5', ...typed(WORKING_ADULT) })).status).toBe(303);
    await entryPage();
    const before = count();
    const duplicate = await staff.post('/staff/paper/demo', { paper_form_number: 'b 5', ...typed(WORKING_ADULT) });
    expect(duplicate.status).toBe(400);
    expect(markedFields(duplicate)).toEqual(['paper_form_number']);
    expect(duplicate.html.querySelector('.error-summary a')!.textContent).toBe(nb('paper.numberTaken', { number: 'B5' }));
    for (const [number, message] of [
      ['', 'paper.numberMissing'],
      ['17/2', 'paper.numberShape'],
      ['x'.repeat(21), 'paper.numberShape'],
    ] as const) {
      const page = await staff.post('/staff/paper/demo', { paper_form_number: number, ...typed(WORKING_ADULT) });
      expect(page.status, number).toBe(400);
      expect(page.html.querySelector('#paper_form_number-error')!.textContent).toContain(nb(message));
    }
    expect(count()).toBe(before);
  });

  it('stores blanks as unanswered, drops answers the form said to skip, and says so', async () => {
    await entryPage();
    const saved = await staff.post('/staff/paper/demo', {
      paper_form_number: '20',
      blank_rest: '1',
      age_group: '7',
      multi_agency: '2',
      coherence_alone: '3',
      coherence_easy: '4',
      devices: '1,3',
    });
    const back = await staff.visit(saved.location!);
    expect(back.text).toContain(nb('staff.doneSkipped', { n: 2 }));
    const admin = await signedInAdmin(target);
    const row = (await exportCsv(admin, 'demo', '?staff=1')).rows.find((r) => r['paper_form_number'] === '20')!;
    expect(row).toMatchObject({ age_group: '7', income: '', coherence_alone: '', coherence_easy: '', devices_1: '1', devices_3: '1', segment: 'utsatt', segment_reasons: 'age' });
  });

  it('asks before storing a form whose last questions are all blank (Enter pressed too soon), and stores it when told', async () => {
    await entryPage();
    const before = count();
    const early = await staff.post('/staff/paper/demo', { paper_form_number: '23', age_group: '6', gender: '1' });
    expect(early.status).toBe(400);
    const numberOf = (id: string): number => instrument.questions.findIndex((q) => q.id === id) + 1;
    expect(early.html.querySelector('.error-summary a')!.textContent).toBe(
      nb('paper.blankTail', { from: numberOf('main_activity'), to: instrument.questions.length }),
    );
    expect(markedFields(early)).toEqual(['main_activity']);
    expect(early.html.querySelector('input[type="checkbox"][name="blank_rest"]')).not.toBeNull();
    expect(early.html.querySelector('#gender')!.getAttribute('value')).toBe('1');
    expect(count()).toBe(before);
    const told = await staff.post('/staff/paper/demo', { paper_form_number: '23', age_group: '6', gender: '1', blank_rest: '1' });
    expect(told.status).toBe(303);
    expect(count()).toBe(before + 1);
    // One or two blank questions at the end are a respondent's, not a keyer's slip: stored at once.
    const { learn_pref: _last, help_source: _before, ...nearlyAll } = typed(OLDER_RETIRED);
    expect((await staff.post('/staff/paper/demo', { paper_form_number: '24', ...nearlyAll })).status).toBe(303);
  });

  it('refuses a form with nothing keyed', async () => {
    await entryPage();
    const page = await staff.post('/staff/paper/demo', { paper_form_number: '21' });
    expect(page.status).toBe(400);
    expect(page.html.querySelector('.error-summary a')!.textContent).toBe(nb('paper.errorEmpty'));
  });

  it('records the language of the form being keyed', async () => {
    await staff.visit('/staff');
    await staff.submit('/staff', { round: 'demo', mode: 'paper', language: 'nn' });
    const saved = await staff.post('/staff/paper/demo', { paper_form_number: '22', age_group: '1', blank_rest: '1' });
    expect(saved.status).toBe(303);
    expect(target.db.conn.prepare("SELECT language FROM responses WHERE paper_form_number = '22'").pluck().get()).toBe('nn');
  });
});
