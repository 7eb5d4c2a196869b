// When something inside goes wrong: the 500 page tells the citizen plainly and
// the log says why, without the answers or the cookie; stored JSON that cannot
// be read ends a session or drops a draft's answers instead of failing every
// request after it; and a broken questionnaire never starts.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import type { Instrument } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { answerRest, OLDER_RETIRED, start } from '../helpers/survey.ts';

const nb = translator('nb');
let target: TestApp;
beforeEach(async () => {
  target = await testApp({ captureLog: true });
});
afterEach(() => target.close());

const cookieOf = (browser: Browser): string =>
  browser.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', script: false, secure: false })!.value;
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

describe('an error nobody planned for', () => {
  it('answers 500 with a plain page in the citizen’s language, and logs the cause without the answers or the cookie', async () => {
    const citizen = new Browser(target);
    await answerRest(citizen, await start(citizen, 'demo', 'en'), OLDER_RETIRED);
    await citizen.submit('/s/demo/check');
    await citizen.visit('/s/demo/help');
    // A table gone from under the app: a bug or a broken upgrade, not a busy disk.
    target.db.conn.exec('DROP TABLE help_requests');
    const page = await citizen.post('/s/demo/help', { name: 'Kari Hemmelig', phone: '912 34 567', consent: 'yes' });
    expect(page.status).toBe(500);
    expect(page.pageId).toBe('server-error');
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('en');
    expect(page.html.querySelector('h1')?.textContent).toBe(translator('en')('serverError.title'));
    expect(page.text).not.toContain('help_requests');
    const failure = target.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l['msg'] === 'request failed');
    expect(failure).toMatchObject({ status: 500, method: 'POST', path: '/s/demo/help', cause: { message: expect.stringContaining('no such table: help_requests') } });
    const log = target.logLines.join('\n');
    for (const secret of ['Kari Hemmelig', '912 34 567', cookieOf(citizen)]) expect(log).not.toContain(secret);
  });
});

describe('stored JSON that cannot be read', () => {
  it('ends a session whose data is damaged, with the timeout page instead of an error on every page after', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '3' });
    target.db.conn.prepare('UPDATE sessions SET data = ? WHERE id_hash = ?').run('{"lang": "nb", "kiosk": tr', hashOf(cookieOf(citizen)));
    const page = await citizen.visit('/s/demo/q/gender');
    expect(page.status).toBe(200);
    expect(page.pageId).toBe('timeout');
    expect(page.html.querySelector('main p')?.textContent).toBe(nb('timeout.deleted'));
    // And the citizen can start again.
    expect((await start(citizen)).pageId).toBe('age_group');
  });

  it('reads a draft with damaged answers as no answers, and lets the citizen go on', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '3' });
    target.db.conn.prepare('UPDATE drafts SET answers = ?').run('{"age_group": 3, "gender": [1, ');
    const page = await citizen.visit('/s/demo/q/gender');
    // Nothing readable is left, so the citizen is sent back to the first question, which works.
    expect(page.status).toBe(200);
    expect(page.pageId).toBe('age_group');
    expect((await citizen.submit('/s/demo/q/age_group', { age_group: '3' })).pageId).toBe('gender');
  });

  it('drops an answer the questionnaire no longer has a code for, and keeps the rest', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.submit('/s/demo/q/age_group', { age_group: '3' });
    await citizen.submit('/s/demo/q/gender', { gender: '1' });
    target.db.conn.prepare('UPDATE drafts SET answers = ?').run('{"age_group": 3, "gender": 77, "no_such_question": 1}');
    expect((await citizen.visit('/s/demo/q/main_activity')).pageId).toBe('gender');
  });
});

describe('a broken questionnaire', () => {
  it('is refused when the app is made, with every problem named', () => {
    const broken: Instrument = {
      ...instrument,
      questions: instrument.questions.map((q) => (q.id === 'gender' ? { ...q, id: 'Gender', options: q.options.slice(0, 1) } : q)),
    };
    expect(() => createApp(target.config, target.db, { instrument: broken })).toThrow(
      /The instrument has problems:\n {2}Gender: id must be lower snake_case\n {2}Gender: needs at least two options/,
    );
  });
});
