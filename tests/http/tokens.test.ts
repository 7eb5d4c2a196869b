// API tokens (shared/contract.md, "Exports"; issue 13, point 4): made and
// revoked on the admin page, sent as `Authorization: Bearer`, opening a round's
// data files and nothing else, with their own rate limit, and every use counted
// in the audit log.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_REQUESTS_PER_MINUTE } from '../../server/http/middleware/api-token.ts';
import { translator } from '../../server/i18n/messages.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signedInAdmin } from '../helpers/sign-in.ts';
import type { Browser } from '../helpers/browser.ts';

const nb = translator('nb');

let target: TestApp;
beforeAll(async () => {
  target = await testApp();
});
afterAll(() => target.close());

async function makeToken(admin: Browser, name: string): Promise<string> {
  await admin.visit('/admin/tokens');
  const page = await admin.post('/admin/tokens', { name });
  expect(page.status).toBe(201);
  expect(page.html.querySelector('[role="status"] h2')?.textContent).toBe(nb('tokens.createdHeading', { name }));
  return page.html.querySelector('#new-token')!.textContent;
}

const bearer = (path: string, token: string) => request(target.app).get(path).set('Authorization', `Bearer ${token}`);

describe('an API token', () => {
  it('is shown once, stored only as a hash, and opens the export without a session', async () => {
    const admin = await signedInAdmin(target);
    const token = await makeToken(admin, 'Power BI økonomi');
    const list = await admin.visit('/admin/tokens');
    expect(list.html.querySelector('main')!.textContent).not.toContain(token);
    expect(list.html.querySelector('main tbody th')?.textContent).toBe('Power BI økonomi');
    const stored = target.db.conn.prepare('SELECT * FROM api_tokens').all();
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    const res = await bearer('/admin/rounds/demo/export.csv', token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text.split('\r\n')[0]).toMatch(/^response_id,round,language,mode,/);
    // Who keyed each response is for a signed-in admin only.
    const staff = await bearer('/admin/rounds/demo/export.csv?staff=1', token);
    expect(staff.status).toBe(403);
    expect(staff.text).toBe(`${nb('api.noStaffColumns')}\n`);
  });

  it('opens no page, no user admin and no other admin action, even for an admin-made token', async () => {
    const admin = await signedInAdmin(target);
    const token = await makeToken(admin, 'Bare data');
    for (const path of ['/admin', '/admin/users', '/admin/tokens', '/admin/audit', '/admin/rounds', '/admin/rounds/demo', '/admin/rounds/demo/edit', '/staff']) {
      const res = await bearer(path, token);
      expect([401, 403, 303], path).toContain(res.status);
      expect(res.status === 303 ? res.headers['location'] : '/').not.toBe(path);
      expect(res.text, path).not.toContain('<main');
    }
    expect((await bearer('/admin/rounds/demo/edit', token)).status).toBe(403);
    const post = await request(target.app).post('/admin/rounds/demo/close').set('Authorization', `Bearer ${token}`);
    expect(post.status).toBe(403);
    expect(target.stores.rounds.bySlug('demo')?.status).toBe('open');
    // Beside a signed-in admin's cookie the token still decides: no page.
    const both = await admin.agent.get('/admin/users').set('Authorization', `Bearer ${token}`);
    expect(both.status).toBe(403);
  });

  it('fails with 401 when revoked, made up or malformed, saying so in plain words', async () => {
    const admin = await signedInAdmin(target);
    const token = await makeToken(admin, 'Skal trekkes tilbake');
    expect((await bearer('/admin/rounds/demo/export.csv', token)).status).toBe(200);
    await admin.visit('/admin/tokens');
    const id = target.stores.apiTokens.liveByName('Skal trekkes tilbake')!.id;
    const revoked = await admin.submit(`/admin/tokens/${id}/revoke`);
    expect(revoked.html.querySelector('[role="status"]')?.textContent).toContain(nb('tokens.doneRevoked'));
    const refused = await bearer('/admin/rounds/demo/export.csv', token);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(refused.text).toBe(`${nb('api.unauthorized')}\n`);
    expect((await bearer('/admin/rounds/demo/export.csv', `dus_${'A'.repeat(43)}`)).status).toBe(401);
    expect((await bearer('/admin/rounds/demo/export.csv', 'not-a-token')).status).toBe(401);
    // Another scheme is not a token (a proxy in front may pass on its own Basic credentials): no session, so to /login.
    const basic = await request(target.app).get('/admin/rounds/demo/export.csv').set('Authorization', 'Basic a2FyaTpwdw==');
    expect(basic).toMatchObject({ status: 303, headers: { location: '/login' } });
  });

  it('has its own rate limit, counted per token even when requests come all at once', async () => {
    const admin = await signedInAdmin(target);
    const token = await makeToken(admin, 'Ivrig verktøy');
    const statuses = await Promise.all(
      Array.from({ length: TOKEN_REQUESTS_PER_MINUTE + 10 }, () => bearer('/admin/rounds/demo/codebook.csv', token).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(TOKEN_REQUESTS_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    // Another token is not held up, and neither is the admin's own session.
    const other = await makeToken(admin, 'Rolig verktøy');
    expect((await bearer('/admin/rounds/demo/codebook.csv', other)).status).toBe(200);
    expect((await admin.agent.get('/admin/rounds/demo/codebook.csv')).status).toBe(200);
  });

  it('answers HEAD with the file’s headers, neither reading nor counting the data', async () => {
    const admin = await signedInAdmin(target);
    const token = await makeToken(admin, 'Bare sjekk');
    const counted = () => target.db.conn.prepare('SELECT coalesce(sum(times), 0) FROM data_access_days').pluck().get();
    const before = counted();
    const res = await request(target.app).head('/admin/rounds/demo/export.xlsx').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="demo-2026-11-23\.xlsx"$/);
    expect(counted()).toBe(before);
  });

  it('leaves no timed line in the request log for a download: it is counted with the day’s requests', async () => {
    const logged = await testApp({ captureLog: true });
    try {
      const admin = await signedInAdmin(logged);
      const token = await makeToken(admin, 'Loggsjekk');
      expect((await request(logged.app).get('/admin/rounds/demo/export.csv').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      expect((await admin.agent.get('/admin/rounds/demo/export.xlsx')).status).toBe(200);
      const lines = () => logged.logLines.map((line) => JSON.parse(line) as { path?: string; msg: string; families?: Record<string, unknown> });
      expect(lines().filter((line) => line.path?.includes('/export.'))).toEqual([]);
      // Pages of the admins are still logged one by one: they act under their own names.
      expect(lines().some((line) => line.path === '/admin/tokens')).toBe(true);
      logged.flushRequestLog();
      expect(JSON.stringify(lines().at(-1))).toContain('data');
    } finally {
      logged.close();
    }
  });

  it('leaves its name, maker and every use in the audit log, dated, never timed', async () => {
    const admin = await signedInAdmin(target);
    const token = await makeToken(admin, 'Revisjon');
    await bearer('/admin/rounds/demo/export.csv', token);
    await bearer('/admin/rounds/demo/export.csv', token);
    const page = await admin.visit('/admin/audit?kind=tokens');
    const [created] = page.html.querySelectorAll('main table')[0]!.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    expect(created?.slice(1, 4)).toEqual([nb('audit.tokenCreated'), 'kari.admin', nb('audit.tokenNamed', { name: 'Revisjon' })]);
    const data = await admin.visit('/admin/audit?kind=data');
    const downloads = data.html.querySelector(`section[aria-label="${nb('audit.downloadsHeading')}"]`)!.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    expect(downloads).toContainEqual(['2026-11-23', nb('audit.tokenNamed', { name: 'Revisjon' }), 'demo', 'export.csv', '2']);
    expect(target.stores.apiTokens.liveByName('Revisjon')?.lastUsedDate).toBe('2026-11-23');
  });
});
