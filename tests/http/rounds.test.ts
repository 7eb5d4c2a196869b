// Rounds for admins (issue 13, point 1): create, edit, open and close on the
// admin pages, every date state as a citizen sees it, the languages a round
// offers, its own contact details, and the audit trail of each change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { Browser } from '../helpers/browser.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signedInAdmin } from '../helpers/sign-in.ts';
import { OLDER_RETIRED } from '../helpers/survey.ts';

/** What a keyer types: multi-selects as "1 3". */
const typed = (answers: Readonly<Record<string, string | readonly string[]>>): Record<string, string> =>
  Object.fromEntries(Object.entries(answers).map(([id, v]) => [id, typeof v === 'string' ? v : v.join(' ')]));

const nb = translator('nb');
// The test app's clock: 23 November 2026 in Oslo.
const TODAY = '2026-11-23';

let target: TestApp;
beforeAll(async () => {
  target = await testApp({ env: { CONTACT_EMAIL: 'post@demo.kommune.no', DATA_CONTROLLER: 'Demo kommune' } });
});
afterAll(() => target.close());

const roundForm = (fields: Record<string, string | string[]>) => ({
  title: 'Digital deltakelse 2027',
  organisation: 'Eksempel kommune',
  mainLanguage: 'nb',
  languages: ['nb', 'nn', 'en'],
  opensDate: '',
  closesDate: '',
  contactEmail: '',
  dataController: '',
  ...fields,
});

async function createRound(admin: Browser, fields: Record<string, string | string[]>) {
  await admin.visit('/admin/rounds/new');
  return admin.submit('/admin/rounds', roundForm(fields));
}

const auditRows = async (admin: Browser, query = '') =>
  (await admin.visit(`/admin/audit${query}`)).html
    .querySelector(`section[aria-label="${nb('audit.eventsHeading')}"]`)
    ?.querySelectorAll('tbody tr')
    .map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim())) ?? [];

describe('an admin', () => {
  it('creates a round that citizens can answer at once, and the audit log names who did it', async () => {
    const admin = await signedInAdmin(target);
    const list = await admin.visit('/admin/rounds');
    expect(list.pageId).toBe('admin-rounds');
    const page = await createRound(admin, { slug: 'digital-2027' });
    expect(page).toMatchObject({ status: 200, pageId: 'admin-round' });
    expect(page.html.querySelector('[role="status"]')?.textContent).toContain(nb('rounds.doneCreated'));
    expect(page.html.querySelector('h1')?.textContent).toBe('Digital deltakelse 2027');
    expect((await admin.visit('/admin/rounds')).html.querySelector('main')!.textContent).toContain('Digital deltakelse 2027');
    const citizen = await new Browser(target).visit('/s/digital-2027');
    expect(citizen).toMatchObject({ status: 200, pageId: 'start' });
    expect(citizen.html.querySelector('form[data-survey-form]')).not.toBeNull();
    const [entry] = await auditRows(admin, '?kind=rounds');
    expect(entry).toEqual([expect.any(String), nb('audit.roundCreated'), 'kari.admin', 'digital-2027', '', nb('audit.viaWeb')]);
  });

  it('gets every mistake in the form back at once, with 400, the typed values kept and nothing stored', async () => {
    const admin = await signedInAdmin(target);
    const before = target.stores.rounds.count();
    const page = await createRound(admin, { slug: 'Ikke Gyldig!', title: '', opensDate: '2027-03-10', closesDate: '2027-02-30', languages: ['nn'] });
    expect(page.status).toBe(400);
    expect(page.html.querySelector('title')?.textContent).toMatch(/^Feil: /);
    expect(page.html.querySelectorAll('.error-summary a').map((a) => a.textContent)).toEqual([
      nb('rounds.titleMissing'),
      nb('rounds.slugShape'),
      nb('rounds.dateShape'),
      nb('rounds.mainLanguageNotOffered'),
    ]);
    expect(page.html.querySelector('input[name="slug"]')?.getAttribute('value')).toBe('Ikke Gyldig!');
    const backwards = await createRound(admin, { slug: 'baklengs', opensDate: '2027-03-10', closesDate: '2027-03-01' });
    expect(backwards.html.querySelectorAll('.error-summary a').map((a) => a.textContent)).toEqual([nb('rounds.closesBeforeOpens')]);
    expect(target.stores.rounds.count()).toBe(before);
  });

  it('never hands out a slug twice', async () => {
    const admin = await signedInAdmin(target);
    const taken = await createRound(admin, { slug: 'demo' });
    expect(taken.status).toBe(400);
    expect(taken.html.querySelectorAll('.error-summary a').map((a) => a.textContent)).toEqual([nb('rounds.slugTaken')]);
    // Not even by the database's own hand: rounds are never deleted, and keep their slug.
    expect(() => target.db.conn.prepare("DELETE FROM rounds WHERE slug = 'demo'").run()).toThrow(/never deleted/);
    expect(() => target.db.conn.prepare("UPDATE rounds SET slug = 'annen' WHERE slug = 'demo'").run()).toThrow(/keeps its slug/);
  });

  it('edits a round, and the audit log says what changed', async () => {
    const admin = await signedInAdmin(target);
    await createRound(admin, { slug: 'endres' });
    const form = await admin.visit('/admin/rounds/endres/edit');
    expect(form.pageId).toBe('admin-round-edit');
    // The slug is shown, not offered: a poster may carry it.
    expect(form.html.querySelector('input[name="slug"]')).toBeNull();
    const saved = await admin.submit('/admin/rounds/endres/edit', roundForm({ title: 'Endret navn', closesDate: '2027-01-31', languages: ['nb', 'nn'] }));
    expect(saved.html.querySelector('[role="status"]')?.textContent).toContain(nb('rounds.doneSaved'));
    expect(target.stores.rounds.bySlug('endres')).toMatchObject({ title: 'Endret navn', closesDate: '2027-01-31', languages: ['nb', 'nn'] });
    const [entry] = await auditRows(admin, '?kind=rounds');
    expect(entry?.[1]).toBe(nb('audit.roundChanged'));
    expect(entry?.[2]).toBe('kari.admin');
    expect(entry?.[4]).toBe('name Digital deltakelse 2027 → Endret navn, closes – → 2027-01-31, languages – → nb+nn');
  });

  it('closes a round, which citizens then find closed (410), and opens it again', async () => {
    const admin = await signedInAdmin(target);
    await createRound(admin, { slug: 'stenges' });
    const closed = await admin.submit('/admin/rounds/stenges/close');
    expect(closed.html.querySelector('[role="status"]')?.textContent).toContain(nb('rounds.doneClosed'));
    expect(target.stores.rounds.bySlug('stenges')).toMatchObject({ status: 'closed', closedDate: TODAY });
    const citizen = await new Browser(target).visit('/s/stenges');
    expect(citizen).toMatchObject({ status: 410, pageId: 'closed' });
    // Closing twice (two admins at once) changes nothing and says so.
    await admin.visit('/admin/rounds/stenges');
    expect((await admin.post('/admin/rounds/stenges/close')).status).toBe(409);
    expect(target.stores.rounds.bySlug('stenges')?.closedDate).toBe(TODAY);
    await admin.visit('/admin/rounds/stenges');
    await admin.submit('/admin/rounds/stenges/open');
    expect((await new Browser(target).visit('/s/stenges')).status).toBe(200);
    const events = (await auditRows(admin, '?kind=rounds')).slice(0, 2).map((row) => row[1]);
    expect(events).toEqual([nb('audit.roundOpened'), nb('audit.roundClosed')]);
  });

  it('filters the audit log by kind and by day', async () => {
    const admin = await signedInAdmin(target);
    const signIns = await auditRows(admin, '?kind=signIns');
    expect(signIns.length).toBeGreaterThan(0);
    expect(new Set(signIns.map((row) => row[1]))).toEqual(new Set([nb('audit.login')]));
    // Every entry is from the fake clock's day (UTC 2026-11-23), or the admin's creation on 2026-01-01.
    const later = await admin.visit('/admin/audit?from=2026-11-24');
    expect(later.html.querySelectorAll('main tbody tr')).toHaveLength(0);
    expect(later.html.querySelector('main')!.textContent).toContain(nb('audit.none'));
    expect((await auditRows(admin, '?to=2026-01-01')).map((row) => row[1])).toEqual([nb('audit.userAdded')]);
    const typo = await admin.visit('/admin/audit?from=i%20går');
    expect(typo.status).toBe(200);
    expect(typo.html.querySelector('main [role="status"]')?.textContent).toBe(nb('audit.filterIgnored'));
  });
});

describe('a citizen', () => {
  const round = (slug: string, days: { opensDate?: string; closesDate?: string }, extra: Record<string, unknown> = {}) =>
    target.stores.rounds.create({ slug, title: slug, organisation: 'Eksempel kommune', mainLanguage: 'nb', createdDate: '2026-11-01', ...days, ...extra });

  it('is told when a round opens (200, no form) before its first day, and can answer from that day to its last, inclusive', async () => {
    round('snart', { opensDate: '2026-11-24' });
    const before = await new Browser(target).visit('/s/snart');
    expect(before).toMatchObject({ status: 200, pageId: 'upcoming' });
    expect(before.html.querySelector('form[data-survey-form]')).toBeNull();
    expect(before.html.querySelector('main')!.textContent).toContain('24. november 2026');
    // A form posted before the first day stores nothing.
    expect((await new Browser(target).post('/s/snart', {}, { csrf: null })).status).toBe(403);
    round('idag', { opensDate: TODAY, closesDate: TODAY });
    const first = await new Browser(target).visit('/s/idag');
    expect(first).toMatchObject({ status: 200, pageId: 'start' });
    expect(first.html.querySelector('form[data-survey-form]')).not.toBeNull();
  });

  it('finds a round past its last day closed (410), with the day it closed', async () => {
    round('ferdig', { closesDate: '2026-11-22' });
    const page = await new Browser(target).visit('/s/ferdig');
    expect(page).toMatchObject({ status: 410, pageId: 'closed' });
    expect(page.html.querySelector('main')!.textContent).toContain('22. november 2026');
    // Staff can still key its paper forms, but not help anyone answer it now.
    const admin = await signedInAdmin(target);
    const staffPage = await admin.visit('/staff');
    expect(staffPage.html.querySelector('label[for="round-ferdig"]')?.textContent).toBe(nb('staff.roundPaperOnly', { round: 'ferdig' }));
    const assisted = await admin.post('/staff', { round: 'ferdig', mode: 'assisted', language: 'nb' });
    expect(assisted.status).toBe(400);
    expect(assisted.html.querySelector('.error-summary a')?.textContent).toBe(nb('staff.roundNotOpen'));
    expect((await admin.visit('/staff/paper/ferdig')).pageId).toBe('paper-entry');
    // A paper form must be dated inside the round: its date is the response's.
    const form = { paper_form_number: 'P-1', ...typed(OLDER_RETIRED) };
    const undated = await admin.post('/staff/paper/ferdig', form);
    expect(undated.status).toBe(400);
    expect(undated.html.querySelector('.error-summary a')?.getAttribute('href')).toBe('#paper_form_date');
    const late = await admin.post('/staff/paper/ferdig', { ...form, paper_form_date: '2026-11-23' });
    expect(late.html.querySelector('.error-summary a')?.textContent).toBe(nb('paper.dateOutside', { days: '1. november 2026 – 22. november 2026' }));
    const inside = await admin.post('/staff/paper/ferdig', { ...form, paper_form_date: '2026-11-20' });
    expect(inside.status).toBe(303);
    const stored = target.db.conn.prepare("SELECT submitted_date, mode FROM responses WHERE paper_form_number = 'P-1'").get();
    expect(stored).toEqual({ submitted_date: '2026-11-20', mode: 'paper' });
  });

  it('stays open to paper forms after closing only while its responses are kept', async () => {
    const kept = await testApp({ env: { RESPONSE_RETENTION_DAYS: '30' } });
    try {
      for (const [slug, closed] of [['nylig', '2026-11-20'], ['lenge-siden', '2026-09-01']] as const) {
        kept.stores.rounds.create({ slug, title: slug, organisation: 'Eksempel kommune', mainLanguage: 'nb', createdDate: '2026-08-01' });
        kept.stores.rounds.close(slug, closed);
      }
      const admin = await signedInAdmin(kept);
      const offered = (await admin.visit('/staff')).html.querySelectorAll('input[name="round"]').map((i) => i.getAttribute('value'));
      expect(offered).toContain('nylig');
      // Keyed now, its form would go at the next cleanup: 30 days after 1 September have passed.
      expect(offered).not.toContain('lenge-siden');
      expect((await admin.visit('/staff/paper/lenge-siden')).status).toBe(410);
      expect((await admin.visit('/staff/paper/nylig')).pageId).toBe('paper-entry');
    } finally {
      kept.close();
    }
  });

  it('gets only the languages a round offers', async () => {
    round('bare-bokmal', {}, { languages: ['nb'] });
    const citizen = new Browser(target);
    const page = await citizen.visit('/s/bare-bokmal?lang=en');
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('nb');
    expect(page.html.querySelectorAll('a.languages__link').map((a) => a.getAttribute('hreflang'))).toEqual(['nb']);
  });

  it('sees the round’s own contact and data controller instead of the settings', async () => {
    round('egen-kontakt', {}, { contactEmail: 'digital@eksempel.kommune.no', dataController: 'Eksempel kommune ved kommunedirektøren' });
    const start = await new Browser(target).visit('/s/egen-kontakt');
    expect(start.html.querySelector('main a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:digital@eksempel.kommune.no');
    const privacyHref = start.html.querySelector('main a[href^="/personvern"]')!.getAttribute('href')!;
    const privacy = await new Browser(target).visit(privacyHref);
    expect(privacy.html.querySelector('main')!.textContent).toContain('Eksempel kommune ved kommunedirektøren');
    expect(privacy.html.querySelector('main a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:digital@eksempel.kommune.no');
    // Other rounds keep the settings.
    const demo = await new Browser(target).visit('/s/demo');
    expect(demo.html.querySelector('main a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:post@demo.kommune.no');
  });
});
