// The analysis report through the real app (issue 14): report.csv and the
// report page against an independent count of the same fixture, small cells
// hidden with their complements, filters (one below the threshold), the empty
// round, weighting worked by hand, the study's channel shares reproduced, and
// access for tokens. The fixture is made here with known segments, so every
// expected number is counted from it, not read from the app.
import { parse as parseHtml } from 'node-html-parser';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { toSubmission } from '../../server/survey/submission.ts';
import type { Answers, Language, Mode } from '../../server/survey/types.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import type { Browser } from '../helpers/browser.ts';
import { signedInAdmin } from '../helpers/sign-in.ts';

const nb = translator('nb');
const MIN_CELL = 5;
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04'] as const;

/** A small deterministic random source (mulberry32), so the fixture is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Segment = 'utsatt' | 'ovrige' | 'ukjent';

/** Background answers that make each segment by the rule (shared/instrument.md): no classification needed to know it. */
const BACKGROUND: Record<Segment, Answers> = {
  utsatt: { age_group: 6, main_activity: 5, income: 2 },
  ovrige: { age_group: 3, main_activity: 1, income: 5 },
  ukjent: { age_group: 9, main_activity: 1, income: 9 },
};

interface Respondent {
  readonly segment: Segment;
  readonly mode: Mode;
  readonly language: Language;
  readonly day: string;
  readonly answers: Answers;
}

function store(target: TestApp, slug: string, people: readonly Respondent[]): void {
  const roundId = target.stores.rounds.bySlug(slug)!.id;
  target.db.conn.transaction(() => {
    for (const p of people) {
      const { codes, classification, segmentReasons } = toSubmission(instrument, p.answers);
      expect(classification.segment).toBe(p.segment);
      target.stores.responses.record({
        roundId,
        language: p.language,
        mode: p.mode,
        sharedDevice: false,
        submittedDate: p.day,
        instrumentVersion: instrument.version,
        staffUserId: null,
        codes,
        classification: { segment: classification.segment, reasons: segmentReasons, svartSarbar: classification.svartSarbar, ruleVersion: classification.ruleVersion },
      });
    }
  })();
}

/** The municipal fixture: about 400 people, one planted cell of exactly 3 and a filter that leaves 2. */
function municipalFixture(): Respondent[] {
  const next = random(2022);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const people: Respondent[] = [];
  for (let i = 0; i < 400; i++) {
    const segment: Segment = next() < 0.1 ? 'ukjent' : next() < 0.5 ? 'utsatt' : 'ovrige';
    // No one in ukjent prefers to meet in person (5), and no one answers in English by phone: both are planted below.
    const channel = segment === 'ukjent' ? pick([1, 2, 3, 4, 6, 7, 8, 9]) : pick([1, 1, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9]);
    const language = pick<Language>(['nb', 'nb', 'nb', 'nb', 'nn', 'en']);
    const mode = pick<Mode>(['self', 'self', 'self', 'assisted', 'phone', 'paper']);
    const devices = next() < 0.1 ? [4] : [1, 2, 3].filter(() => next() < 0.6);
    people.push({
      segment,
      mode: language === 'en' && mode === 'phone' ? 'self' : mode,
      language,
      day: pick(DAYS),
      answers: {
        ...BACKGROUND[segment],
        skill_self: pick([1, 2, 3, 3, 4, 4, 5, 8]),
        agree_easy: pick([1, 2, 3, 4, 5, 8]),
        channel_pref: channel,
        ...(devices.length > 0 ? { devices } : {}),
      },
    });
  }
  for (let i = 0; i < 3; i++) people.push({ segment: 'ukjent', mode: 'self', language: 'nb', day: DAYS[0], answers: { ...BACKGROUND.ukjent, channel_pref: 5 } });
  for (let i = 0; i < 2; i++) people.push({ segment: 'ovrige', mode: 'phone', language: 'en', day: DAYS[1], answers: { ...BACKGROUND.ovrige, channel_pref: 4 } });
  return people;
}

const Z = 1.959963984540054;
/** The Wilson bounds as the roots of (p̂ − p)² = z²·p(1 − p)/n, solved here on their own. */
function wilsonRoots(share: number, n: number): [number, number] {
  const a = 1 + (Z * Z) / n;
  const b = -(2 * share + (Z * Z) / n);
  const c = share * share;
  const root = Math.sqrt(b * b - 4 * a * c);
  return [(-b - root) / (2 * a), (-b + root) / (2 * a)];
}

interface Expected {
  readonly n: number;
  readonly base: number;
}

/** Counts of one question by segment column, as the contract defines them: base = answered with any code but 9. */
function expectedCounts(people: readonly Respondent[], question: string, column: string, code: number): Expected {
  const inColumn = people.filter((p) => column === 'alle' || p.segment === column);
  const codesOf = (p: Respondent): number[] => {
    const value = p.answers[question];
    return value === undefined ? [] : typeof value === 'number' ? [value] : [...value];
  };
  const base = inColumn.filter((p) => codesOf(p).some((c) => c !== 9)).length;
  return { n: inColumn.filter((p) => codesOf(p).includes(code)).length, base };
}

type Row = Record<string, string>;

async function reportCsv(browser: Browser | null, target: TestApp, path: string, token?: string): Promise<{ header: string[]; rows: Row[] }> {
  const req = token ? request(target.app).get(path).set('Authorization', `Bearer ${token}`) : browser!.agent.get(path);
  const res = await req.buffer(true);
  expect(res.status, path).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  const [header = [], ...records] = parse(res.text) as string[][];
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

const find = (rows: readonly Row[], table: string, segment: string, code: string | number): Row =>
  rows.find((r) => r.table === table && r.segment === segment && r.code === String(code))!;

let target: TestApp;
let admin: Browser;
const people = municipalFixture();

beforeAll(async () => {
  target = await testApp();
  store(target, 'demo', people);
  admin = await signedInAdmin(target);
});

afterAll(() => target.close());

describe('report.csv', () => {
  it('has the contract columns and, for every number it shows, the independent count, share and Wilson bounds to 4 decimals', async () => {
    const { header, rows } = await reportCsv(admin, target, '/admin/rounds/demo/report.csv');
    expect(header).toEqual(['table', 'segment', 'code', 'label', 'n', 'share', 'ci_low', 'ci_high', 'suppressed']);
    for (const table of ['segment', 'skill_group', 'skill_self', 'agree_easy', 'agree_language', 'agree_municipal', 'trust_rights', 'trust_data', 'channel_pref', 'channel_last', 'mode']) {
      expect(rows.some((r) => r.table === table), table).toBe(true);
    }
    let compared = 0;
    for (const question of ['skill_self', 'agree_easy', 'channel_pref', 'devices']) {
      const options = instrument.questions.find((q) => q.id === question)!.options.filter((o) => o.code !== 9);
      for (const column of ['alle', 'utsatt', 'ovrige', 'ukjent']) {
        for (const option of options) {
          const row = find(rows, question, column, option.code);
          expect(row, `${question} ${column} ${option.code}`).toBeDefined();
          expect(row.label).toBe(option.label.nb);
          const { n, base } = expectedCounts(people, question, column, option.code);
          if (row.suppressed === '1') {
            expect([row.n, row.share, row.ci_low, row.ci_high]).toEqual(['', '', '', '']);
            continue;
          }
          const [low, high] = wilsonRoots(n / base, base);
          expect(Number(row.n), `${question} ${column} ${option.code}`).toBe(n);
          expect(Number(row.share)).toBeCloseTo(n / base, 4);
          expect(Number(row.ci_low)).toBeCloseTo(low, 4);
          expect(Number(row.ci_high)).toBeCloseTo(high, 4);
          compared++;
        }
      }
    }
    // Most cells are large enough to show: the comparison is not of an empty file.
    expect(compared).toBeGreaterThanOrEqual(60);
    // Segment sizes, and skill_self grouped as the study does (1–2, 3, 4–5).
    for (const segment of ['utsatt', 'ovrige', 'ukjent'] as const) {
      const row = find(rows, 'segment', 'alle', segment);
      expect(Number(row.n)).toBe(people.filter((p) => p.segment === segment).length);
      expect(Number(row.share)).toBeCloseTo(Number(row.n) / people.length, 4);
    }
    // The criteria: the utsatt fixture is over 67, on a low income and retired, so meets all three;
    // svært sårbar is utsatt with skills 1 or 2.
    const utsatt = people.filter((p) => p.segment === 'utsatt');
    const vulnerable = utsatt.filter((p) => p.answers['skill_self'] === 1 || p.answers['skill_self'] === 2).length;
    for (const [code, n] of [['age', utsatt.length], ['income', utsatt.length], ['labour', utsatt.length], ['svart_sarbar', vulnerable]] as const) {
      for (const [column, base] of [['alle', people.length], ['utsatt', utsatt.length]] as const) {
        const row = find(rows, 'criteria', column, code);
        expect([Number(row.n), row.suppressed], `${code} ${column}`).toEqual([n, '0']);
        expect(Number(row.share)).toBeCloseTo(n / base, 4);
        expect(Number(row.ci_low)).toBeCloseTo(wilsonRoots(n / base, base)[0], 4);
      }
    }
    // How each segment answered: the mode table's shown cells.
    for (const mode of ['self', 'assisted', 'phone', 'paper']) {
      for (const column of ['alle', 'utsatt', 'ovrige', 'ukjent'] as const) {
        const row = find(rows, 'mode', column, mode);
        if (row.suppressed === '1') continue;
        const inColumn = people.filter((p) => column === 'alle' || p.segment === column);
        const n = inColumn.filter((p) => p.mode === mode).length;
        expect(Number(row.n), `${mode} ${column}`).toBe(n);
        expect(Number(row.ci_high)).toBeCloseTo(wilsonRoots(n / inColumn.length, inColumn.length)[1], 4);
      }
    }
    const under = find(rows, 'skill_group', 'utsatt', 'under');
    const low = expectedCounts(people, 'skill_self', 'utsatt', 1).n + expectedCounts(people, 'skill_self', 'utsatt', 2).n;
    expect(Number(under.n)).toBe(low);
    expect(Number(under.share)).toBeCloseTo(low / expectedCounts(people, 'skill_self', 'utsatt', 1).base, 4);
  });

  it('hides the cell of 3 people, and with it enough cells of its column and row that subtraction cannot give it back', async () => {
    const { rows } = await reportCsv(admin, target, '/admin/rounds/demo/report.csv');
    const planted = find(rows, 'channel_pref', 'ukjent', 5);
    expect(expectedCounts(people, 'channel_pref', 'ukjent', 5).n).toBe(3);
    expect(planted.suppressed).toBe('1');
    expect(planted.n).toBe('');
    const codes = instrument.questions.find((q) => q.id === 'channel_pref')!.options.filter((o) => o.code !== 9).map((o) => o.code);
    // Down its column: the base minus the shown cells is the sum of the hidden ones, which must be two or more making 5 or more.
    const hiddenInColumn = codes.filter((code) => find(rows, 'channel_pref', 'ukjent', code).suppressed === '1');
    expect(hiddenInColumn.length).toBeGreaterThanOrEqual(2);
    expect(hiddenInColumn.reduce((sum, code) => sum + expectedCounts(people, 'channel_pref', 'ukjent', code).n, 0)).toBeGreaterThanOrEqual(MIN_CELL);
    // Across its row: alle = utsatt + øvrige + ukjent.
    const hiddenInRow = ['alle', 'utsatt', 'ovrige', 'ukjent'].filter((column) => find(rows, 'channel_pref', column, 5).suppressed === '1');
    expect(hiddenInRow.length).toBeGreaterThanOrEqual(2);
    if (!hiddenInRow.includes('alle')) {
      expect(hiddenInRow.reduce((sum, column) => sum + expectedCounts(people, 'channel_pref', column, 5).n, 0)).toBeGreaterThanOrEqual(MIN_CELL);
    }
  });

  it('filters by language, mode and days, and shows nothing for a filter that leaves fewer than the threshold', async () => {
    const day = await reportCsv(admin, target, `/admin/rounds/demo/report.csv?from=${DAYS[1]}&to=${DAYS[1]}&language=nb`);
    const sameDay = people.filter((p) => p.day === DAYS[1] && p.language === 'nb');
    const row = find(day.rows, 'channel_pref', 'alle', 1);
    const { n, base } = expectedCounts(sameDay, 'channel_pref', 'alle', 1);
    expect(Number(row.n)).toBe(n);
    expect(Number(row.share)).toBeCloseTo(n / base, 4);
    // The whole round's days give what the tallies give.
    const whole = await reportCsv(admin, target, `/admin/rounds/demo/report.csv?from=${DAYS[0]}&to=${DAYS[2]}`);
    const plain = await reportCsv(admin, target, '/admin/rounds/demo/report.csv');
    expect(whole.rows).toEqual(plain.rows);
    // English by phone: the two planted people only.
    const few = await reportCsv(admin, target, '/admin/rounds/demo/report.csv?language=en&mode=phone');
    expect(few.rows.length).toBeGreaterThan(0);
    expect(few.rows.every((r) => r.suppressed === '1' && r.n === '')).toBe(true);
    const page = await admin.visit('/admin/rounds/demo/report?language=en&mode=phone');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('[data-report="too-few"]')?.textContent).toBe(nb('report.tooFew', { min: MIN_CELL }));
    expect(page.html.querySelectorAll('table')).toHaveLength(0);
  });

  it('refuses a wrong filter with a 400 in words, and changes nothing', async () => {
    const res = await admin.agent.get('/admin/rounds/demo/report.csv?from=2026-02-30');
    expect(res.status).toBe(400);
    expect(res.text).toBe(`from: ${nb('report.fromWrong')}\n`);
    // A wrong label language is refused as on the other data files.
    const lang = await admin.agent.get('/admin/rounds/demo/report.csv?lang=se');
    const other = await admin.agent.get('/admin/rounds/demo/export.csv?lang=se');
    expect([lang.status, lang.text]).toEqual([400, other.text]);
    const mode = await admin.visit('/admin/rounds/demo/report?mode=bike');
    expect(mode.status).toBe(400);
    expect(mode.html.querySelectorAll('.error-summary a').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([[nb('report.wrongChoice'), '#mode-alle']]);
    expect(mode.html.querySelectorAll('table')).toHaveLength(0);
    const order = await admin.visit('/admin/rounds/demo/report?from=2026-03-04&to=2026-03-02');
    expect(order.status).toBe(400);
    expect(order.html.querySelector('#to-error')!.textContent).toContain(nb('report.dateOrder'));
    // The dates as typed are kept in the form.
    expect(order.html.querySelector('#from')!.getAttribute('value')).toBe('2026-03-04');
  });
});

describe('the report page', () => {
  it('shows the same numbers as report.csv, hidden cells said without a number, and the study beside the round', async () => {
    const { rows } = await reportCsv(admin, target, '/admin/rounds/demo/report.csv');
    const page = await admin.visit('/admin/rounds/demo/report');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('main')!.getAttribute('data-page')).toBe('admin-report');
    let compared = 0;
    for (const section of page.html.querySelectorAll('section[data-table]')) {
      if (!section.querySelector('h3')!.id.startsWith('segment-')) continue;
      const table = section.getAttribute('data-table')!;
      const columns = section.querySelectorAll('thead th').slice(1).map((th) => th.textContent);
      for (const tr of section.querySelectorAll('tbody tr')) {
        const label = tr.querySelector('th')!.textContent;
        tr.querySelectorAll('td').forEach((td, c) => {
          const segment = ['Alle', 'Utsatt', 'Øvrig befolkning', 'Ukjent'].indexOf(columns[c]!);
          const row = rows.find((r) => r.table === table && r.segment === ['alle', 'utsatt', 'ovrige', 'ukjent'][segment] && r.label === label)!;
          expect(row, `${table} ${columns[c]} ${label}`).toBeDefined();
          if (row.suppressed === '1') {
            expect(td.textContent).toBe(nb('report.hidden'));
            return;
          }
          if (row.share === '') {
            // Nobody in the column answered: no share to give.
            expect(td.textContent).toBe('–');
            return;
          }
          const data = td.querySelector('data')!;
          expect(Number(data.getAttribute('value'))).toBeCloseTo(Number(row.share), 4);
          expect(Number(data.getAttribute('data-low'))).toBeCloseTo(Number(row.ci_low), 4);
          expect(Number(data.getAttribute('data-high'))).toBeCloseTo(Number(row.ci_high), 4);
          expect(Number(data.getAttribute('data-n'))).toBe(Number(row.n));
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(150);
    // The segment view's table (the mode view has one of channel_pref too).
    const channel = page.html.querySelector('#segment-channel_pref')!.parentNode!;
    expect(channel.querySelector('[data-hidden-note]')?.textContent).toBe(nb('report.hiddenNote'));
    // The hidden count of 3 appears nowhere in the planted cell's place.
    const ukjentPhone = channel.querySelectorAll('tbody tr').find((tr) => tr.querySelector('th')!.textContent === 'Personlig oppmøte')!;
    expect(ukjentPhone.querySelectorAll('td')[3]!.textContent).toBe(nb('report.hidden'));
    // «telefon 30 % / 22 % i IT i praksis 2022», with a sentence on the round's interval.
    const references = channel.querySelectorAll('.report-table__reference li').map((li) => li.textContent);
    expect(references.some((line) => line.startsWith('Utsatt, «Telefon»:') && line.includes('30\u00a0% i IT i praksis 2022'))).toBe(true);
    expect(references.every((line) => [nb('report.referenceWithin'), nb('report.referenceAbove'), nb('report.referenceBelow'), 'i IT i praksis 2022.'].some((end) => line.endsWith(end)))).toBe(true);
    // Every chart is one image with a text title and description, and draws no bar for a hidden cell.
    const charts = page.html.querySelectorAll('[role="img"]');
    expect(charts.length).toBeGreaterThan(10);
    for (const chart of charts) {
      const [title, desc] = chart.getAttribute('aria-labelledby')!.split(' ');
      expect(chart.querySelector(`#${title}`)!.textContent.length).toBeGreaterThan(0);
      expect(chart.querySelector(`#${desc}`)!.textContent.length).toBeGreaterThan(0);
      for (const [i, value] of chart.querySelectorAll('.chart__value').entries()) {
        const track = chart.querySelectorAll('.chart__track')[i]!;
        expect(track.querySelector('rect') === null, value.textContent).toBe(value.textContent === nb('report.hidden') || value.textContent === '–');
      }
    }
    expect(page.html.querySelectorAll('script')).toHaveLength(0);
  });

  it('is linked from the round, in every language', async () => {
    const round = await admin.visit('/admin/rounds/demo');
    expect(round.html.querySelector('a[href="/admin/rounds/demo/report"]')).not.toBeNull();
    // `?lang=` is remembered by the session: another admin, so the others keep bokmål.
    const reader = await signedInAdmin(target);
    const title = target.stores.rounds.bySlug('demo')!.title;
    for (const lang of ['nn', 'en'] as const) {
      const page = await reader.visit(`/admin/rounds/demo/report?lang=${lang}`);
      expect(page.status).toBe(200);
      expect(page.html.querySelector('h1')!.textContent).toBe(translator(lang)('report.title', { round: title }));
      expect(page.html.querySelector('#questions-heading')!.textContent).toBe(translator(lang)('report.questionsHeading'));
    }
  });
});

describe('an empty round', () => {
  it('shows no table and a file of hidden rows, not an error', async () => {
    target.stores.rounds.create({ slug: 'tom', title: 'Tom runde', organisation: 'Testkommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    const page = await admin.visit('/admin/rounds/tom/report');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('[data-report="too-few"]')).not.toBeNull();
    const { header, rows } = await reportCsv(admin, target, '/admin/rounds/tom/report.csv');
    expect(header[0]).toBe('table');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.suppressed === '1')).toBe(true);
  });
});

describe('weighting', () => {
  // The hand-worked example of tests/unit/analysis.test.ts: 20/20/30/30 by age group (2, 4) and gender (1, 2),
  // raked to ages 50/50 and gender 60/40, gives weights 1.5, 1, 1 and 2/3; n_eff = 100²/108.33.
  const cells = [
    { age_group: 2, gender: 1, n: 20, channel: 4 },
    { age_group: 2, gender: 2, n: 20, channel: 1 },
    { age_group: 4, gender: 1, n: 30, channel: 1 },
    { age_group: 4, gender: 2, n: 30, channel: 1 },
  ];

  beforeAll(() => {
    target.stores.rounds.create({ slug: 'vekt', title: 'Vektet runde', organisation: 'Testkommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    store(
      target,
      'vekt',
      cells.flatMap((c) =>
        Array.from({ length: c.n }, (): Respondent => ({
          segment: 'ovrige',
          mode: 'self',
          language: 'nb',
          day: DAYS[0],
          answers: { age_group: c.age_group, gender: c.gender, main_activity: 1, income: 5, channel_pref: c.channel },
        })),
      ),
    );
  });

  it('takes population figures through the form, refusing what is not a whole number', async () => {
    await admin.visit('/admin/rounds/vekt/weights');
    const before = target.stores.report.margins(target.stores.rounds.bySlug('vekt')!.id);
    const wrong = await admin.post('/admin/rounds/vekt/weights', { age_group_2: 'fem hundre', gender_1: '600', gender_2: '123456789' });
    expect(wrong.status).toBe(400);
    expect(wrong.html.querySelector('#age_group_2-error')!.textContent).toContain(nb('weights.wrongNumber', { group: '25–34 år' }));
    expect(wrong.html.querySelector('#gender_2-error')!.textContent).toContain(nb('weights.wrongNumber', { group: 'Mann' }));
    expect(wrong.html.querySelector('#gender_1-error')).toBeNull();
    expect(wrong.html.querySelector('#age_group_2')!.getAttribute('value')).toBe('fem hundre');
    expect(target.stores.report.margins(target.stores.rounds.bySlug('vekt')!.id)).toEqual(before);
    const saved = await admin.post('/admin/rounds/vekt/weights', { age_group_2: '500', age_group_4: '500', gender_1: '600', gender_2: '4 00' });
    expect(saved.status).toBe(303);
    const form = await admin.visit(saved.location!);
    expect(form.html.querySelector('#gender_2')!.getAttribute('value')).toBe('400');
  });

  it('gives the hand-worked weighted counts, n_eff and intervals in report.csv', async () => {
    await admin.visit('/admin/rounds/vekt/weights');
    // A group with people and no respondents (80 and over) is left out of the shares, and said.
    expect((await admin.post('/admin/rounds/vekt/weights', { age_group_2: '500', age_group_4: '500', age_group_7: '250', gender_1: '600', gender_2: '400' })).status).toBe(303);
    const weighted = await reportCsv(admin, target, '/admin/rounds/vekt/report.csv?weighted=1');
    expect(weighted.header).toEqual(['table', 'segment', 'code', 'label', 'n', 'share', 'ci_low', 'ci_high', 'suppressed', 'n_eff']);
    const phone = find(weighted.rows, 'channel_pref', 'alle', 4);
    const nEff = 10000 / (20 * 1.5 ** 2 + 20 + 30 + 30 * (2 / 3) ** 2);
    expect(Number(phone.n)).toBeCloseTo(30, 4);
    expect(Number(phone.share)).toBeCloseTo(0.3, 4);
    expect(Number(phone.n_eff)).toBeCloseTo(nEff, 4);
    const [low, high] = wilsonRoots(0.3, nEff);
    expect(Number(phone.ci_low)).toBeCloseTo(low, 4);
    expect(Number(phone.ci_high)).toBeCloseTo(high, 4);
    // A round without population figures cannot be weighted: said, not silently unweighted.
    const refused = await admin.agent.get('/admin/rounds/demo/report.csv?weighted=1');
    expect(refused.status).toBe(400);
    expect(refused.text).toBe(`weighted: ${nb('report.noMargins')}\n`);
    // Unweighted, the same cell is 20 of 100.
    const plain = await reportCsv(admin, target, '/admin/rounds/vekt/report.csv');
    expect(Number(find(plain.rows, 'channel_pref', 'alle', 4).share)).toBeCloseTo(0.2, 4);
    const page = await admin.visit('/admin/rounds/vekt/report?weighted=1');
    expect(page.html.querySelectorAll('.notice li').map((li) => li.textContent)).toEqual([nb('report.missingGroup', { group: '80 år eller eldre' })]);
    expect(page.html.querySelector('section[data-table="channel_pref"] .hint')!.textContent).toContain(nb('report.effectiveSize', { sizes: '' }).slice(0, 20));
  });

  it('keeps one whole set of figures when two admins save at once', async () => {
    target.stores.rounds.create({ slug: 'vekt-to', title: 'To admins', organisation: 'Testkommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    const other = await signedInAdmin(target);
    await Promise.all([admin.visit('/admin/rounds/vekt-to/weights'), other.visit('/admin/rounds/vekt-to/weights')]);
    const [a, b] = await Promise.all([
      admin.post('/admin/rounds/vekt-to/weights', { age_group_2: '100', age_group_4: '100' }),
      other.post('/admin/rounds/vekt-to/weights', { gender_1: '7', gender_2: '9' }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const margins = target.stores.report.margins(target.stores.rounds.bySlug('vekt-to')!.id);
    const kept = JSON.stringify(Object.fromEntries(Object.entries(margins).map(([q, m]) => [q, [...m]])));
    expect([JSON.stringify({ age_group: [[2, 100], [4, 100]] }), JSON.stringify({ gender: [[1, 7], [2, 9]] })]).toContain(kept);
  });
});

describe("the study's channel shares", () => {
  it('come back from 1 000 respondents drawn to them, within sampling error', async () => {
    // IT i praksis 2022: utsatt telefon 30 %, oppmøte 7 %, chat 2 %, digital 35 %; øvrige 22/3/7/45.
    const shares: Record<'utsatt' | 'ovrige', Record<number, number>> = {
      utsatt: { 4: 0.3, 5: 0.07, 3: 0.02, 1: 0.35 },
      ovrige: { 4: 0.22, 5: 0.03, 3: 0.07, 1: 0.45 },
    };
    const next = random(1000);
    const draw = (segment: 'utsatt' | 'ovrige'): number => {
      let u = next();
      for (const [code, p] of Object.entries(shares[segment])) if ((u -= p) < 0) return Number(code);
      return [2, 6, 7, 8][Math.floor(next() * 4)]!;
    };
    target.stores.rounds.create({ slug: 'kanal', title: 'Kanalrunde', organisation: 'Testkommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    const drawn = Array.from({ length: 1000 }, (_, i): Respondent => {
      const segment = i % 2 === 0 ? 'utsatt' : 'ovrige';
      return { segment, mode: 'phone', language: 'nb', day: DAYS[0], answers: { ...BACKGROUND[segment], channel_pref: draw(segment) } };
    });
    store(target, 'kanal', drawn);
    const { rows } = await reportCsv(admin, target, '/admin/rounds/kanal/report.csv');
    for (const segment of ['utsatt', 'ovrige'] as const) {
      for (const [code, p] of Object.entries(shares[segment])) {
        const row = find(rows, 'channel_pref', segment, code);
        const base = 500;
        expect(Math.abs(Number(row.share) - p), `${segment} ${code}`).toBeLessThanOrEqual(3 * Math.sqrt((p * (1 - p)) / base));
      }
    }
  });
});

describe('access', () => {
  it('lets an API token fetch report.csv but not the report page, and counts each download in parallel', async () => {
    await admin.visit('/admin/tokens');
    const created = await admin.post('/admin/tokens', { name: 'Rapportskript' });
    const token = created.html.querySelector('#new-token')!.textContent;
    const before = target.stores.auditLog.dataAccessDays({ from: null, to: null, limit: 1000 }).filter((d) => d.what === 'report.csv');
    const files = await Promise.all(Array.from({ length: 6 }, () => reportCsv(null, target, '/admin/rounds/demo/report.csv', token)));
    expect(new Set(files.map((f) => JSON.stringify(f.rows))).size).toBe(1);
    expect((await request(target.app).get('/admin/rounds/demo/report').set('Authorization', `Bearer ${token}`)).status).toBe(403);
    expect((await request(target.app).get('/admin/rounds/demo/weights').set('Authorization', `Bearer ${token}`)).status).toBe(403);
    const after = target.stores.auditLog.dataAccessDays({ from: null, to: null, limit: 1000 }).filter((d) => d.what === 'report.csv');
    const total = (days: typeof after) => days.reduce((sum, d) => sum + d.times, 0);
    expect(total(after) - total(before)).toBe(6);
    // Without a session or token: no data.
    expect((await request(target.app).get('/admin/rounds/demo/report.csv')).status).not.toBe(200);
  });
});

describe('the tallies', () => {
  it('follow a changed classification and deleted responses, as counting the responses does', async () => {
    target.stores.rounds.create({ slug: 'endres', title: 'Endres', organisation: 'Testkommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    store(target, 'endres', people);
    const ids = target.db.conn.prepare<[], number>("SELECT id FROM responses WHERE round_id = (SELECT id FROM rounds WHERE slug = 'endres') ORDER BY id LIMIT 40").pluck().all();
    target.db.conn.prepare(`UPDATE classifications SET segment = 'ukjent', reasons = '' WHERE response_id IN (${ids.slice(0, 20).join(',')})`).run();
    target.db.conn.prepare(`DELETE FROM responses WHERE id IN (${ids.slice(20).join(',')})`).run();
    const tallied = await reportCsv(admin, target, '/admin/rounds/endres/report.csv');
    const counted = await reportCsv(admin, target, `/admin/rounds/endres/report.csv?from=${DAYS[0]}&to=${DAYS[2]}`);
    expect(tallied.rows).toEqual(counted.rows);
    const size = (segment: string) => Number(find(tallied.rows, 'segment', 'alle', segment).n);
    expect(size('utsatt') + size('ovrige') + size('ukjent')).toBe(people.length - 20);
  });
});

describe('the threshold', () => {
  it('is MIN_CELL, 3 to 20: at 3, counts of 3 and 4 show and fewer cells are hidden', async () => {
    const lower = await testApp({ env: { MIN_CELL: '3' } });
    try {
      store(lower, 'demo', people);
      const reader = await signedInAdmin(lower);
      const at3 = await reportCsv(reader, lower, '/admin/rounds/demo/report.csv');
      const at5 = await reportCsv(admin, target, '/admin/rounds/demo/report.csv');
      expect(at3.rows.some((r) => r.suppressed === '0' && (r.n === '3' || r.n === '4'))).toBe(true);
      expect(at3.rows.every((r) => r.suppressed === '1' || !['1', '2'].includes(r.n ?? ''))).toBe(true);
      expect(at5.rows.every((r) => r.suppressed === '1' || !['1', '2', '3', '4'].includes(r.n ?? ''))).toBe(true);
      const hidden = (rows: readonly Row[]) => rows.filter((r) => r.suppressed === '1').length;
      expect(hidden(at3.rows)).toBeLessThan(hidden(at5.rows));
    } finally {
      lower.close();
    }
    for (const wrong of ['2', '21', 'fem']) {
      await expect(testApp({ env: { MIN_CELL: wrong } }), wrong).rejects.toThrow(/MIN_CELL/);
    }
  });
});
