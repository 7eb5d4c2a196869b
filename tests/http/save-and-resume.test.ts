// Save and continue later (issue 4, point 1): «Lagre og fortsett senere» gives a
// code; the code brings the answers back in another browser, on the right page;
// wrong, malformed and expired codes get a clear 400 and no data; guessing is
// throttled; the database keeps only the code's hash, and no log line holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { WRONG_CODES_ALLOWED } from '../../server/http/citizen/resume.ts';
import { capturingLog, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { answerRest, OLDER_RETIRED, start } from '../helpers/survey.ts';

const DAY = 24 * 60 * 60_000;
const nb = translator('nb');
const en = translator('en');

const { log, lines: logLines } = capturingLog();
let target: TestApp;
beforeAll(async () => {
  target = await testApp({ log });
});
afterAll(() => target.close());

/** A citizen who answers the first three questions, ticks the fourth and saves for later. */
async function savedMidway(browser: Browser, lang: 'nb' | 'en' = 'nb'): Promise<{ code: string; saved: Page }> {
  await start(browser, 'demo', lang);
  for (const id of ['age_group', 'gender', 'main_activity']) {
    await browser.post(`/s/demo/q/${id}`, { [id]: OLDER_RETIRED[id]! });
  }
  const save = await browser.post('/s/demo/q/income', { income: OLDER_RETIRED['income']!, action: 'save' });
  expect(save.status).toBe(303);
  expect(save.location).toBe('/s/demo/saved');
  const saved = await browser.visit(save.location!);
  expect(saved.pageId).toBe('saved');
  const code = saved.html.querySelector('.resume-code')!.textContent.trim();
  return { code, saved };
}

function errorText(page: Page): string {
  return page.html.querySelector('.error-summary a')?.textContent.trim() ?? '';
}

describe('saving', () => {
  it('shows a grouped code from an unambiguous alphabet, how long the answers are kept and where to continue', async () => {
    // Its own app, so that the clock is where this test says: other tests here move it.
    const own = await testApp();
    try {
      const { code, saved } = await savedMidway(new Browser(own));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(saved.headers['cache-control']).toBe('no-store');
      // Saved on 23 November 2026 with the default 30 days.
      expect(saved.text).toContain(nb('saved.keptUntil', { date: '23. desember 2026' }));
      expect(saved.html.querySelector('main a[href="/s/demo/resume"]')?.textContent).toMatch(/\/s\/demo\/resume$/);
    } finally {
      own.close();
    }
  });

  it('gives the same code when the citizen saves again, and a different one to another citizen', async () => {
    const browser = new Browser(target);
    const { code } = await savedMidway(browser);
    await browser.post('/s/demo/q/income', { income: '3' });
    const again = await browser.visit((await browser.post('/s/demo/q/education', { action: 'save' })).location!);
    expect(again.html.querySelector('.resume-code')!.textContent.trim()).toBe(code);
    expect((await savedMidway(new Browser(target))).code).not.toBe(code);
  });

  it('never fails on the page it saves from: an answer that breaks a rule is left out, not refused', async () => {
    const browser = new Browser(target);
    await start(browser);
    const save = await browser.post('/s/demo/q/age_group', { age_group: ['1', '2'], action: 'save' });
    expect(save.location).toBe('/s/demo/saved');
    const page = await browser.get('/s/demo/q/age_group');
    expect(page.html.querySelectorAll('input[checked]')).toHaveLength(0);
  });

  it('keeps only a hash of the code in the database once the citizen leaves, and writes the code in no log line', async () => {
    const browser = new Browser(target);
    const { code } = await savedMidway(browser);
    const plain = code.replace('-', '');
    await browser.post('/s/demo/end', { keep: '1' });
    const tables = ['drafts', 'sessions', 'session_notes', 'responses', 'help_requests'];
    const everything = tables.map((name) => JSON.stringify(target.db.conn.prepare(`SELECT * FROM ${name}`).all())).join('\n');
    expect(everything).not.toContain(plain);
    expect(everything).not.toContain(code);
    expect(target.db.conn.prepare('SELECT count(*) FROM drafts WHERE resume_hash IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    target.flushRequestLog();
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(plain);
    expect(logLines.join('\n')).not.toContain(code);
  });
});

describe('resuming', () => {
  it('warns before it replaces answers given in this browser with the saved ones', async () => {
    const { code } = await savedMidway(new Browser(target));
    const other = new Browser(target);
    expect((await other.visit('/s/demo/resume')).text).not.toContain(nb('resume.replaces'));
    await start(other);
    await other.post('/s/demo/q/age_group', { age_group: '1' });
    expect((await other.visit('/s/demo/resume')).text).toContain(nb('resume.replaces'));
    await other.post('/s/demo/resume', { code });
    expect((await other.get('/s/demo/q/age_group')).html.querySelector('input[checked]')?.getAttribute('value')).toBe(OLDER_RETIRED['age_group']);
  });

  it('brings the answers to another browser, on the first open question, with the code typed loosely', async () => {
    const library = new Browser(target);
    const { code } = await savedMidway(library);
    const home = new Browser(target);
    const form = await home.visit('/s/demo/resume');
    expect(form.pageId).toBe('resume');
    const typed = `  ${code.toLowerCase().replace('-', ' ')} `;
    const res = await home.post('/s/demo/resume', { code: typed });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo/q/education');
    for (const id of ['age_group', 'gender', 'main_activity', 'income']) {
      const page = await home.get(`/s/demo/q/${id}`);
      expect(page.html.querySelector('input[checked]')?.getAttribute('value'), id).toBe(OLDER_RETIRED[id]);
    }
    // The answers moved: the first browser no longer has them.
    expect((await library.get('/s/demo/q/age_group')).location).toBe('/s/demo');
  });

  it('brings the answers back in the language they were given in, and the response records it (issue 12, point 7)', async () => {
    const { code } = await savedMidway(new Browser(target), 'en');
    // A fresh browser, which has never chosen a language: the round's main language is bokmål.
    const other = new Browser(target);
    expect((await other.visit('/s/demo/resume')).html.querySelector('html')?.getAttribute('lang')).toBe('nb');
    const resumed = await other.submit('/s/demo/resume', { code });
    expect(resumed.pageId).toBe('education');
    expect(resumed.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    const check = await answerRest(other, resumed, OLDER_RETIRED);
    expect(check.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    expect((await other.post('/s/demo/check')).location).toBe('/s/demo/receipt');
    const stored = target.db.conn.prepare('SELECT language FROM responses ORDER BY id DESC LIMIT 1').pluck().get();
    expect(stored).toBe('en');
  });

  it('finds saved answers after the session that saved them has timed out', async () => {
    const { code } = await savedMidway(new Browser(target));
    target.advance(31 * 60_000);
    const later = new Browser(target);
    await later.visit('/s/demo/resume');
    expect((await later.post('/s/demo/resume', { code })).location).toBe('/s/demo/q/education');
  });

  it('keeps saved answers through the last day and refuses the code the day after, with no data', async () => {
    const { code } = await savedMidway(new Browser(target));
    target.advance(30 * DAY);
    const lastDay = new Browser(target);
    await lastDay.visit('/s/demo/resume');
    expect((await lastDay.post('/s/demo/resume', { code })).status).toBe(303);
    // Resuming is not saving: the 30 days still run from the last save.
    target.advance(DAY);
    const tooLate = new Browser(target);
    await tooLate.visit('/s/demo/resume');
    const res = await tooLate.post('/s/demo/resume', { code });
    expect(res.status).toBe(400);
    expect(errorText(res)).toBe(nb('resume.errorUnknown', { days: 30 }));
    expect((await tooLate.get('/s/demo/q/age_group')).location).toBe('/s/demo');
  });
});

describe('wrong codes', () => {
  it.each([
    ['empty', '', 'resume.errorEmpty'],
    ['too short', 'K7QM-3XT', 'resume.errorShape'],
    ['a letter outside the alphabet', 'K7QM-3XTU', 'resume.errorShape'],
    ['well formed but unknown', 'ZZZZ-ZZZZ', 'resume.errorUnknown'],
  ] as const)('%s: 400 with the error summary in the citizen’s language, the typing kept, and no data', async (_, typed, key) => {
    const fresh = await testApp();
    const browser = new Browser(fresh);
    await browser.visit('/s/demo/resume?lang=en');
    const res = await browser.post('/s/demo/resume', { code: typed });
    expect(res.status).toBe(400);
    expect(res.pageId).toBe('resume');
    expect(res.html.querySelector('title')?.textContent).toMatch(/^Error: /);
    expect(errorText(res)).toBe(en(key, { days: 30 }));
    expect(res.html.querySelector('#code')?.getAttribute('value')).toBe(typed);
    expect(res.html.querySelector('#code')?.getAttribute('aria-invalid')).toBe('true');
    expect(fresh.db.conn.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
    fresh.close();
  });

  it('throttles a client that tries 20 wrong codes in a row; even the right code waits', async () => {
    const fresh = await testApp();
    const { code } = await savedMidway(new Browser(fresh));
    const guesser = new Browser(fresh);
    await guesser.visit('/s/demo/resume');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await guesser.post('/s/demo/resume', { code: `ZZZZ-ZZ${String(i).padStart(2, '0')}` })).status);
    expect(statuses.slice(0, WRONG_CODES_ALLOWED).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(WRONG_CODES_ALLOWED)).toEqual(Array(20 - WRONG_CODES_ALLOWED).fill(429));
    const blocked = await guesser.post('/s/demo/resume', { code });
    expect(blocked.status).toBe(429);
    expect(blocked.pageId).toBe('too-many');
    expect(blocked.html.querySelector('h1')?.textContent).toBe(nb('tooMany.title'));
    expect((await guesser.get('/s/demo/q/age_group')).location).toBe('/s/demo');
    fresh.close();
  });

  it('does not count empty or mistyped codes, which cannot be guesses (library PCs share one address)', async () => {
    const fresh = await testApp();
    const { code } = await savedMidway(new Browser(fresh));
    const typist = new Browser(fresh);
    await typist.visit('/s/demo/resume');
    for (let i = 0; i < WRONG_CODES_ALLOWED + 5; i++) {
      expect((await typist.post('/s/demo/resume', { code: i % 2 === 0 ? '' : 'K7QM-3X' })).status).toBe(400);
    }
    expect((await typist.post('/s/demo/resume', { code })).status).toBe(303);
    fresh.close();
  });

  it('does not count right codes against a client', async () => {
    const fresh = await testApp();
    const browser = new Browser(fresh);
    const { code } = await savedMidway(browser);
    for (let i = 0; i < WRONG_CODES_ALLOWED + 5; i++) {
      await browser.visit('/s/demo/resume');
      expect((await browser.post('/s/demo/resume', { code })).status).toBe(303);
    }
    fresh.close();
  });
});
