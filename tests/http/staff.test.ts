// Staff helping citizens (issue 5, points 2, 3 and 5): a staff member starts a
// response at /staff beside the citizen or by phone, the citizen flow follows in
// the staff session, and the response carries its mode and the staff member's
// id; the staff member is back at /staff afterwards, still signed in. Phone
// mode adds interviewer guidance; every staff-made response is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { addUser, testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv } from '../helpers/admin.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';
import { Browser, type Fields, type Page } from '../helpers/browser.ts';
import { answerFrom, answerRest, OLDER_RETIRED, start, WORKING_ADULT } from '../helpers/survey.ts';

const STAFF = { username: 'kari.bibliotek', password: 'staff password, long enough' } as const;
const nb = translator('nb');
const en = translator('en');

let target: TestApp;
let staffId: number;
beforeAll(async () => {
  target = await testApp();
  staffId = await addUser(target, STAFF);
});
afterAll(() => target.close());

const signedInStaff = (): Promise<Browser> => signedIn(target, STAFF);

/** Posts the staff page's start form; returns the page it leads to. */
async function begin(browser: Browser, fields: Record<string, string>): Promise<Page> {
  const staffPage = await browser.visit('/staff');
  expect(staffPage.html.querySelector('form[data-staff-start]')).not.toBeNull();
  return browser.submit('/staff', fields);
}

interface StoredResponse {
  id: number;
  mode: string;
  staff_user_id: number | null;
  language: string;
  paper_form_number: string | null;
}
const responses = (): StoredResponse[] =>
  target.db.conn.prepare('SELECT id, mode, staff_user_id, language, paper_form_number FROM responses ORDER BY id').all() as StoredResponse[];
const staffResponseDays = () =>
  target.db.conn.prepare('SELECT * FROM staff_response_days ORDER BY mode').all() as Array<Record<string, unknown>>;

const guidanceOf = (page: Page): string[] => page.html.querySelectorAll('.staff-note li').map((li) => li.textContent.trim());

describe('the staff page', () => {
  it('lists the open rounds with a form to start, for staff and admins', async () => {
    const staff = await signedInStaff();
    const page = await staff.visit('/staff');
    expect(page).toMatchObject({ status: 200, pageId: 'staff' });
    const form = page.html.querySelector('form[method="post"][data-staff-start]')!;
    // Open rounds, and rounds past their days for paper forms (another test may have closed one).
    expect(form.querySelectorAll('input[name="round"]').map((i) => i.getAttribute('value'))[0]).toBe('demo');
    expect(form.querySelectorAll('input[name="mode"]').map((i) => i.getAttribute('value'))).toEqual(['assisted', 'phone', 'paper']);
    // One open round is chosen already: one click less for every citizen.
    expect(form.querySelector('input[name="round"][value="demo"]')!.hasAttribute('checked')).toBe(true);
    // The mode is never pre-chosen: a guess from the last citizen would go unnoticed into the data.
    expect(form.querySelectorAll('input[name="mode"][checked]')).toHaveLength(0);
    const admin = await signedInAdmin(target);
    expect((await admin.visit('/admin')).html.querySelector('a[href="/staff"]')).not.toBeNull();
    expect(await admin.visit('/staff')).toMatchObject({ status: 200, pageId: 'staff' });
  });

  it('answers a form without a round or mode with 400, both fields marked, in the staff member’s language', async () => {
    const staff = await signedInStaff();
    await staff.visit('/staff?lang=en');
    const forms: Fields[] = [{}, { round: 'nope', mode: 'fax' }, { round: ['demo', 'demo'], mode: 'assisted', language: 'sv' }];
    for (const fields of forms) {
      const page = await staff.post('/staff', fields);
      expect(page.status, JSON.stringify(fields)).toBe(400);
      expect(page.html.querySelector('title')!.textContent.startsWith('Error: ')).toBe(true);
      const links = page.html.querySelectorAll('.error-summary a').map((a) => a.getAttribute('href'));
      for (const href of links) expect(page.html.querySelector(href!)?.getAttribute('aria-invalid'), href).toBe('true');
    }
    const draftsBefore = target.db.conn.prepare('SELECT count(*) FROM drafts').pluck().get();
    const missing = await staff.post('/staff', {});
    expect(missing.html.querySelectorAll('.error-summary a').map((a) => a.textContent)).toEqual([
      en('staff.roundMissing'),
      en('staff.modeMissing'),
    ]);
    expect(target.db.conn.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(draftsBefore);
  });

  it('refuses a round that is closed', async () => {
    target.stores.rounds.create({ slug: 'gammel', title: 'Gammel', organisation: 'Demo kommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    target.stores.rounds.close('gammel', '2026-02-01');
    const staff = await signedInStaff();
    expect(await begin(staff, { round: 'gammel', mode: 'assisted', language: 'nb' })).toMatchObject({ status: 400, pageId: 'staff' });
  });
});

describe('beside the citizen and by phone', () => {
  it('stores an assisted response with its mode and the staff id, and leads back to /staff still signed in', async () => {
    const staff = await signedInStaff();
    const first = await begin(staff, { round: 'demo', mode: 'assisted', language: 'nb' });
    expect(first.pageId).toBe(instrument.questions[0]!.id);
    const check = await answerFrom(staff, first, OLDER_RETIRED, 'nb', {
      // Beside the citizen: the mode is named, but no interview script.
      onPage: (page) => {
        expect(page.html.querySelector('.staff-note')?.textContent).toContain(nb('staff.noteAssisted'));
        expect(guidanceOf(page)).toEqual([]);
      },
    });
    const receipt = await staff.submit('/s/demo/check');
    expect(receipt.pageId).toBe('receipt');
    const next = receipt.html.querySelector('main a.button')!;
    expect(next.textContent).toBe(nb('staff.toNext'));
    expect(check.html.querySelector('.session-end button')?.textContent).toBe(nb('staff.cancel'));
    const back = await staff.visit(next.getAttribute('href')!);
    expect(back).toMatchObject({ status: 200, pageId: 'staff' });
    expect(back.text).toContain(nb('staff.doneSent'));
    // No citizen data left in the session: nothing in progress, no draft.
    expect(back.html.querySelector('.notice a')).toBeNull();
    expect(responses().at(-1)).toMatchObject({ mode: 'assisted', staff_user_id: staffId, language: 'nb', paper_form_number: null });
  });

  it('stores a phone response, with interviewer guidance on every page and only in phone mode', async () => {
    const staff = await signedInStaff();
    const first = await begin(staff, { round: 'demo', mode: 'phone', language: 'en' });
    const general = instrument.interviewer.general.map((text) => text.en);
    const pages: string[] = [];
    const check = await answerFrom(staff, first, WORKING_ADULT, 'en', {
      onPage: (page) => {
        const question = instrument.questions.find((q) => q.id === page.pageId)!;
        pages.push(question.id);
        expect(page.html.querySelector('.staff-note')?.textContent).toContain(en('staff.notePhone'));
        expect(guidanceOf(page)).toEqual(general);
        expect(page.html.querySelector('.staff-note__text')?.textContent ?? null).toBe(question.interviewer?.en ?? null);
        // Open on the first question, folded away after it so the question stays in view.
        expect(page.html.querySelector('.staff-note details')!.hasAttribute('open')).toBe(question === instrument.questions[0]);
        // "Don't know" and "Prefer not to say" are marked as not to be read out, and only they.
        const marked = page.html.querySelectorAll('.choice').filter((c) => c.querySelector('.choice__reserved')).map((c) => c.querySelector('input')!.getAttribute('value'));
        expect(marked).toEqual(question.options.filter((o) => o.code === 8 || o.code === 9).map((o) => String(o.code)));
      },
    });
    expect(pages).toContain('income');
    expect(check.html.querySelector('.staff-note__text')?.textContent).toBe(instrument.interviewer.check.en);
    await staff.submit('/s/demo/check');
    expect(responses().at(-1)).toMatchObject({ mode: 'phone', staff_user_id: staffId, language: 'en' });
  });

  it('shows a citizen answering alone no staff note and no interviewer guidance', async () => {
    const citizen = new Browser(target);
    const page = await start(citizen);
    expect(page.html.querySelector('.staff-note')).toBeNull();
    expect(page.html.querySelector('.choice__reserved')).toBeNull();
    expect(page.text).not.toContain(instrument.interviewer.general[0]!.nb);
  });

  it('lets the staff member cancel: the citizen’s answers go, the staff member stays signed in', async () => {
    const staff = await signedInStaff();
    const first = await begin(staff, { round: 'demo', mode: 'phone', language: 'nb' });
    await staff.submit(`/s/demo/q/${first.pageId}`, { [first.pageId!]: '6' });
    expect((await staff.visit('/staff')).html.querySelector('.notice a')?.textContent).toBe(nb('staff.inProgressContinue'));
    const cancelled = await staff.post('/s/demo/end');
    expect(cancelled).toMatchObject({ status: 303, location: '/staff?done=deleted' });
    expect(cancelled.headers['clear-site-data']).toBeUndefined();
    const back = await staff.visit(cancelled.location!);
    expect(back).toMatchObject({ status: 200, pageId: 'staff' });
    expect(back.text).toContain(nb('staff.doneDeleted'));
    expect(target.db.conn.prepare("SELECT count(*) FROM drafts WHERE mode = 'phone'").pluck().get()).toBe(0);
  });

  it('counts staff-made responses per day, staff member, round and mode: never one by one, never timed', async () => {
    const counted = (mode: string): number =>
      (staffResponseDays().find((d) => d['mode'] === mode && d['user_id'] === staffId)?.['responses'] as number | undefined) ?? 0;
    const before = { assisted: counted('assisted'), phone: counted('phone') };
    const staff = await signedInStaff();
    for (const mode of ['assisted', 'phone', 'phone'] as const) {
      await answerRest(staff, await begin(staff, { round: 'demo', mode, language: 'nb' }), WORKING_ADULT);
      expect((await staff.post('/s/demo/check')).location).toBe('/s/demo/receipt');
    }
    expect({ assisted: counted('assisted'), phone: counted('phone') }).toEqual({ assisted: before.assisted + 1, phone: before.phone + 2 });
    expect(Object.keys(staffResponseDays()[0]!).sort()).toEqual(['day', 'mode', 'responses', 'round_id', 'user_id']);
    for (const day of staffResponseDays()) expect(day['day']).toBe('2026-11-23');
    // The timed audit log has sign-ins and nothing that could place a response between two of them.
    const events = target.db.conn.prepare('SELECT DISTINCT event FROM audit_log').pluck().all();
    expect(events).not.toContain('response_created');
  });
});

describe('the staff member in the export', () => {
  it('is not in the default export, and is there when an admin asks', async () => {
    const admin = await signedInAdmin(target);
    const plain = await exportCsv(admin);
    expect(plain.header).not.toContain('staff_user_id');
    expect(plain.header.at(-1)).toBe('rule_version');
    const full = await exportCsv(admin, 'demo', '?staff=1');
    expect(full.header.slice(-2)).toEqual(['staff_user_id', 'paper_form_number']);
    expect(full.header.slice(0, -2)).toEqual(plain.header);
    expect(full.rows.map((r) => [r['mode'], r['staff_user_id']])).toEqual(
      responses().map((r) => [r.mode, r.staff_user_id === null ? '' : String(r.staff_user_id)]),
    );
  });

  it('is never shown to staff: the export and admin pages answer 403', async () => {
    const staff = await signedInStaff();
    expect((await staff.get('/admin/rounds/demo/export.csv?staff=1')).status).toBe(403);
    expect((await staff.get('/admin')).status).toBe(403);
  });
});
