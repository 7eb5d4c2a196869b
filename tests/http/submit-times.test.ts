// Nobody with the database file and the logs can tell when a response was sent
// to better than its date (issue 12, point 5). Citizens send their answers at
// irregular moments, in every way the service takes them: alone, on a shared
// PC asking for help afterwards, resumed with a code on another browser, with
// a staff member beside them, and keyed in from paper. Then this test plays the
// attacker: it reads every cell of every table, every byte of the database
// file after the cleanup, and every log line, takes every value that could be a
// time (epoch milliseconds or seconds, ISO times with or without a zone, six-
// and eight-byte integers in the file), and fails if the values of any one
// column line up with the moments of sending: equal to them, or all shifted by
// one same offset (a session's idle limit, a note's day), which ranking them
// against the rising response ids would turn into each response's time.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from '../../server/retention.ts';
import { addUser, capturingLog, FAKE_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Fields, type Page } from '../helpers/browser.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';
import { answerRest, OLDER_RETIRED, start, WORKING_ADULT } from '../helpers/survey.ts';
import { exportCsv } from '../helpers/admin.ts';

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const STAFF = { username: 'tor.servicetorg', password: 'staff password, long enough' } as const;
/** The app's clock when the first citizen begins: 09:00 in Oslo. */
const MORNING = FAKE_NOW.getTime() - 13.5 * 60 * 60 * SECOND;
/** When each response is sent, by the app's clock: irregular, and two of them close together. */
const SENT_AT = [433, 2462, 11_147, 11_351, 25_110].map((s) => MORNING + s * SECOND);
/** Real milliseconds between sendings, for the log's clock: irregular too. */
const REAL_GAPS = [600, 1300, 800, 1500];
/** How near a value must be to count as lining up: a minute on the app's clock (whose moments are far apart), 250 ms on the real one. */
const TOLERANCE = { app: 60 * SECOND, real: 250 };

/** The offset that puts a value within `tolerance` of every moment, if there is one. */
function linesUp(values: readonly number[], moments: readonly number[], tolerance: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const near = (x: number): boolean => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x - tolerance) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo]! <= x + tolerance;
  };
  for (const value of sorted) {
    const offset = value - moments[0]!;
    if (moments.every((m) => near(m + offset))) return offset;
  }
  return undefined;
}

const ISO_TIME = /(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?/g;
const EPOCH = /(?<!\d)(\d{13}|\d{10})(?:\.\d+)?(?!\d)/g;
const HOUR = 60 * 60 * SECOND;

/** Every time a value could hold: epoch ms or s as a number or in text, ISO times (a time without a zone read as UTC and as Oslo's). */
function timesIn(value: unknown): number[] {
  if (typeof value === 'number') {
    if (value > 1e12 && value < 2e12) return [value];
    if (value > 1e9 && value < 2e9) return [value * SECOND];
    return [];
  }
  if (typeof value === 'bigint') return timesIn(Number(value));
  if (typeof value !== 'string') return [];
  const found: number[] = [];
  for (const [, date, time, zone] of value.matchAll(ISO_TIME)) {
    const at = Date.parse(`${date}T${time}${zone ?? 'Z'}`);
    if (Number.isNaN(at)) continue;
    found.push(...(zone ? [at] : [at, at - HOUR, at - 2 * HOUR]));
  }
  for (const [, digits] of value.matchAll(EPOCH)) found.push(...timesIn(Number(digits)));
  return found;
}

/** Six- and eight-byte big-endian integers anywhere in a file that fall within two days of the moments (SQLite writes integers so). */
function timesInBytes(bytes: Buffer, around: readonly number[]): number[] {
  const lo = Math.min(...around) - 2 * DAY;
  const hi = Math.max(...around) + 2 * DAY;
  const found: number[] = [];
  for (let i = 0; i + 8 <= bytes.length; i++) {
    for (const value of [bytes.readUIntBE(i, 6), Number(bytes.readBigInt64BE(i))]) {
      if (value >= lo && value <= hi) found.push(value);
    }
  }
  return found;
}

const { log, lines: logLines } = capturingLog();
let target: TestApp;
/** Moments of sending: by the app's clock, and by the real one (what the log's `time` shows). */
const appMoments: number[] = [];
const realMoments: number[] = [];

const setClock = (at: number): void => target.advance(at - target.now());
const tick = (): void => target.advance(4 * SECOND);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends at the i-th moment: sets the app's clock, waits the real gap, and records both moments around the request. */
async function sendAt(i: number, send: () => Promise<Page>): Promise<Page> {
  if (i > 0) await sleep(REAL_GAPS[i - 1]!);
  setClock(SENT_AT[i]!);
  const before = Date.now();
  const page = await send();
  realMoments.push((before + Date.now()) / 2);
  appMoments.push(SENT_AT[i]!);
  return page;
}

const typed = (answers: Fields): Record<string, string> =>
  Object.fromEntries(Object.entries(answers).map(([id, v]) => [id, typeof v === 'string' ? v : v.join(' ')]));

beforeAll(async () => {
  target = await testApp({ log });
  await addUser(target, STAFF);

  // 1. A citizen alone, in bokmål.
  setClock(SENT_AT[0]! - 150 * SECOND);
  const alone = new Browser(target);
  await answerRest(alone, await start(alone), WORKING_ADULT, { onPage: tick });
  expect((await sendAt(0, () => alone.post('/s/demo/check'))).location).toBe('/s/demo/receipt');

  // 2. On a library PC, in English, asking for help after the receipt.
  setClock(SENT_AT[1]! - 150 * SECOND);
  const library = new Browser(target);
  await library.visit('/s/demo?kiosk=1&lang=en');
  await answerRest(library, await library.submit('/s/demo?kiosk=1&lang=en'), OLDER_RETIRED, { onPage: tick });
  await sendAt(1, () => library.post('/s/demo/check'));
  await library.visit('/s/demo/help');
  expect((await library.post('/s/demo/help', { name: 'Kari', phone: '912 34 567', consent: 'yes' })).status).toBe(303);

  // 3. Beside a staff member, in nynorsk.
  setClock(SENT_AT[2]! - 150 * SECOND);
  const staff = await signedIn(target, STAFF);
  await staff.visit('/staff');
  const helped = await staff.submit('/staff', { round: 'demo', mode: 'assisted', language: 'nn' });
  await answerRest(staff, helped, OLDER_RETIRED, { onPage: tick });
  await sendAt(2, () => staff.post('/s/demo/check'));

  // 4. Saved midway with a code, resumed on another browser, sent.
  setClock(SENT_AT[3]! - 150 * SECOND);
  const first = new Browser(target);
  let page = await start(first);
  for (const id of ['age_group', 'gender', 'main_activity']) page = await first.submit(`/s/demo/q/${id}`, { [id]: WORKING_ADULT[id]! });
  const saved = await first.visit((await first.post(`/s/demo/q/${page.pageId}`, { action: 'save' })).location!);
  const code = saved.html.querySelector('.resume-code')!.textContent.trim();
  const second = new Browser(target);
  await second.visit('/s/demo/resume');
  const resumed = await second.submit('/s/demo/resume', { code });
  await answerRest(second, resumed, WORKING_ADULT, { onPage: tick });
  await sendAt(3, () => second.post('/s/demo/check'));

  // 5. A paper form keyed in by the staff member, signed in again after lunch.
  setClock(SENT_AT[4]! - 150 * SECOND);
  const keyer = await signedIn(target, STAFF);
  await keyer.visit('/staff/paper/demo');
  await sendAt(4, () => keyer.post('/staff/paper/demo', { paper_form_number: 'P1', ...typed(OLDER_RETIRED) }));

  // Life goes on: a citizen halfway through, and an admin downloading the data.
  setClock(SENT_AT[4]! + 20 * 60 * SECOND);
  const halfway = new Browser(target);
  await start(halfway);
  await halfway.submit('/s/demo/q/age_group', { age_group: '4' });
  expect((await exportCsv(await signedInAdmin(target))).rows).toHaveLength(5);

  // At midnight the request counts are written, and the cleanup runs as it does every ten minutes.
  target.flushRequestLog();
  await cleanUp(target.db.conn, target.stores, target.config, new Date(target.now()));
}, 60_000);
afterAll(() => target.close());

describe('the attacker’s tools', () => {
  it('find times that line up, shifted or not, and no times where there are none', () => {
    expect(appMoments).toHaveLength(SENT_AT.length);
    expect(linesUp(appMoments.map((m) => m + 30 * 60 * SECOND + 17), appMoments, TOLERANCE.app)).toBe(30 * 60 * SECOND + 17);
    expect(linesUp(realMoments.map((m) => m + 3), realMoments, TOLERANCE.real)).toBe(3);
    expect(linesUp([appMoments[0]!, appMoments[1]!], appMoments, TOLERANCE.app)).toBeUndefined();
    expect(timesIn(new Date(appMoments[2]!).toISOString())).toContain(appMoments[2]);
    expect(timesIn(`{"at":${appMoments[2]}}`)).toContain(appMoments[2]);
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(appMoments[1]!, 5, 6);
    expect(timesInBytes(bytes, appMoments)).toContain(appMoments[1]);
  });
});

describe('what the attacker finds', () => {
  /** Every column of every table, as the times its cells could hold. */
  function columns(): Map<string, number[]> {
    const { conn } = target.db;
    const found = new Map<string, number[]>();
    const tables = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      for (const row of conn.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) {
          const key = `${table}.${column}`;
          found.set(key, [...(found.get(key) ?? []), ...timesIn(value)]);
        }
      }
    }
    return found;
  }

  it('reads every table: the responses are all there, and no column lines up with when they were sent', () => {
    expect(target.db.conn.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(5);
    const leaks: string[] = [];
    for (const [column, times] of columns()) {
      for (const [clock, moments, tolerance] of [
        ['app', appMoments, TOLERANCE.app],
        ['real', realMoments, TOLERANCE.real],
      ] as const) {
        const offset = linesUp(times, moments, tolerance);
        if (offset !== undefined) leaks.push(`${column} lines up with the ${clock} clock, offset ${offset} ms`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('reads every byte of the database file: nothing deleted or overwritten lines up either', () => {
    const file = target.config.databaseFile;
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(0);
    expect(linesUp(timesInBytes(bytes, appMoments), appMoments, TOLERANCE.app)).toBeUndefined();
    expect(linesUp(timesInBytes(bytes, realMoments), realMoments, TOLERANCE.real)).toBeUndefined();
  });

  it('reads every log line: the day’s counts are there, and no time in the log lines up', () => {
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l['msg'] === 'requests of the day')).toBe(true);
    const times = logLines.flatMap((line) => timesIn(line));
    expect(times.length).toBeGreaterThan(0);
    expect(linesUp(times, realMoments, TOLERANCE.real)).toBeUndefined();
    expect(linesUp(times, appMoments, TOLERANCE.app)).toBeUndefined();
  });
});
