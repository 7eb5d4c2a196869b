// Privacy by default (issue 4, point 4): a respondent behind a known address and
// browser answers the whole survey, leaves a draft in a second browser, and
// neither the address nor the browser's name ends up in the database or in a
// log line; responses and drafts carry a date, never a time of day; and the one
// cookie is the session's, Secure when the service is reached over https.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { capturingLog, testApp, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/browser.ts';
import { answerAll, OLDER_RETIRED, start } from '../helpers/survey.ts';

// A documentation address (RFC 5737) and a browser name found nowhere else.
const CLIENT_IP = '203.0.113.77';
const USER_AGENT = 'Mozilla/5.0 (PrivacyProbe 4242) Chromium/140';
const IDENTIFYING = [CLIENT_IP, 'PrivacyProbe'];

const { log, lines: logLines } = capturingLog();
let target: TestApp;
beforeAll(async () => {
  // Behind a proxy, as deployed: the app would see the forwarded address as the client's.
  target = await testApp({ env: { TRUST_PROXY: '1' }, log });
});
afterAll(() => target.close());

function identifiedBrowser(): Browser {
  const browser = new Browser(target);
  browser.agent.set('User-Agent', USER_AGENT).set('X-Forwarded-For', CLIENT_IP);
  return browser;
}

/** Every value of every row of every table, as text. */
function everythingStored(): string {
  const { conn } = target.db;
  const tables = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(conn.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

it('stores and logs neither the client address nor its browser, and no time of day', async () => {
  const respondent = identifiedBrowser();
  await answerAll(respondent, OLDER_RETIRED, 'nb');
  expect((await respondent.submit('/s/demo/check')).pageId).toBe('receipt');
  // Asks for help, and tries a wrong resume code (the throttle counts per address).
  await respondent.visit('/s/demo/help');
  expect((await respondent.submit('/s/demo/help', { name: 'Kari', phone: '912 34 567', consent: 'yes' })).pageId).toBe('help-sent');
  await respondent.visit('/s/demo/resume');
  expect((await respondent.post('/s/demo/resume', { code: 'ZZZZ-ZZZZ' })).status).toBe(400);
  const unfinished = identifiedBrowser();
  await start(unfinished);
  await unfinished.submit('/s/demo/q/age_group', { age_group: '3' });
  await unfinished.post('/s/demo/q/gender', { action: 'save' });

  const stored = everythingStored();
  expect(stored).toContain('"age_group"'); // the answers are really in what was read
  for (const marker of IDENTIFYING) expect(stored).not.toContain(marker);

  // The file itself too, with the write-ahead log folded in.
  target.db.conn.pragma('wal_checkpoint(TRUNCATE)');
  const file = readFileSync(target.config.databaseFile).toString('latin1');
  for (const marker of IDENTIFYING) expect(file).not.toContain(marker);

  target.flushRequestLog();
  // Every request was counted in the day's line.
  const daily = logLines.map((line) => JSON.parse(line) as { msg: string; requests?: Record<string, { requests: number }> }).find((l) => l.msg === 'requests of the day');
  expect(daily?.requests?.['survey']?.requests).toBeGreaterThan(10);
  for (const line of logLines) for (const marker of IDENTIFYING) expect(line).not.toContain(marker);

  // Dates only: YYYY-MM-DD, in the columns that say when.
  const dates = target.db.conn
    .prepare('SELECT submitted_date AS date FROM responses UNION ALL SELECT updated_date FROM drafts UNION ALL SELECT received_date FROM help_requests')
    .all() as { date: string }[];
  expect(dates).toHaveLength(3);
  for (const { date } of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

it('sets only the session cookie, Secure when served over https through a trusted proxy', async () => {
  const cookiesOf = (res: { headers: Record<string, unknown> }) => res.headers['set-cookie'] as string[];
  const overHttps = cookiesOf(await new Browser(target).agent.get('/s/demo').set('X-Forwarded-Proto', 'https'));
  expect(overHttps).toHaveLength(1);
  expect(overHttps[0]).toMatch(/^sid=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

  const overHttp = cookiesOf(await new Browser(target).agent.get('/s/demo'));
  expect(overHttp[0]).not.toContain('Secure');

  // Without TRUST_PROXY a client cannot claim https for itself.
  const direct = await testApp();
  try {
    const claimed = cookiesOf(await new Browser(direct).agent.get('/s/demo').set('X-Forwarded-Proto', 'https'));
    expect(claimed[0]).toMatch(/^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
  } finally {
    direct.close();
  }
});
