// The first admin door: login, logout, the rounds list, and the CSV export
// exactly as shared/contract.md states it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { addUser, ADMIN, testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv, signedInAdmin } from '../helpers/admin.ts';
import { Browser } from '../helpers/browser.ts';
import { signedIn } from '../helpers/sign-in.ts';
import { answerAll, OLDER_RETIRED, WORKING_ADULT } from '../helpers/survey.ts';

const nb = translator('nb');

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
  for (const answers of [OLDER_RETIRED, WORKING_ADULT]) {
    const citizen = new Browser(target);
    await answerAll(citizen, answers, 'nb');
    await citizen.submit('/s/demo/check');
  }
});
afterAll(() => target.close());

describe('access', () => {
  it.each(['/admin', '/admin/rounds/demo/export.csv', '/admin/anything'])('sends %s without a login to the login page', async (path) => {
    const res = await new Browser(target).get(path);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login');
  });

  it('gives a staff user 403 on admin pages', async () => {
    const account = { username: 'per.staff', password: 'staff password 123' };
    await addUser(target, account);
    const staff = await signedIn(target, account);
    for (const path of ['/admin', '/admin/rounds/demo/export.csv']) {
      const res = await staff.get(path);
      expect(res.status).toBe(403);
      expect(res.pageId).toBe('forbidden');
    }
  });
});

describe('login', () => {
  it('shows the contract’s form: username and password fields with labels', async () => {
    const page = await new Browser(target).visit('/login');
    expect(page.pageId).toBe('login');
    expect(page.html.querySelector('label[for=username]')?.textContent).toBe('Brukernavn');
    expect(page.html.querySelector('input#password')?.getAttribute('type')).toBe('password');
    expect(page.html.querySelector('input#password')?.getAttribute('autocomplete')).toBe('current-password');
  });

  it('asks for both fields when they are empty (400)', async () => {
    const admin = new Browser(target);
    await admin.visit('/login');
    const res = await admin.post('/login', { username: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.html.querySelector('title')?.textContent.startsWith('Feil: ')).toBe(true);
    expect(res.html.querySelectorAll('.error-summary a').map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['#username', 'Skriv inn brukernavnet ditt'],
      ['#password', 'Skriv inn passordet ditt'],
    ]);
  });

  it('gives the same answer for a wrong password and an unknown user (401), keeping the username', async () => {
    const messages: string[] = [];
    for (const username of [ADMIN.username, 'nobody']) {
      const admin = new Browser(target);
      await admin.visit('/login');
      const res = await admin.post('/login', { username, password: 'wrong password!' });
      expect(res.status).toBe(401);
      expect(res.html.querySelector('input#username')?.getAttribute('value')).toBe(username);
      expect(res.html.querySelector('input#password')?.getAttribute('value')).toBe('');
      messages.push(res.html.querySelector('.error-summary a')!.textContent);
    }
    expect(messages).toEqual(['Brukernavnet eller passordet er feil', 'Brukernavnet eller passordet er feil']);
  });

  it('gives a new session id on login and ends the session on logout', async () => {
    const admin = new Browser(target);
    const before = await admin.get('/login');
    const sidBefore = (before.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0];
    const login = await admin.post('/login', { username: ADMIN.username.toUpperCase(), password: ADMIN.password });
    expect(login.location).toBe('/admin');
    const sidAfter = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0];
    expect(sidAfter).not.toBe(sidBefore);

    const home = await admin.visit('/admin');
    expect(home.pageId).toBe('admin');
    const logout = await admin.post('/logout');
    expect(logout.location).toBe('/login');
    const after = await admin.get('/admin');
    expect(after.location).toBe('/login');
  });

  it('sends a signed-in admin from /login to /admin', async () => {
    const admin = await signedInAdmin(target);
    const res = await admin.get('/login');
    expect(res.location).toBe('/admin');
  });
});

describe('rounds page', () => {
  it('lists each round with its response count, linking its own page with the export', async () => {
    const admin = await signedInAdmin(target);
    const page = await admin.visit('/admin');
    const row = page.html.querySelector('tbody tr')!;
    expect(row.querySelector('th')?.textContent).toBe('Demo');
    const stored = target.db.conn.prepare('SELECT count(*) FROM responses').pluck().get() as number;
    expect(stored).toBeGreaterThan(0);
    expect(row.querySelector('.table__numeric')?.textContent).toBe(String(stored));
    expect(row.querySelector('th a')?.getAttribute('href')).toBe('/admin/rounds/demo');
    const roundPage = await admin.visit('/admin/rounds/demo');
    expect(roundPage.html.querySelector('main a[download][href="/admin/rounds/demo/export.csv"]')).not.toBeNull();
    const counted = roundPage.html.querySelectorAll('.summary__row').find((row) => row.querySelector('dt')?.textContent === nb('admin.responses'));
    expect(counted?.querySelector('dd')?.textContent).toBe(String(stored));
  });
});

describe('export.csv', () => {
  it('has the contract’s columns in order', async () => {
    const { header } = await exportCsv(await signedInAdmin(target));
    const answerColumns = instrument.questions.flatMap((q) =>
      q.type === 'single' ? [q.id] : q.options.map((o) => `${q.id}_${o.code}`),
    );
    expect(header).toEqual([
      'response_id',
      'round',
      'language',
      'mode',
      'shared_device',
      'submitted_date',
      'instrument_version',
      ...answerColumns,
      'segment',
      'segment_reasons',
      'svart_sarbar',
      'rule_version',
    ]);
    expect(header).toContain('devices_4');
    expect(header.indexOf('devices_1')).toBe(header.indexOf('skill_self') + 1);
  });

  it('writes RFC 4180: CRLF line ends, UTF-8, one row per response, a date without a time', async () => {
    const admin = await signedInAdmin(target);
    const res = await admin.agent.get('/admin/rounds/demo/export.csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="demo-2026-11-23.csv"');
    const { raw, rows } = await exportCsv(admin);
    expect(raw.split('\r\n')).toHaveLength(rows.length + 2);
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
    expect(rows).toHaveLength(target.db.conn.prepare('SELECT count(*) FROM responses').pluck().get() as number);
    expect(new Set(rows.map((r) => r.submitted_date))).toEqual(new Set(['2026-11-23']));
    const ids = rows.map((r) => Number(r.response_id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('gives labels in the round’s main language with ?labels=1', async () => {
    const { rows } = await exportCsv(await signedInAdmin(target), 'demo', '?labels=1');
    expect(rows[0]).toMatchObject({ age_group: '67–79 år', main_activity: 'Pensjonist', devices_1: '1', coherence_alone: 'I stor grad' });
    expect(rows[1]).toMatchObject({ coherence_alone: '' });
  });

  it('answers 404 for an unknown round', async () => {
    const res = await (await signedInAdmin(target)).get('/admin/rounds/nope/export.csv');
    expect(res.status).toBe(404);
  });

  it('keeps serving citizens while an export is being read', async () => {
    // The export reads through its own connection: a submission in the middle of it must not fail.
    const admin = await signedInAdmin(target);
    const before = (await exportCsv(admin)).rows.length;
    const citizen = new Browser(target);
    const [exported] = await Promise.all([
      exportCsv(admin),
      (async () => {
        await answerAll(citizen, WORKING_ADULT, 'nb');
        return citizen.submit('/s/demo/check');
      })(),
    ]);
    expect(exported.rows.length).toBeGreaterThanOrEqual(before);
    const after = await exportCsv(admin);
    expect(after.rows).toHaveLength(before + 1);
  });
});

describe('health', () => {
  it('answers /healthz with 200 and a small JSON body', async () => {
    const res = await new Browser(target).agent.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
