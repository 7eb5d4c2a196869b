// Leaving a shared device (issue 4, point 3; universal-design.md R44–R46):
// «Avslutt og slett svarene mine» on every page with answers deletes them
// server-side, ends the session and clears the site's data in the browser;
// submitting ends the session too; `?kiosk=1` marks responses shared_device = 1
// and the next person starts clean, never blocked.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { exportCsv, signedInAdmin } from '../helpers/admin.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Page } from '../helpers/browser.ts';
import { answerAll, answerRest, OLDER_RETIRED, start, WORKING_ADULT } from '../helpers/survey.ts';

const nb = translator('nb');
const en = translator('en');
const CLEAR_ALL = '"cache", "cookies", "storage"';

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

const count = (sql: string): number => target.db.conn.prepare(sql).pluck().get() as number;
const endButton = (page: Page): string | undefined =>
  page.html.querySelector('main form.session-end[action="/s/demo/end"] button')?.textContent.trim();
const sessionCookie = (page: Page): string | undefined =>
  ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='));

describe('«Avslutt og slett svarene mine»', () => {
  it('is on every page that holds answers, after the answer form, and nowhere without answers', async () => {
    const citizen = new Browser(target);
    expect(endButton(await citizen.visit('/s/demo'))).toBeUndefined();
    const first = await start(citizen);
    expect(endButton(first)).toBe(nb('end.button'));
    // Never first: the answer form's first submit button moves forward (shared/contract.md).
    expect(first.html.querySelector('form[data-survey-form] button')?.textContent.trim()).toBe(nb('common.continue'));
    const check = await answerAll(new Browser(target), WORKING_ADULT, 'nb');
    expect(endButton(check)).toBe(nb('end.button'));
    expect(endButton(await citizen.visit('/s/demo'))).toBe(nb('end.button'));
    // The saved page's way out keeps the answers; no red button there deletes them.
    const saved = await citizen.visit((await citizen.post('/s/demo/q/age_group', { action: 'save' })).location!);
    expect(endButton(saved)).toBeUndefined();
    expect(saved.html.querySelector('main form[action="/s/demo/end"] input[name="keep"]')?.getAttribute('value')).toBe('1');
    expect(saved.text).toContain(nb('saved.leaveText', { button: nb('saved.leave') }));
  });

  it('deletes the draft, ends the session, clears the site data and lands on a neutral page', async () => {
    const citizen = new Browser(target);
    await answerAll(citizen, OLDER_RETIRED, 'en');
    const drafts = count('SELECT count(*) FROM drafts');
    const res = await citizen.post('/s/demo/end');
    expect(res.status).toBe(303);
    expect(res.headers['clear-site-data']).toBe(CLEAR_ALL);
    expect(sessionCookie(res)).toMatch(/^sid=;.*Expires=Thu, 01 Jan 1970/);
    expect(count('SELECT count(*) FROM drafts')).toBe(drafts - 1);
    expect(res.location).toBe('/s/demo/ended?answers=deleted&lang=en');
    const ended = await citizen.visit(res.location!);
    expect(ended.pageId).toBe('ended');
    expect(ended.html.querySelector('h1')?.textContent).toBe(en('ended.deletedTitle'));
    expect(ended.headers['cache-control']).toBe('no-store');
    // The back button: every page that showed answers now shows none.
    for (const path of ['/s/demo/check', '/s/demo/q/age_group', '/s/demo/q/help_source']) {
      const back = await citizen.visit(path);
      expect(back.pageId, path).toBe('start');
      expect(back.html.querySelectorAll('input[checked]')).toHaveLength(0);
    }
  });

  it('answers a request still carrying the ended session’s cookie with the neutral page, not with answers', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.post('/s/demo/q/age_group', { age_group: '6' });
    const cookie = citizen.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', script: false, secure: false });
    const csrf = citizen.csrf;
    await citizen.post('/s/demo/end');
    const late = await request(target.app).post('/s/demo/q/gender').set('Cookie', `sid=${cookie!.value}`).type('form').send({ _csrf: csrf, gender: '1' });
    expect(late.status).toBe(303);
    expect(late.headers['location']).toBe('/s/demo/ended?answers=deleted');
    expect(count(`SELECT count(*) FROM drafts WHERE answers LIKE '%"gender"%' AND answers LIKE '%"age_group":6%'`)).toBe(0);
  });

  it('on the saved page, «Avslutt» keeps the answers saved with the code and ends the session', async () => {
    const citizen = new Browser(target);
    await start(citizen);
    await citizen.post('/s/demo/q/age_group', { age_group: '2' });
    const saved = await citizen.visit((await citizen.post('/s/demo/q/gender', { action: 'save' })).location!);
    const code = saved.html.querySelector('.resume-code')!.textContent.trim();
    const res = await citizen.post('/s/demo/end', { keep: '1' });
    expect(res.headers['clear-site-data']).toBe(CLEAR_ALL);
    expect(res.location).toBe('/s/demo/ended?answers=saved&lang=nb');
    expect((await citizen.visit(res.location!)).html.querySelector('h1')?.textContent).toBe(nb('ended.savedTitle'));
    expect((await citizen.get('/s/demo/q/gender')).location).toBe('/s/demo');
    await citizen.visit('/s/demo/resume');
    expect((await citizen.post('/s/demo/resume', { code })).location).toBe('/s/demo/q/gender');
  });
});

describe('submitting', () => {
  it('ends the session that held the answers, leaving a dated note that shows the receipt and holds nothing else', async () => {
    const citizen = new Browser(target);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    const token = citizen.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', script: false, secure: false })!.value;
    const idHash = createHash('sha256').update(token).digest('hex');
    expect(target.stores.sessions.get(idHash)).toBeDefined();
    const res = await citizen.post('/s/demo/check');
    expect(res.location).toBe('/s/demo/receipt');
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
    // The cookie stays; its session row is gone, and its note says only what the receipt needs.
    expect(sessionCookie(res)).toBeUndefined();
    expect(target.stores.sessions.get(idHash)).toBeUndefined();
    expect(target.db.conn.prepare('SELECT * FROM session_notes WHERE id_hash = ?').get(idHash)).toEqual({
      id_hash: idHash,
      ended: 'submitted',
      kept: 0,
      lang: 'nb',
      kiosk: 0,
      extra_time: 0,
      round: 'demo',
      ended_date: '2026-11-23',
    });
    expect(target.db.conn.prepare('SELECT count(*) FROM drafts WHERE session_hash = ?').pluck().get(idHash)).toBe(0);
    const receipt = await citizen.visit(res.location!);
    expect(receipt.pageId).toBe('receipt');
    expect(endButton(receipt)).toBe(nb('end.afterReceipt'));
    const ended = await citizen.post('/s/demo/end');
    expect(ended.location).toBe('/s/demo/ended?answers=sent&lang=nb');
  });

  it('stores one response on a double click, whose second request still carries the old cookie', async () => {
    const fresh = await testApp();
    const citizen = new Browser(fresh);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    const cookie = citizen.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', script: false, secure: false })!.value;
    const first = await citizen.post('/s/demo/check');
    const second = await request(fresh.app).post('/s/demo/check').set('Cookie', `sid=${cookie}`).type('form').send({ _csrf: citizen.csrf });
    expect(first.location).toBe('/s/demo/receipt');
    expect(second.status).toBe(303);
    expect(second.headers['location']).toBe('/s/demo/receipt');
    // The old cookie's note shows the receipt to either request's page.
    const receipt = await request(fresh.app).get('/s/demo/receipt').set('Cookie', `sid=${cookie}`);
    expect(receipt.status).toBe(200);
    expect((await exportCsv(await signedInAdmin(fresh))).rows).toHaveLength(1);
    fresh.close();
  });
});

describe('shared-device mode (?kiosk=1)', () => {
  it('two citizens in a row on one browser: two responses with shared_device = 1, the second never sees the first’s answers', async () => {
    const fresh = await testApp();
    const library = new Browser(fresh);
    const startPage = await library.visit('/s/demo?kiosk=1');
    expect(startPage.text).toContain(nb('start.kiosk', { button: nb('end.button') }));
    await answerAll(library, OLDER_RETIRED, 'nb');
    const receipt = await library.submit('/s/demo/check');
    expect(receipt.text).toContain(nb('receipt.kiosk', { button: nb('end.afterReceipt') }));
    // «Avslutt» on the receipt: a fresh start page, still in shared-device mode.
    const ended = await library.post('/s/demo/end');
    expect(ended.location).toBe('/s/demo/ended?answers=sent&lang=nb&kiosk=1');
    const neutral = await library.visit(ended.location!);
    const next = neutral.html.querySelector('main a.button')!.getAttribute('href')!;
    expect(next).toBe('/s/demo?kiosk=1');
    const fresh2 = await library.visit(next);
    expect(fresh2.html.querySelector('button.button--start')?.textContent.trim()).toBe(nb('start.button'));

    // The second citizen sees every question unanswered before answering it.
    await answerRest(library, await library.submit('/s/demo'), WORKING_ADULT, {
      onPage: (page) => expect(page.html.querySelectorAll('input[checked]'), page.pageId).toHaveLength(0),
    });
    await library.submit('/s/demo/check');

    const { rows } = await exportCsv(await signedInAdmin(fresh));
    expect(rows.map((r) => [r.age_group, r.shared_device])).toEqual([
      ['6', '1'],
      ['3', '1'],
    ]);
    fresh.close();
  });

  it('leaves responses from ordinary links at shared_device = 0', async () => {
    const fresh = await testApp();
    const citizen = new Browser(fresh);
    await answerAll(citizen, WORKING_ADULT, 'nb');
    await citizen.submit('/s/demo/check');
    const { rows } = await exportCsv(await signedInAdmin(fresh));
    expect(rows.map((r) => r.shared_device)).toEqual(['0']);
    fresh.close();
  });

  it('sends a timed-out shared device to a fresh start page, not to a note about the last person', async () => {
    const library = new Browser(target);
    await library.visit('/s/demo?kiosk=1');
    await start(library);
    await library.post('/s/demo/q/age_group', { age_group: '6' });
    const expired = await library.post('/s/demo/expire');
    expect(expired.location).toBe('/s/demo?kiosk=1');
    const next = await library.visit(expired.location!);
    expect(next.html.querySelector('button.button--start')?.textContent.trim()).toBe(nb('start.button'));
    expect(endButton(next)).toBeUndefined();
  });
});
