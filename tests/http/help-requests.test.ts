// "Ja, jeg vil ha hjelp med digitale tjenester" (issue 4, point 5): the offer on
// the receipt, the form and its errors in nb and en, what is stored (and what is
// not), the admin list with its delete, who may reach it, and help without
// linking: nothing in help_requests can be joined to a response.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HELP_LIMITS } from '../../server/http/citizen/help.ts';
import { translator, type MessageKey } from '../../server/i18n/messages.ts';
import type { Language } from '../../server/survey/types.ts';
import { osloDate } from '../../server/time.ts';
import { addUser, capturingLog, FAKE_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Fields, type Page } from '../helpers/browser.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';
import { answerAll, OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';

const HELP = '/s/demo/help';
const VALID = { name: 'Kari Nordmann', phone: '912 34 567', email: '', consent: 'yes' } as const;

interface HelpRow {
  readonly id: number;
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly received_date: string;
}

const { log, lines: logLines } = capturingLog();
let target: TestApp;
beforeAll(async () => {
  target = await testApp({ log });
});
afterAll(() => target.close());

const helpRows = (): HelpRow[] => target.db.conn.prepare<[], HelpRow>('SELECT * FROM help_requests').all();
const lastResponse = (): { id: number; round_id: number } =>
  target.db.conn.prepare<[], { id: number; round_id: number }>('SELECT id, round_id FROM responses ORDER BY id DESC LIMIT 1').get()!;

/** A citizen who has answered everything and sent it: on the receipt. */
async function submitted(lang: Language = 'nb', answers: Fields = OLDER_RETIRED): Promise<{ citizen: Browser; receipt: Page }> {
  const citizen = new Browser(target);
  await answerAll(citizen, answers, lang);
  const receipt = await citizen.submit('/s/demo/check');
  expect(receipt.pageId).toBe('receipt');
  return { citizen, receipt };
}

/** [href, text] of each error-summary link. */
const summaryOf = (page: Page): string[][] =>
  page.html.querySelectorAll('.error-summary a').map((a) => [a.getAttribute('href') ?? '', a.textContent.trim()]);

describe('the offer and the form', () => {
  let citizen: Browser;
  let receipt: Page;
  beforeAll(async () => {
    ({ citizen, receipt } = await submitted());
  });

  it('offers help on the receipt, with a link styled as a button to the help page', () => {
    const t = translator('nb');
    expect(receipt.html.querySelectorAll('main h2').map((h) => h.textContent)).toContain(t('help.offerTitle'));
    const link = receipt.html.querySelector(`main a[href="${HELP}"]`);
    expect(link?.textContent).toBe('Ja, jeg vil ha hjelp med digitale tjenester');
    expect(link?.classList.contains('button')).toBe(true);
  });

  it('shows a form the browser does not remember, with the right autocomplete tokens and no HTML5 validation', async () => {
    const page = await citizen.get(HELP);
    expect(page.status).toBe(200);
    expect(page.pageId).toBe('help');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.html.querySelector('title')?.textContent.startsWith('Få hjelp med digitale tjenester – ')).toBe(true);
    const form = page.html.querySelector('main form[method=post][action="/s/demo/help"]')!;
    expect(form).not.toBeNull();
    expect(form.hasAttribute('novalidate')).toBe(true);
    expect(form.getAttribute('autocomplete')).toBe('off');
    expect(form.querySelector('input[name=_csrf]')?.getAttribute('type')).toBe('hidden');
    const input = (name: string) => form.querySelector(`input[name=${name}]`)!;
    expect([input('name'), input('phone'), input('email')].map((i) => [i.getAttribute('type'), i.getAttribute('autocomplete')])).toEqual([
      ['text', 'name'],
      ['tel', 'tel'],
      ['email', 'email'],
    ]);
    expect(input('consent').getAttribute('type')).toBe('checkbox');
    expect(input('consent').hasAttribute('checked')).toBe(false);
    expect(form.querySelectorAll('[required]')).toHaveLength(0);
    for (const id of ['name', 'phone', 'email', 'consent']) expect(form.querySelector(`label[for=${id}]`)?.textContent).toBeTruthy();
    // The consent says what is stored, why, that it is not linked, and for how long.
    const consent = form.querySelector('#consent-hint')!.textContent;
    expect(consent).toContain('bare for å kunne hjelpe deg');
    expect(consent).toContain('ikke knyttet til svarene dine');
    expect(consent).toContain(`senest etter ${target.config.helpRequestDays} dager`);
  });

  it('is there in nynorsk too', async () => {
    const page = await citizen.get(`${HELP}?lang=nn`);
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('nn');
    expect(page.html.querySelector('h1')?.textContent).toBe('Få hjelp med digitale tenester');
    await citizen.get(`${HELP}?lang=nb`);
  });
});

describe('who may ask', () => {
  it('sends a visitor who has not submitted to the start page, and stores nothing', async () => {
    const before = helpRows().length;
    const visitor = new Browser(target);
    await visitor.visit('/s/demo');
    expect(await visitor.get(HELP)).toMatchObject({ status: 303, location: '/s/demo' });
    expect(await visitor.post(HELP, VALID)).toMatchObject({ status: 303, location: '/s/demo' });
    expect(helpRows()).toHaveLength(before);
  });

  it('sends a respondent still answering to the start page', async () => {
    const respondent = new Browser(target);
    await respondent.visit('/s/demo');
    await respondent.submit('/s/demo');
    expect(await respondent.get(HELP)).toMatchObject({ status: 303, location: '/s/demo' });
  });

  it('is 404 for a round that does not exist', async () => {
    const res = await new Browser(target).get('/s/nowhere/help');
    expect(res.status).toBe(404);
  });
});

interface ErrorCase {
  readonly name: string;
  readonly fields: Fields;
  /** [summary link target, message key], in page order. */
  readonly errors: ReadonlyArray<readonly [string, MessageKey]>;
  /** Inline error element id per invalid input. */
  readonly inline: Readonly<Record<string, string>>;
}

const LONG_EMAIL = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.no`;
const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: 'everything empty',
    fields: { name: '  ', phone: '', email: ' ' },
    errors: [
      ['#name', 'help.nameMissing'],
      ['#phone', 'help.contactMissing'],
      ['#consent', 'help.consentMissing'],
    ],
    inline: { name: 'name-error', phone: 'contact-error', email: 'contact-error', consent: 'consent-error' },
  },
  {
    name: 'a name too long',
    fields: { ...VALID, name: 'a'.repeat(201) },
    errors: [['#name', 'help.nameTooLong']],
    inline: { name: 'name-error' },
  },
  {
    name: 'letters in the phone number',
    fields: { ...VALID, phone: 'tlf. 912 34 567' },
    errors: [['#phone', 'help.phoneCharacters']],
    inline: { phone: 'phone-error' },
  },
  {
    name: 'a phone number too short',
    fields: { ...VALID, phone: '+47 123' },
    errors: [['#phone', 'help.phoneShort']],
    inline: { phone: 'phone-error' },
  },
  {
    name: 'a phone number too long',
    fields: { ...VALID, phone: '+47 912 34 567 912 34 567' },
    errors: [['#phone', 'help.phoneLong']],
    inline: { phone: 'phone-error' },
  },
  {
    name: 'an e-mail address without @',
    fields: { ...VALID, phone: '', email: 'kari.nordmann.example.no' },
    errors: [['#email', 'help.emailFormat']],
    inline: { email: 'email-error' },
  },
  {
    name: 'an e-mail address too long',
    fields: { ...VALID, phone: '', email: LONG_EMAIL },
    errors: [['#email', 'help.emailTooLong']],
    inline: { email: 'email-error' },
  },
  {
    name: 'no consent',
    fields: { name: VALID.name, phone: VALID.phone },
    errors: [['#consent', 'help.consentMissing']],
    inline: { consent: 'consent-error' },
  },
  {
    name: 'a tampered form (arrays)',
    fields: { name: ['a', 'b'], phone: ['1', '2'], consent: ['yes', 'yes'] },
    errors: [
      ['#name', 'help.nameMissing'],
      ['#phone', 'help.contactMissing'],
      ['#consent', 'help.consentMissing'],
    ],
    inline: { name: 'name-error', consent: 'consent-error' },
  },
];

describe.each(['nb', 'en'] as const)('errors in %s', (lang) => {
  const t = translator(lang);
  let citizen: Browser;
  beforeAll(async () => {
    ({ citizen } = await submitted(lang, WORKING_ADULT));
    expect((await citizen.get(HELP)).pageId).toBe('help');
  });

  it.each(ERROR_CASES)('$name: 400, the summary, each field’s own message, values kept, nothing stored', async ({ fields, errors, inline }) => {
    const before = helpRows().length;
    const page = await citizen.post(HELP, fields);
    expect(page.status).toBe(400);
    expect(page.pageId).toBe('help');
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe(lang);
    expect(page.html.querySelector('title')?.textContent.startsWith(`${t('common.errorPrefix')}: `)).toBe(true);
    expect(summaryOf(page)).toEqual(errors.map(([href, key]) => [href, t(key)]));
    for (const [href] of errors) expect(page.html.querySelectorAll(href)).toHaveLength(1);
    // Each invalid input is marked and described by its own message, which reads as the summary does.
    for (const [input, errorId] of Object.entries(inline)) {
      const field = page.html.querySelector(`#${input}`)!;
      expect(field.getAttribute('aria-invalid'), input).toBe('true');
      expect(field.getAttribute('aria-describedby')?.split(' '), input).toContain(errorId);
      const message = page.html.querySelector(`#${errorId}`)!.textContent;
      expect(message.startsWith(`${t('common.errorPrefix')}:`), input).toBe(true);
      expect(errors.map(([, key]) => t(key)).some((m) => message.endsWith(m)), input).toBe(true);
    }
    // What was typed comes back as typed (a tampered array reads as empty).
    for (const name of ['name', 'phone', 'email'] as const) {
      const sent = fields[name];
      expect(page.html.querySelector(`#${name}`)?.getAttribute('value') ?? '', name).toBe(typeof sent === 'string' ? sent : '');
    }
    expect(page.html.querySelector('#consent')?.hasAttribute('checked')).toBe(fields['consent'] === 'yes');
    expect(helpRows()).toHaveLength(before);
  });
});

describe('a valid request', () => {
  let citizen: Browser;
  beforeEach(async () => {
    target.db.conn.exec('DELETE FROM help_requests');
    ({ citizen } = await submitted());
    await citizen.get(HELP);
  });

  it('is stored with the Oslo date and nothing else, then thanks the citizen without showing the details again', async () => {
    const res = await citizen.post(HELP, { name: '  Kari Nordmann ', phone: ' 912 34 567 ', email: '', consent: 'yes' });
    expect(res).toMatchObject({ status: 303, location: `${HELP}?sent=1` });
    const rows = helpRows();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['email', 'id', 'name', 'phone', 'received_date']);
    expect(rows[0]).toMatchObject({ name: 'Kari Nordmann', phone: '912 34 567', email: null, received_date: osloDate(FAKE_NOW) });
    expect(rows[0]!.received_date).toBe('2026-11-23');

    const sent = await citizen.get(res.location!);
    expect(sent.status).toBe(200);
    expect(sent.pageId).toBe('help-sent');
    expect(sent.html.querySelector('h1')?.textContent).toBe('Takk! Vi tar kontakt med deg');
    expect(sent.html.querySelector('main form[action="/s/demo/help"]')).toBeNull();
    expect(sent.text).not.toContain('Kari Nordmann');
    expect(sent.text).not.toContain('912 34 567');
  });

  it('is stored once, however often it is sent again (double click, back button)', async () => {
    expect(await citizen.post(HELP, VALID)).toMatchObject({ status: 303 });
    const again = await citizen.post(HELP, { ...VALID, name: 'Kari Nordmann' });
    expect(again).toMatchObject({ status: 303, location: `${HELP}?sent=1` });
    expect(helpRows()).toHaveLength(1);
    // A different request the same day is a new one.
    await citizen.post(HELP, { ...VALID, name: 'Kari Nordmann', phone: '912 34 568' });
    expect(helpRows()).toHaveLength(2);
  });

  it('takes an e-mail address alone', async () => {
    const { citizen: other } = await submitted('en', WORKING_ADULT);
    await other.get(HELP);
    const res = await other.post(HELP, { name: 'Ola', email: ' ola@example.no ', consent: 'yes' });
    expect(res.status).toBe(303);
    expect(helpRows().find((r) => r.name === 'Ola')).toMatchObject({ phone: null, email: 'ola@example.no' });
    const sent = await other.get(res.location!);
    expect(sent.html.querySelector('h1')?.textContent).toBe('Thank you! We will contact you');
  });

  it('is refused without the CSRF token (403), and nothing is stored', async () => {
    const { citizen: other } = await submitted();
    await other.get(HELP);
    const before = helpRows().length;
    const res = await other.post(HELP, VALID, { csrf: null });
    expect(res.status).toBe(403);
    expect(helpRows()).toHaveLength(before);
    const wrong = await other.post(HELP, VALID, { csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(helpRows()).toHaveLength(before);
  });

  it('never reaches the log', () => {
    target.flushRequestLog();
    // The day's counts were written, and the help requests are among them.
    expect(logLines.some((line) => line.includes('"survey"'))).toBe(true);
    for (const line of logLines) {
      for (const secret of ['Kari', 'Nordmann', '912 34 567', '91234567', 'ola@example.no']) expect(line).not.toContain(secret);
    }
  });
});

describe('admin', () => {
  let admin: Browser;
  beforeAll(async () => {
    admin = await signedInAdmin(target);
  });
  beforeEach(() => target.db.conn.exec('DELETE FROM help_requests'));

  it('shows an empty list when there is nothing to follow up', async () => {
    const index = await admin.get('/admin');
    expect(index.html.querySelector('main a[href="/admin/help"]')?.textContent).toBe(
      'Forespørsler om hjelp med digitale tjenester (0)',
    );
    const page = await admin.get('/admin/help');
    expect(page.status).toBe(200);
    expect(page.pageId).toBe('admin-help');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.html.querySelector('main table')).toBeNull();
    expect(page.html.querySelector('main')?.textContent).toContain('Det er ingen forespørsler om hjelp nå.');
  });

  it('lists a request, and «Slett – fulgt opp» deletes it (post/redirect/get)', async () => {
    const { citizen } = await submitted();
    await citizen.get(HELP);
    expect((await citizen.post(HELP, VALID)).status).toBe(303);
    const [stored] = helpRows();

    const index = await admin.get('/admin');
    expect(index.html.querySelector('main a[href="/admin/help"]')?.textContent).toContain('(1)');
    const page = await admin.get('/admin/help');
    const rows = page.html.querySelectorAll('main tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.querySelectorAll('th, td').slice(0, 4).map((c) => c.textContent.trim())).toEqual([
      '2026-11-23',
      'Kari Nordmann',
      '912 34 567',
      'Ikke oppgitt',
    ]);
    const form = rows[0]!.querySelector('form')!;
    expect(form.getAttribute('action')).toBe(`/admin/help/${stored!.id}/delete`);
    expect(form.querySelector('input[name=_csrf]')).not.toBeNull();
    // The button's name carries the row, for screen-reader users moving from button to button.
    const button = form.querySelector('button')!;
    expect(button.textContent).toBe('Slett – fulgt opp: forespørselen fra Kari Nordmann, mottatt 2026-11-23');
    expect(button.querySelector('.visually-hidden')?.textContent).toBe(': forespørselen fra Kari Nordmann, mottatt 2026-11-23');

    const deleted = await admin.post(`/admin/help/${stored!.id}/delete`);
    expect(deleted).toMatchObject({ status: 303, location: '/admin/help' });
    expect(helpRows()).toHaveLength(0);
    const after = await admin.get('/admin/help');
    expect(after.html.querySelectorAll('main tbody tr')).toHaveLength(0);
    expect(after.text).not.toContain('Kari Nordmann');
  });

  it('is translated', async () => {
    const page = await admin.get('/admin/help?lang=en');
    expect(page.html.querySelector('h1')?.textContent).toBe('Requests for help');
    await admin.get('/admin/help?lang=nb');
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999', '123456789'])('answers 404 for the request id %s, never 500', async (id) => {
    await admin.get('/admin/help');
    const res = await admin.post(`/admin/help/${id}/delete`);
    expect(res.status).toBe(404);
    expect(res.pageId).toBe('not-found');
  });

  it('refuses a delete without the CSRF token (403) and keeps the request', async () => {
    target.stores.helpRequests.add({ name: 'Per', phone: '12345678', email: null, receivedDate: '2026-11-23' });
    const [stored] = helpRows();
    const res = await admin.post(`/admin/help/${stored!.id}/delete`, {}, { csrf: null });
    expect(res.status).toBe(403);
    expect(helpRows()).toHaveLength(1);
  });
});

describe('access to /admin/help', () => {
  it('sends anonymous visitors to the login page', async () => {
    const anonymous = new Browser(target);
    expect(await anonymous.get('/admin/help')).toMatchObject({ status: 303, location: '/login' });
    await anonymous.get('/login');
    expect(await anonymous.post('/admin/help/1/delete')).toMatchObject({ status: 303, location: '/login' });
  });

  it('gives staff 403', async () => {
    const account = { username: 'siv.staff', password: 'staff password 123' };
    await addUser(target, account);
    target.stores.helpRequests.add({ name: 'Per Staffsen', phone: '12345678', email: null, receivedDate: '2026-11-23' });
    const staff = await signedIn(target, account);
    const page = await staff.get('/admin/help');
    expect(page.status).toBe(403);
    expect(page.pageId).toBe('forbidden');
    expect(page.text).not.toContain('12345678');
    const stored = helpRows().find((row) => row.name === 'Per Staffsen')!;
    expect((await staff.post(`/admin/help/${stored.id}/delete`)).status).toBe(403);
    expect(helpRows().find((row) => row.name === 'Per Staffsen')).toBeDefined();
  });
});

describe('help without linking', () => {
  const columnsOf = (table: string): string[] =>
    target.db.conn
      .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
      .all()
      .map((c) => c.name);

  it('the help-request table has no column that can join it to a response', async () => {
    const helpColumns = columnsOf('help_requests');
    expect(helpColumns.sort()).toEqual(['email', 'id', 'name', 'phone', 'received_date']);
    expect(target.db.conn.prepare('PRAGMA foreign_key_list(help_requests)').all()).toEqual([]);
    // The only name it shares with the survey's tables is `id`, its own primary key, which
    // is random (below); nothing refers to a response, a round, a session or a draft.
    for (const table of ['responses', 'answers', 'classifications', 'drafts', 'sessions', 'rounds']) {
      const other = columnsOf(table);
      expect(other.length, table).toBeGreaterThan(0);
      expect(helpColumns.filter((c) => c !== 'id' && other.includes(c)), table).toEqual([]);
    }
    expect(helpColumns.filter((c) => /_id$|_hash$|round|session|response|draft/.test(c))).toEqual([]);

    // Two citizens answer and ask for help, one after the other.
    target.db.conn.exec('DELETE FROM help_requests');
    const asked: Array<{ response: { id: number; round_id: number }; help: HelpRow }> = [];
    for (const [name, answers] of [
      ['Anne Først', OLDER_RETIRED],
      ['Bjørn Deretter', WORKING_ADULT],
    ] as const) {
      const { citizen } = await submitted('nb', answers);
      const response = lastResponse();
      await citizen.get(HELP);
      expect((await citizen.post(HELP, { ...VALID, name })).status).toBe(303);
      asked.push({ response, help: helpRows().find((r) => r.name === name)! });
    }
    const [first, second] = asked as [(typeof asked)[number], (typeof asked)[number]];
    expect(second.response.id).toBeGreaterThan(first.response.id);

    // Random ids, from a range of 2^48: not the response ids, not near them, not a sequence.
    // (Any of these failing by chance is below one in ten million.)
    const responseIds = asked.map((a) => a.response.id);
    for (const { help } of asked) {
      for (const responseId of responseIds) expect(Math.abs(help.id - responseId)).toBeGreaterThan(1000);
    }
    expect(Math.abs(second.help.id - first.help.id)).toBeGreaterThan(1000);

    for (const { response, help } of asked) {
      expect(help.received_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // No value in the help row equals the response's id or round id.
      const helpValues = Object.values(help).map(String);
      for (const value of [response.id, response.round_id]) expect(helpValues).not.toContain(String(value));
    }
  });

  it('gives ids that do not follow the order requests came in', () => {
    target.db.conn.exec('DELETE FROM help_requests');
    const ids: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const known = new Set(helpRows().map((r) => r.id));
      target.stores.helpRequests.add({ name: `Person ${i}`, phone: '12345678', email: null, receivedDate: '2026-11-23' });
      ids.push(helpRows().find((r) => !known.has(r.id))!.id);
    }
    // Twenty in ascending (or descending) order by chance: about one in 10^18.
    const ascending = [...ids].sort((a, b) => a - b);
    expect(ids).not.toEqual(ascending);
    expect(ids).not.toEqual([...ascending].reverse());
    expect(new Set(ids).size).toBe(20);
    // The list is by date, then id: a day's requests come out in an order that says nothing about arrival.
    expect(target.stores.helpRequests.list().map((r) => r.id)).toEqual(ascending);
  });
});

describe('how many requests a browser and an address may send (issue 12, point 3)', () => {
  let own: TestApp;
  beforeEach(async () => {
    own = await testApp();
  });
  afterEach(() => own.close());

  const stored = (): number => own.db.conn.prepare('SELECT count(*) FROM help_requests').pluck().get() as number;

  /** A browser on its receipt: the note its session left when it sent its answers, made here directly to save a walk. */
  async function justSent(): Promise<Browser> {
    const token = randomBytes(32).toString('base64url');
    own.db.conn
      .prepare("INSERT INTO session_notes (id_hash, ended, kept, round, ended_date) VALUES (?, 'submitted', 0, 'demo', '2026-11-23')")
      .run(createHash('sha256').update(token).digest('hex'));
    const browser = new Browser(own);
    browser.agent.jar.setCookie(`sid=${token}; Path=/`);
    expect((await browser.visit(HELP)).pageId).toBe('help');
    return browser;
  }

  it(`takes ${HELP_LIMITS.perBrowser} from one browser in an hour, not counting forms sent back with an error`, async () => {
    const browser = await justSent();
    expect((await browser.post(HELP, { ...VALID, phone: '12' })).status).toBe(400);
    for (let i = 0; i < HELP_LIMITS.perBrowser; i++) expect((await browser.post(HELP, { ...VALID, name: `Kari ${i}` })).status).toBe(303);
    const refused = await browser.post(HELP, { ...VALID, name: 'Kari igjen' });
    expect(refused.status).toBe(429);
    expect(refused.html.querySelector('h1')?.textContent).toBe(translator('nb')('helpLimit.title'));
    expect(stored()).toBe(HELP_LIMITS.perBrowser);
    // Another browser at the same address is not held by this one.
    expect((await (await justSent()).post(HELP, VALID)).status).toBe(303);
  });

  it(`takes ${HELP_LIMITS.perClient} from one address in an hour (a library’s public PCs share one), then refuses`, async () => {
    const browsers = await Promise.all(Array.from({ length: HELP_LIMITS.perClient + 1 }, () => justSent()));
    const statuses = await Promise.all(browsers.map((b, i) => b.post(HELP, { ...VALID, name: `Person ${i}` }).then((page) => page.status)));
    expect(statuses.filter((s) => s === 303)).toHaveLength(HELP_LIMITS.perClient);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(stored()).toBe(HELP_LIMITS.perClient);
  });
});
