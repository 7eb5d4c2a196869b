// Every page and state a person can meet, rendered over HTTP in every language
// and kept as raw HTML: for validators (tests/validity) and anything else that
// wants to look at each state once. Each step checks its status and page marker,
// so a walk that goes wrong fails here instead of quietly rendering less.
import Database from 'better-sqlite3';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES, type Language } from '../../server/survey/types.ts';
import { seedRound } from '../../server/synthetic/seed-round.ts';
import { signedInAdmin } from './admin.ts';
import { addUser, ADMIN, testApp, type TestApp } from './app.ts';
import { Browser, type Fields, type Page } from './browser.ts';
import { answerRest, OLDER_RETIRED, WORKING_ADULT } from './survey.ts';

export interface RenderedState {
  /** Readable and unique, e.g. `nb/q-devices/error-exclusive`; also usable as a file name once `/` is replaced. */
  readonly name: string;
  readonly lang: Language;
  readonly status: number;
  /** <main data-page>, when the page has one. */
  readonly pageId: string | undefined;
  /** The view (under views/) that renders the page body; every page also goes through views/layout.ejs. */
  readonly template: string;
  readonly html: string;
}

const STAFF = { username: 'per.staff', password: 'staff password long enough' } as const;
const MESSAGE_PAGES = new Set(['not-found', 'expired', 'bad-request', 'closed', 'server-error', 'forbidden', 'too-many']);
const QUESTION_IDS = new Set(instrument.questions.map((q) => q.id));

function templateOf(pageId: string | undefined): string {
  if (pageId === undefined) return '(no <main data-page>)';
  if (QUESTION_IDS.has(pageId)) return 'citizen/question.ejs (+ partials/choices.ejs, partials/error-summary.ejs)';
  if (MESSAGE_PAGES.has(pageId)) return 'message.ejs';
  switch (pageId) {
    case 'rounds':
    case 'start':
    case 'check':
    case 'receipt':
    case 'saved':
    case 'resume':
    case 'ended':
    case 'timeout':
      return `citizen/${pageId}.ejs`;
    case 'accessibility':
      return 'citizen/accessibility.ejs';
    case 'privacy':
      return 'citizen/privacy.ejs';
    case 'login':
      return 'login.ejs (+ partials/error-summary.ejs)';
    case 'admin':
      return 'admin/index.ejs';
    case 'admin-help':
      return 'admin/help.ejs';
    case 'admin-audit':
      return 'admin/audit.ejs';
    case 'admin-users':
      return 'admin/users.ejs (+ partials/error-summary.ejs)';
    case 'help':
      return 'citizen/help.ejs (+ partials/error-summary.ejs)';
    case 'help-sent':
      return 'citizen/help-sent.ejs';
    case 'print':
      return 'citizen/print.ejs';
    case 'staff':
      return 'staff/index.ejs (+ partials/radio-group.ejs, partials/error-summary.ejs)';
    case 'paper-entry':
      return 'staff/paper.ejs (+ partials/text-field.ejs, partials/error-summary.ejs)';
    case 'upcoming':
      return 'message.ejs';
    case 'admin-rounds':
      return 'admin/rounds.ejs';
    case 'admin-round-new':
    case 'admin-round-edit':
      return 'admin/round-form.ejs (+ partials/text-field.ejs, partials/radio-group.ejs, partials/error-summary.ejs)';
    case 'admin-round':
      return 'admin/round.ejs';
    case 'admin-tokens':
      return 'admin/tokens.ejs (+ partials/text-field.ejs, partials/error-summary.ejs)';
    case 'admin-reclassify':
      return 'admin/reclassify.ejs';
    case 'admin-codebook':
      return 'admin/codebook.ejs';
    case 'admin-poster':
      return 'admin/poster.ejs';
    case 'admin-report':
      return 'admin/report.ejs (+ partials/report-table.ejs, partials/bar-chart.ejs, partials/chart-patterns.ejs, partials/radio-group.ejs, partials/text-field.ejs, partials/error-summary.ejs)';
    case 'admin-weights':
      return 'admin/weights.ejs (+ partials/text-field.ejs, partials/error-summary.ejs)';
    case 'account-password':
      return 'account/password.ejs (+ partials/error-summary.ejs)';
    default:
      return `(unknown page ${pageId})`;
  }
}

class Recorder {
  readonly states: RenderedState[] = [];
  private readonly names = new Set<string>();

  record(lang: Language, name: string, page: Page, expected: { status: number; pageId: string }): Page {
    const full = `${lang}/${name}`;
    if (this.names.has(full)) throw new Error(`state ${full} recorded twice`);
    if (page.status !== expected.status || page.pageId !== expected.pageId) {
      throw new Error(
        `state ${full}: expected ${expected.status} ${expected.pageId}, got ${page.status} ${String(page.pageId)}` +
          (page.location ? ` (redirect to ${page.location})` : ''),
      );
    }
    this.names.add(full);
    this.states.push({ name: full, lang, status: page.status, pageId: page.pageId, template: templateOf(page.pageId), html: page.text });
    return page;
  }
}

/**
 * Walks the citizen flow with these answers, recording every question page on
 * the way and the check page at the end. With `errors`, also every question
 * page's error state (empty post), an unknown code on the first page and the
 * exclusive-option error on `devices`.
 */
async function walk(
  rec: Recorder,
  browser: Browser,
  lang: Language,
  answers: Fields,
  options: { prefix: string; errors: boolean },
): Promise<Page> {
  const { prefix, errors } = options;
  const startPage = await browser.visit(`/s/demo?lang=${lang}`);
  if (errors) rec.record(lang, 'start', startPage, { status: 200, pageId: 'start' });
  const check = await answerRest(browser, await browser.submit('/s/demo'), answers, {
    onPage: async (page) => {
      const id = page.pageId ?? '';
      if (!QUESTION_IDS.has(id)) throw new Error(`${lang}: expected a question page, got ${page.status} ${id}`);
      rec.record(lang, `${prefix}q-${id}`, page, { status: 200, pageId: id });
      if (!errors) return;
      const path = `/s/demo/q/${id}`;
      rec.record(lang, `q-${id}/error-empty`, await browser.post(path, {}), { status: 400, pageId: id });
      if (id === instrument.questions[0]!.id) {
        rec.record(lang, `q-${id}/error-unknown-code`, await browser.post(path, { [id]: '99' }), { status: 400, pageId: id });
      }
      if (id === 'devices') {
        rec.record(lang, `q-${id}/error-exclusive`, await browser.post(path, { devices: ['1', '4'] }), { status: 400, pageId: id });
      }
    },
  });
  return rec.record(lang, `${prefix}check`, check, { status: 200, pageId: 'check' });
}

async function citizenStates(rec: Recorder, target: TestApp, lang: Language): Promise<void> {
  const visitor = new Browser(target);
  rec.record(lang, 'rounds', await visitor.visit(`/?lang=${lang}`), { status: 200, pageId: 'rounds' });
  rec.record(lang, 'not-found', await visitor.get('/finnes-ikke'), { status: 404, pageId: 'not-found' });
  rec.record(lang, 'print', await visitor.visit('/s/demo/print'), { status: 200, pageId: 'print' });
  rec.record(lang, 'print/large', await visitor.visit('/s/demo/print?size=large'), { status: 200, pageId: 'print' });

  // Branch 1: multi_agency = 1 opens coherence_alone and coherence_easy; every error state on the way.
  const older = new Browser(target);
  await walk(rec, older, lang, OLDER_RETIRED, { prefix: '', errors: true });
  rec.record(lang, 'start/with-draft', await older.visit('/s/demo'), { status: 200, pageId: 'start' });
  rec.record(lang, 'q-devices/from-check', await older.get('/s/demo/q/devices?from=check'), { status: 200, pageId: 'devices' });
  rec.record(lang, 'receipt', await older.submit('/s/demo/check'), { status: 200, pageId: 'receipt' });

  // Branch 2: routed past coherence_*, so later pages have other progress texts and back links.
  await walk(rec, new Browser(target), lang, WORKING_ADULT, { prefix: 'routed/', errors: false });

  const stale = new Browser(target);
  await stale.visit(`/s/demo?lang=${lang}`);
  rec.record(lang, 'expired', await stale.post('/s/demo', {}, { csrf: null }), { status: 403, pageId: 'expired' });
  rec.record(lang, 'too-large', await stale.post('/s/demo', { filler: 'x'.repeat(100_000) }), { status: 413, pageId: 'bad-request' });

  // Another program holds the write lock: a write waits a second, then 503 with the answer kept to send again.
  const waiting = new Browser(target);
  await waiting.visit(`/s/demo?lang=${lang}`);
  await waiting.submit('/s/demo');
  const other = new Database(target.config.databaseFile);
  other.exec('BEGIN IMMEDIATE');
  try {
    rec.record(lang, 'unavailable', await waiting.post('/s/demo/q/age_group', { age_group: '6' }), { status: 503, pageId: 'unavailable' });
    rec.record(lang, 'unavailable/nothing-to-resend', await waiting.post('/s/demo/more-time'), { status: 503, pageId: 'unavailable' });
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
}

/** Save and resume, leaving, time limits and shared devices (issue 4), on an app of their own (clock, throttle). */
async function libraryStates(rec: Recorder, target: TestApp, lang: Language, options: { throttled: boolean }): Promise<void> {
  const ok = { status: 200 } as const;
  const kiosk = new Browser(target);
  rec.record(lang, 'start/shared-device', await kiosk.visit(`/s/demo?kiosk=1&lang=${lang}`), { ...ok, pageId: 'start' });
  await kiosk.post('/s/demo/more-time');
  rec.record(lang, 'start/more-time', await kiosk.visit('/s/demo'), { ...ok, pageId: 'start' });
  await kiosk.submit('/s/demo');
  await kiosk.post('/s/demo/q/age_group', { age_group: '6' });
  rec.record(lang, 'saved', await kiosk.submit('/s/demo/q/gender', { gender: '2', action: 'save' }), { ...ok, pageId: 'saved' });
  rec.record(lang, 'ended/saved', await kiosk.submit('/s/demo/end', { keep: '1' }), { ...ok, pageId: 'ended' });

  const home = new Browser(target);
  rec.record(lang, 'resume', await home.visit(`/s/demo/resume?lang=${lang}`), { ...ok, pageId: 'resume' });
  rec.record(lang, 'resume/error-empty', await home.post('/s/demo/resume', { code: '' }), { status: 400, pageId: 'resume' });
  rec.record(lang, 'resume/error-shape', await home.post('/s/demo/resume', { code: 'K7QM' }), { status: 400, pageId: 'resume' });
  rec.record(lang, 'resume/error-unknown', await home.post('/s/demo/resume', { code: 'ZZZZ-ZZZZ' }), { status: 400, pageId: 'resume' });
  if (options.throttled) {
    let page = await home.post('/s/demo/resume', { code: 'ZZZZ-ZZZ1' });
    for (let tries = 0; page.status !== 429 && tries < 20; tries++) page = await home.post('/s/demo/resume', { code: 'ZZZZ-ZZZ1' });
    rec.record(lang, 'resume/too-many', page, { status: 429, pageId: 'too-many' });
  }

  await home.submit('/s/demo');
  rec.record(lang, 'ended/deleted', await home.submit('/s/demo/end'), { ...ok, pageId: 'ended' });

  const sender = new Browser(target);
  await sender.visit(`/s/demo?lang=${lang}`);
  await sender.submit('/s/demo');
  for (const [id, value] of Object.entries(WORKING_ADULT)) await sender.post(`/s/demo/q/${id}`, { [id]: value });
  await sender.submit('/s/demo/check');
  rec.record(lang, 'help', await sender.visit('/s/demo/help'), { ...ok, pageId: 'help' });
  rec.record(lang, 'help/error-empty', await sender.post('/s/demo/help', {}), { status: 400, pageId: 'help' });
  rec.record(lang, 'help/error-formats', await sender.post('/s/demo/help', { name: 'Kari', phone: '12ab', email: 'kari', consent: 'yes' }), {
    status: 400,
    pageId: 'help',
  });
  rec.record(lang, 'help-sent', await sender.submit('/s/demo/help', { name: 'Kari', phone: '912 34 567', consent: 'yes' }), {
    ...ok,
    pageId: 'help-sent',
  });
  rec.record(lang, 'ended/sent', await sender.submit('/s/demo/end'), { ...ok, pageId: 'ended' });

  // The timeout page's three texts: answers deleted, kept with a code, nothing known.
  const idle = new Browser(target);
  await idle.visit(`/s/demo?lang=${lang}`);
  await idle.submit('/s/demo');
  const saver = new Browser(target);
  await saver.visit(`/s/demo?lang=${lang}`);
  await saver.submit('/s/demo');
  await saver.post('/s/demo/q/age_group', { action: 'save' });
  target.advance(target.config.sessionIdleMinutes * 60_000 + 1);
  rec.record(lang, 'timeout/deleted', await idle.visit('/s/demo/q/age_group'), { ...ok, pageId: 'timeout' });
  rec.record(lang, 'timeout/kept', await saver.visit('/s/demo/q/age_group'), { ...ok, pageId: 'timeout' });
  const stranger = new Browser(target);
  stranger.agent.jar.setCookie(`sid=${'A'.repeat(43)}; Path=/`);
  rec.record(lang, 'timeout/unknown', await stranger.visit(`/s/demo/timeout?lang=${lang}`), { ...ok, pageId: 'timeout' });
}

async function staffStates(rec: Recorder, target: TestApp, lang: Language): Promise<void> {
  const login = new Browser(target);
  rec.record(lang, 'login', await login.visit(`/login?lang=${lang}`), { status: 200, pageId: 'login' });
  rec.record(lang, 'login/error-empty', await login.post('/login', {}), { status: 400, pageId: 'login' });
  rec.record(lang, 'login/error-wrong-password', await login.post('/login', { username: ADMIN.username, password: 'not the password' }), {
    status: 401,
    pageId: 'login',
  });

  const admin = await signedInAdmin(target);
  rec.record(lang, 'admin', await admin.visit(`/admin?lang=${lang}`), { status: 200, pageId: 'admin' });
  rec.record(lang, `admin-help/${target.stores.helpRequests.count() === 0 ? 'empty' : 'with-rows'}`, await admin.visit('/admin/help'), {
    status: 200,
    pageId: 'admin-help',
  });
  target.stores.helpRequests.add({ name: `Kari ${lang}`, phone: null, email: 'kari@example.no', receivedDate: '2026-11-23' });
  rec.record(lang, 'admin-audit', await admin.visit('/admin/audit'), { status: 200, pageId: 'admin-audit' });
  rec.record(lang, 'admin-users', await admin.visit('/admin/users'), { status: 200, pageId: 'admin-users' });
  rec.record(lang, 'admin-users/error-empty', await admin.post('/admin/users', {}), { status: 400, pageId: 'admin-users' });
  rec.record(lang, 'admin-users/error-taken', await admin.post('/admin/users', { username: ADMIN.username, role: 'admin', password: 'short' }), {
    status: 400,
    pageId: 'admin-users',
  });
  // Rounds, tokens, reclassification and the own password (issue 13).
  rec.record(lang, 'admin-rounds', await admin.visit('/admin/rounds'), { status: 200, pageId: 'admin-rounds' });
  rec.record(lang, 'admin-round-new', await admin.visit('/admin/rounds/new'), { status: 200, pageId: 'admin-round-new' });
  rec.record(lang, 'admin-round-new/error-empty', await admin.post('/admin/rounds', {}), { status: 400, pageId: 'admin-round-new' });
  const slug = `runde-${lang}`;
  const roundFields = { slug, title: `Runde ${lang}`, organisation: 'Demo kommune', mainLanguage: lang, languages: [...LANGUAGES], opensDate: '2027-03-01', closesDate: '2027-03-31', contactEmail: 'post@demo.kommune.no', dataController: '' };
  rec.record(lang, 'admin-round', await admin.submit('/admin/rounds', roundFields), { status: 200, pageId: 'admin-round' });
  rec.record(lang, 'admin-round-edit', await admin.visit(`/admin/rounds/${slug}/edit`), { status: 200, pageId: 'admin-round-edit' });
  rec.record(lang, 'admin-round-edit/error-dates', await admin.post(`/admin/rounds/${slug}/edit`, { ...roundFields, closesDate: '2027-02-01' }), {
    status: 400,
    pageId: 'admin-round-edit',
  });
  rec.record(lang, 'upcoming', await new Browser(target).visit(`/s/${slug}?lang=${lang}`), { status: 200, pageId: 'upcoming' });
  rec.record(lang, 'admin-codebook', await admin.visit(`/admin/rounds/${slug}/codebook`), { status: 200, pageId: 'admin-codebook' });
  rec.record(lang, 'admin-poster', await admin.visit(`/admin/rounds/${slug}/poster`), { status: 200, pageId: 'admin-poster' });
  // The analysis report (issue 14) over synthetic responses in this round: tables, hidden cells and
  // charts; a filter in error; too few responses (the seeded round's last day has two); the
  // population figures, in error and saved; then the report weighted by them.
  seedRound(target.db.conn, instrument, target.stores.rounds.bySlug(slug)!, { count: 300, seed: 'browser' });
  const report = `/admin/rounds/${slug}/report`;
  const weights = `/admin/rounds/${slug}/weights`;
  rec.record(lang, 'admin-report', await admin.visit(report), { status: 200, pageId: 'admin-report' });
  rec.record(lang, 'admin-report/error-filter', await admin.visit(`${report}?language=xx&mode=fax&from=2026-13-45&to=2026-01-01&weighted=2`), {
    status: 400,
    pageId: 'admin-report',
  });
  const tooFew = rec.record(lang, 'admin-report/too-few', await admin.visit(`${report}?from=2027-03-31&to=2027-03-31`), {
    status: 200,
    pageId: 'admin-report',
  });
  if (!tooFew.text.includes('data-report="too-few"')) throw new Error(`state ${lang}/admin-report/too-few: the report is not the too-few one`);
  rec.record(lang, 'admin-weights', await admin.visit(weights), { status: 200, pageId: 'admin-weights' });
  const figures: Record<string, string> = { gender_1: '5000', gender_2: '5000' };
  for (let code = 1; code <= 7; code++) figures[`age_group_${code}`] = '1000';
  rec.record(lang, 'admin-weights/error-number', await admin.post(weights, { ...figures, age_group_1: 'mange', gender_2: '-5' }), {
    status: 400,
    pageId: 'admin-weights',
  });
  rec.record(lang, 'admin-weights/saved', await admin.submit(weights, figures), { status: 200, pageId: 'admin-weights' });
  // Weighted in one language only: the same template with other figures, and the largest page there is.
  if (lang === LANGUAGES.at(-1)) {
    rec.record(lang, 'admin-report/weighted', await admin.visit(`${report}?weighted=1`), { status: 200, pageId: 'admin-report' });
  }
  rec.record(lang, 'admin-tokens', await admin.visit('/admin/tokens'), { status: 200, pageId: 'admin-tokens' });
  rec.record(lang, 'admin-tokens/created', await admin.post('/admin/tokens', { name: `Token ${lang}` }), { status: 201, pageId: 'admin-tokens' });
  rec.record(lang, 'admin-tokens/error-empty', await admin.post('/admin/tokens', {}), { status: 400, pageId: 'admin-tokens' });
  rec.record(lang, 'admin-reclassify', await admin.visit('/admin/reclassify'), { status: 200, pageId: 'admin-reclassify' });
  rec.record(lang, 'account-password', await admin.visit('/account/password'), { status: 200, pageId: 'account-password' });
  rec.record(lang, 'account-password/error-empty', await admin.post('/account/password', {}), { status: 400, pageId: 'account-password' });

  const staff = new Browser(target);
  await staff.visit(`/login?lang=${lang}`);
  const signedIn = await staff.post('/login', STAFF);
  if (signedIn.status !== 303) throw new Error(`staff login failed with ${signedIn.status}`);
  rec.record(lang, 'forbidden', await staff.get('/admin'), { status: 403, pageId: 'forbidden' });

  // Issue 5: the staff page, a phone interview and keyed entry of a paper form.
  const ok = { status: 200 } as const;
  rec.record(lang, 'staff', await staff.visit('/staff'), { ...ok, pageId: 'staff' });
  rec.record(lang, 'staff/error-empty', await staff.post('/staff', {}), { status: 400, pageId: 'staff' });
  const phone = await staff.submit('/staff', { round: 'demo', mode: 'phone', language: lang });
  rec.record(lang, 'q-age_group/phone', phone, { ...ok, pageId: 'age_group' });
  await staff.post('/s/demo/q/age_group', { age_group: '6' });
  rec.record(lang, 'staff/in-progress', await staff.visit('/staff'), { ...ok, pageId: 'staff' });
  for (const [id, value] of Object.entries(WORKING_ADULT)) await staff.post(`/s/demo/q/${id}`, { [id]: value });
  rec.record(lang, 'check/phone', await staff.visit('/s/demo/check'), { ...ok, pageId: 'check' });
  const receipt = rec.record(lang, 'receipt/staff', await staff.submit('/s/demo/check'), { ...ok, pageId: 'receipt' });
  rec.record(lang, 'staff/done-sent', await staff.visit(receipt.html.querySelector('main a.button')!.getAttribute('href')!), {
    ...ok,
    pageId: 'staff',
  });
  rec.record(lang, 'paper-entry', await staff.submit('/staff', { round: 'demo', mode: 'paper', language: lang }), { ...ok, pageId: 'paper-entry' });
  rec.record(lang, 'paper-entry/errors', await staff.post('/staff/paper/demo', { paper_form_number: '', age_group: '12', devices: '4 1' }), {
    status: 400,
    pageId: 'paper-entry',
  });
  const early = { paper_form_number: `P-${lang}`, age_group: '6', multi_agency: '2', coherence_alone: '1' };
  rec.record(lang, 'paper-entry/blank-tail', await staff.post('/staff/paper/demo', early), { status: 400, pageId: 'paper-entry' });
  rec.record(lang, 'staff/done-paper', await staff.submit('/staff/paper/demo', { ...early, blank_rest: '1' }), {
    ...ok,
    pageId: 'staff',
  });
}

/** Renders every state in nb, nn and en on fresh apps, and closes them again. */
export async function renderAllStates(): Promise<RenderedState[]> {
  const rec = new Recorder();

  const main = await testApp();
  const closed = await testApp();
  const broken = await testApp();
  const library = await testApp();
  // The statement's other branch: with a uustatus.no link and a feedback address.
  const configured = await testApp({
    env: {
      UUSTATUS_URL: 'https://uustatus.no/nb/erklaringer/publisert/00000000-0000-0000-0000-000000000000',
      CONTACT_EMAIL: 'postmottak@demo.kommune.no',
      DATA_CONTROLLER: 'Demo kommune',
    },
  });
  try {
    // A second open round, so that / lists rounds instead of redirecting.
    main.stores.rounds.create({
      slug: 'var-2027',
      title: 'Innbyggerundersøkelse våren 2027',
      organisation: 'Demo kommune',
      mainLanguage: 'nn',
      createdDate: '2026-11-01',
    });
    await addUser(main, STAFF);
    closed.db.conn.prepare("UPDATE rounds SET status = 'closed' WHERE slug = 'demo'").run();

    // The 500 page: sessions and CSRF tokens first, then the drafts table goes away under the start form.
    const failing = new Map<Language, Browser>();
    for (const lang of LANGUAGES) {
      const browser = new Browser(broken);
      await browser.visit(`/s/demo?lang=${lang}`);
      failing.set(lang, browser);
    }
    broken.db.conn.exec('DROP TABLE drafts');

    for (const lang of LANGUAGES) {
      await citizenStates(rec, main, lang);
      await staffStates(rec, main, lang);
      await libraryStates(rec, library, lang, { throttled: lang === LANGUAGES.at(-1) });
      // Login held after five failures for one username (on an app whose client has no other failures).
      const hurried = new Browser(library);
      await hurried.visit(`/login?lang=${lang}`);
      let held = await hurried.post('/login', { username: `throttled.${lang}`, password: 'wrong' });
      for (let tries = 0; held.status !== 429 && tries < 10; tries++) held = await hurried.post('/login', { username: `throttled.${lang}`, password: 'wrong' });
      rec.record(lang, 'login/throttled', held, { status: 429, pageId: 'login' });
      rec.record(lang, 'privacy', await new Browser(main).get(`/personvern?lang=${lang}`), { status: 200, pageId: 'privacy' });
      rec.record(lang, 'privacy/configured', await new Browser(configured).get(`/personvern?lang=${lang}`), { status: 200, pageId: 'privacy' });
      rec.record(lang, 'accessibility', await new Browser(main).get(`/tilgjengelighet?lang=${lang}`), { status: 200, pageId: 'accessibility' });
      rec.record(lang, 'accessibility/configured', await new Browser(configured).get(`/tilgjengelighet?lang=${lang}`), {
        status: 200,
        pageId: 'accessibility',
      });
      rec.record(lang, 'closed', await new Browser(closed).get(`/s/demo?lang=${lang}`), { status: 410, pageId: 'closed' });
      rec.record(lang, 'server-error', await failing.get(lang)!.post('/s/demo'), { status: 500, pageId: 'server-error' });
    }
  } finally {
    main.close();
    closed.close();
    broken.close();
    library.close();
    configured.close();
  }
  return rec.states;
}
