// Time limits that work without JavaScript (issue 4, point 2; WCAG 2.2.1,
// universal-design.md R41–R43): the start page states the idle limit,
// «Jeg trenger mer tid» makes it ten times longer, the warning's extension can be
// repeated, and after expiry the citizen is told what became of the answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { EXTRA_TIME_FACTOR } from '../../server/http/middleware/session.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { start } from '../helpers/survey.ts';

const MINUTE = 60_000;
const nb = translator('nb');

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

/** A citizen who has answered the first question. */
async function answeringCitizen(): Promise<Browser> {
  const browser = new Browser(target);
  await start(browser);
  expect((await browser.post('/s/demo/q/age_group', { age_group: '6' })).location).toBe('/s/demo/q/gender');
  return browser;
}

const draftCount = (): number => target.db.conn.prepare('SELECT count(*) FROM drafts').pluck().get() as number;
const paragraph = (page: Page): string => page.html.querySelector('main p')?.textContent.trim() ?? '';

describe('the idle limit', () => {
  it('is stated on the start page', async () => {
    const page = await new Browser(target).visit('/s/demo');
    expect(page.text).toContain(nb('start.timeout', { duration: '30 minutter' }));
  });

  it('deletes unsent answers after 30 idle minutes and says so, instead of a bare error', async () => {
    const citizen = await answeringCitizen();
    const before = draftCount();
    target.advance(29 * MINUTE);
    expect((await citizen.get('/s/demo/q/gender')).status).toBe(200);
    target.advance(30 * MINUTE + 1);
    const res = await citizen.post('/s/demo/q/gender', { gender: '1' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/demo/timeout');
    expect(draftCount()).toBe(before - 1);
    const page = await citizen.visit(res.location!);
    expect(page.pageId).toBe('timeout');
    expect(paragraph(page)).toBe(nb('timeout.deleted'));
    // A reload says the same.
    expect(paragraph(await citizen.visit('/s/demo/timeout'))).toBe(nb('timeout.deleted'));
  });

  it('tells a citizen who saved with a code that the answers are kept, also after the cleanup has run', async () => {
    const citizen = await answeringCitizen();
    await citizen.post('/s/demo/q/gender', { gender: '1', action: 'save' });
    target.advance(31 * MINUTE);
    // The periodic cleanup ends the session before the citizen comes back.
    expect(target.stores.sessions.endExpiredBatch(target.now(), '2026-11-23', 100)).toBeGreaterThan(0);
    const page = await citizen.visit('/s/demo/q/main_activity');
    expect(page.pageId).toBe('timeout');
    expect(paragraph(page)).toBe(nb('timeout.kept'));
    expect(page.html.querySelector('main a[href="/s/demo/resume"]')).not.toBeNull();
  });

  it('treats a cookie nothing is known about any more as a new visitor, and says so on the timeout page', async () => {
    const stranger = new Browser(target);
    stranger.agent.jar.setCookie(`sid=${'A'.repeat(43)}; Path=/`);
    expect((await stranger.visit('/s/demo/check')).pageId).toBe('start');
    const page = await stranger.visit('/s/demo/timeout');
    expect(page.pageId).toBe('timeout');
    expect(paragraph(page)).toBe(nb('timeout.unknown'));
  });
});

describe('«Jeg trenger mer tid»', () => {
  it('makes the limit ten times longer, says so, and works without JavaScript', async () => {
    const citizen = new Browser(target);
    const startPage = await citizen.visit('/s/demo');
    expect(startPage.text).toContain(nb('start.moreTimeText', { duration: '5 timer' }));
    const res = await citizen.post('/s/demo/more-time');
    expect(res.location).toBe('/s/demo');
    const after = await citizen.visit('/s/demo');
    expect(after.text).toContain(nb('start.extraTime', { duration: '5 timer' }));
    expect(after.html.querySelector('form[action="/s/demo/more-time"]')).toBeNull();
    await citizen.submit('/s/demo');
    await citizen.post('/s/demo/q/age_group', { age_group: '6' });
    target.advance(30 * EXTRA_TIME_FACTOR * MINUTE - MINUTE);
    expect((await citizen.post('/s/demo/q/gender', { gender: '1' })).location).toBe('/s/demo/q/main_activity');
    target.advance(30 * EXTRA_TIME_FACTOR * MINUTE + 1);
    expect((await citizen.get('/s/demo/q/main_activity')).location).toBe('/s/demo/timeout');
  });
});

describe('after a timeout', () => {
  it('keeps «Jeg trenger mer tid» for the citizen who asked for it', async () => {
    const citizen = new Browser(target);
    await citizen.visit('/s/demo');
    await citizen.post('/s/demo/more-time');
    await citizen.submit('/s/demo');
    target.advance(30 * EXTRA_TIME_FACTOR * MINUTE + 1);
    expect((await citizen.visit('/s/demo/q/age_group')).pageId).toBe('timeout');
    expect((await citizen.visit('/s/demo')).text).toContain(nb('start.extraTime', { duration: '5 timer' }));
  });
});

describe('the warning’s extension', () => {
  it('hands the warning script the seconds left and where to extend, on pages with answers only', async () => {
    const fresh = await new Browser(target).visit('/s/demo');
    expect(fresh.html.querySelector('script')).toBeNull();
    expect(fresh.html.querySelector('#timeout-warning')).toBeNull();
    const citizen = await answeringCitizen();
    target.advance(5 * MINUTE);
    const page = await citizen.get('/s/demo/q/gender');
    const dialog = page.html.querySelector('dialog#timeout-warning')!;
    expect(Number(dialog.getAttribute('data-expires-in'))).toBeGreaterThan(24 * 60);
    expect(Number(dialog.getAttribute('data-expires-in'))).toBeLessThanOrEqual(30 * 60);
    expect(dialog.getAttribute('data-extend-action')).toBe('/s/demo/extend');
    expect(dialog.getAttribute('data-expire-action')).toBe('/s/demo/expire');
    expect(page.html.querySelector('script[src^="/assets/timeout.js"]')).not.toBeNull();
  });

  it('restarts the limit with one request, as often as the citizen needs', async () => {
    const citizen = await answeringCitizen();
    for (let i = 0; i < 12; i++) {
      target.advance(29 * MINUTE);
      const res = await citizen.agent.post('/s/demo/extend').type('form').send({ _csrf: citizen.csrf }).set('Accept', 'application/json');
      expect(res.status, `extension ${i + 1}`).toBe(200);
      expect(res.body).toEqual({ expiresInSeconds: 30 * 60 });
    }
    expect((await citizen.get('/s/demo/q/gender')).status).toBe(200);
  });

  it('when the time is up, ends the session even a second early, so a page left open never revives it', async () => {
    const citizen = await answeringCitizen();
    const drafts = draftCount();
    target.advance(30 * MINUTE - 1_000);
    const res = await citizen.post('/s/demo/expire');
    expect(res.location).toBe('/s/demo/timeout');
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
    expect(draftCount()).toBe(drafts - 1);
    const page = await citizen.visit(res.location!);
    expect(paragraph(page)).toBe(nb('timeout.deleted'));
    // The start page is fresh: nothing to continue.
    expect((await citizen.visit('/s/demo')).html.querySelector('button.button--start')?.textContent.trim()).toBe(nb('start.button'));
  });

  it('is refused without the CSRF token', async () => {
    const citizen = await answeringCitizen();
    const res = await citizen.agent.post('/s/demo/extend').type('form').send({});
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('sends the script to the timeout page once the session is gone', async () => {
    const citizen = await answeringCitizen();
    const csrf = citizen.csrf;
    target.advance(31 * MINUTE);
    const res = await citizen.agent.post('/s/demo/extend').type('form').send({ _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/s/demo/timeout');
  });
});
