// Every export format of a round through the real app (shared/contract.md,
// "Exports"): responses made in every mode and language, with routed-out
// questions and 8/9 answers, downloaded as CSV (codes, labels, another
// language), XLSX, codebook.csv, SPSS, R, Stata and zip, and the codebook page.
// Expectations come from the questionnaire's definition, not from written-out strings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOM } from '../../server/export/csv.ts';
import { EXPORT_FORMATS, FILE_FORMATS } from '../../server/export/formats.ts';
import { rString } from '../../server/export/r.ts';
import { spssString } from '../../server/export/spss.ts';
import { stataString } from '../../server/export/stata.ts';
import { REPORT_CSV_FILE } from '../../server/export/report-csv.ts';
import { README_FILE } from '../../server/export/zip.ts';
import { CURRENT_RULE, RULE_VERSION } from '../../server/survey/classify.ts';
import { TOKEN_FILES } from '../../server/http/admin/exports.ts';
import { translator } from '../../server/i18n/messages.ts';
import { instrument } from '../../server/survey/definition.ts';
import { toSubmission } from '../../server/survey/submission.ts';
import { LANGUAGES, type Answers, type Language } from '../../server/survey/types.ts';
import { addUser, testApp, type TestApp } from '../helpers/app.ts';
import { Browser, type Fields } from '../helpers/browser.ts';
import { asCsvText, csvRecords, readXlsx } from '../helpers/export-files.ts';
import { signedIn, signedInAdmin } from '../helpers/sign-in.ts';
import { answerRest, OLDER_RETIRED, start, WORKING_ADULT } from '../helpers/survey.ts';
import { readZip } from '../helpers/zip.ts';

const STAFF = { username: 'siri.servicetorg', password: 'staff password, long enough' } as const;
const DATE = '2026-11-23';

/** Refuses to say age and income, does not know its skills: 8 and 9 in the data. */
const DECLINING: Fields = { ...WORKING_ADULT, age_group: '9', income: '8', skill_self: '8', has_eid: '8' };

let target: TestApp;
let admin: Browser;
/**
 * `?lang=` also switches the language of the session that asks (middleware/language.ts,
 * `language`), so the downloads in other languages go through an admin of their own.
 */
let otherLanguages: Browser;
let staffId: number;

/** A response made by staff, stored directly: how it was made is another test's business (staff.test.ts). */
function storeStaffResponse(answers: Answers, language: Language, mode: 'assisted' | 'phone'): void {
  const { codes, classification, segmentReasons } = toSubmission(instrument, answers);
  target.stores.responses.record({
    roundId: target.stores.rounds.bySlug('demo')!.id,
    language,
    mode,
    sharedDevice: false,
    submittedDate: DATE,
    instrumentVersion: instrument.version,
    staffUserId: staffId,
    codes,
    classification: { segment: classification.segment, reasons: segmentReasons, svartSarbar: classification.svartSarbar, ruleVersion: classification.ruleVersion },
  });
}

const asAnswers = (fields: Fields): Answers =>
  Object.fromEntries(Object.entries(fields).map(([id, v]) => [id, typeof v === 'string' ? Number(v) : v.map(Number)]));

beforeAll(async () => {
  target = await testApp();
  staffId = await addUser(target, STAFF);
  // A citizen's own response in each language: routed into coherence_* (nb), routed past them (nn), 8s and 9s (en).
  for (const [answers, lang] of [
    [OLDER_RETIRED, 'nb'],
    [WORKING_ADULT, 'nn'],
    [DECLINING, 'en'],
  ] as const) {
    const citizen = new Browser(target);
    await answerRest(citizen, await start(citizen, 'demo', lang), answers);
    expect((await citizen.post('/s/demo/check')).status).toBe(303);
  }
  storeStaffResponse(asAnswers(OLDER_RETIRED), 'nn', 'assisted');
  storeStaffResponse(asAnswers(DECLINING), 'en', 'phone');
  // A paper form keyed in, one box left blank.
  const staff = await signedIn(target, STAFF);
  await staff.visit('/staff');
  await staff.submit('/staff', { round: 'demo', mode: 'paper', language: 'nb' });
  const typed = Object.fromEntries(Object.entries(WORKING_ADULT).map(([id, v]) => [id, typeof v === 'string' ? v : v.join(' ')]));
  expect((await staff.post('/staff/paper/demo', { paper_form_number: '31', ...typed, gender: '' })).status).toBe(303);
  admin = await signedInAdmin(target);
  otherLanguages = await signedInAdmin(target);
}, 60_000);
afterAll(() => target.close());

interface Download {
  readonly status: number;
  readonly type: string;
  readonly disposition: string;
  readonly body: Buffer;
}

async function download(path: string, as: Browser = admin): Promise<Download> {
  const res = await as.agent
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (chunk: Buffer) => chunks.push(chunk));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']), body: res.body as Buffer };
}

const file = (name: string, query = '') =>
  download(`/admin/rounds/demo/${name}${query}`, query.includes('lang=') ? otherLanguages : admin);
const text = async (name: string, query = '') => (await file(name, query)).body.toString('utf8');

async function table(query = '') {
  const [header = [], ...rows] = csvRecords(await text('export.csv', query));
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))), records: [header, ...rows] };
}

const singles = instrument.questions.filter((q) => q.type === 'single');

describe('every format', () => {
  it.each(EXPORT_FORMATS.map((f) => [f.file, f] as const))('%s downloads with its type and the round’s dated name', async (_, format) => {
    const res = await file(format.file);
    expect(res.status).toBe(200);
    expect(res.type).toBe(format.contentType);
    expect(res.disposition).toBe(`attachment; filename="demo-${DATE}${format.suffix}"`);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('answers 404 for a round that does not exist', async () => {
    for (const format of EXPORT_FORMATS) expect((await download(`/admin/rounds/nope/${format.file}`)).status, format.file).toBe(404);
    expect((await admin.get('/admin/rounds/nope/codebook')).status).toBe(404);
  });

  it('lets API tokens fetch the data files and the report tables, and not the codebook or report page', () => {
    expect([...TOKEN_FILES]).toEqual([...EXPORT_FORMATS.map((f) => f.file), REPORT_CSV_FILE]);
    expect(TOKEN_FILES.has('codebook')).toBe(false);
    expect(TOKEN_FILES.has('report')).toBe(false);
  });
});

describe('export.csv', () => {
  it('has a row for every response, in every mode and language', async () => {
    const { rows } = await table();
    expect(rows.map((r) => `${r['mode']}:${r['language']}`)).toEqual(['self:nb', 'self:nn', 'self:en', 'assisted:nn', 'phone:en', 'paper:nb']);
    expect(new Set(rows.map((r) => r['submitted_date']))).toEqual(new Set([DATE]));
  });

  it('leaves routed-out and blank questions empty, and has 8 and 9 as codes', async () => {
    const { rows } = await table();
    const [retired, working, declining, , , paper] = rows;
    expect([retired!['coherence_alone'], working!['coherence_alone'], working!['coherence_easy']]).toEqual([OLDER_RETIRED['coherence_alone'], '', '']);
    expect([declining!['age_group'], declining!['income'], declining!['skill_self']]).toEqual(['9', '8', '8']);
    expect(declining!['segment']).toBe('ukjent');
    expect(paper!['gender']).toBe('');
  });

  it('has no BOM, and the staff columns only with ?staff=1', async () => {
    expect((await text('export.csv')).startsWith('response_id,')).toBe(true);
    const { header, rows } = await table('?staff=1');
    expect(header.slice(-2)).toEqual(['staff_user_id', 'paper_form_number']);
    expect(rows.map((r) => r['staff_user_id'])).toEqual(['', '', '', String(staffId), String(staffId), String(staffId)]);
    expect(rows.at(-1)!['paper_form_number']).toBe('31');
  });

  it('gives labels in the round’s main language with a BOM with ?labels=1', async () => {
    const raw = await text('export.csv', '?labels=1');
    expect(raw.startsWith(`${BOM}response_id,`)).toBe(true);
    const { rows } = await table('?labels=1');
    const label = (id: string, code: string) => singles.find((q) => q.id === id)!.options.find((o) => String(o.code) === code)!.label.nb;
    expect(rows[0]!['age_group']).toBe(label('age_group', OLDER_RETIRED['age_group'] as string));
    expect(rows[2]!['income']).toBe(label('income', '8'));
    expect(rows[1]!['coherence_alone']).toBe('');
    expect(rows[0]!['devices_1']).toBe('1');
  });

  it('gives labels in another language with ?lang=', async () => {
    const { rows } = await table('?lang=en');
    const age = singles.find((q) => q.id === 'age_group')!;
    expect(rows[0]!['age_group']).toBe(age.options.find((o) => String(o.code) === OLDER_RETIRED['age_group'])!.label.en);
    expect((await text('export.csv', '?lang=en')).startsWith(BOM)).toBe(true);
    // The labels' language is the file's: the admin's pages stay in theirs.
    expect((await admin.visit('/admin')).html.querySelector('html')?.getAttribute('lang')).toBe('nb');
  });

  it('refuses a language the questionnaire does not have with 400, saying so in the admin’s language', async () => {
    const fresh = await signedInAdmin(target);
    const res = await download('/admin/rounds/demo/export.csv?lang=xx', fresh);
    expect(res.status).toBe(400);
    expect(res.body.toString('utf8')).toBe(translator('nb')('exports.wrongLanguage', { languages: LANGUAGES.join(', ') }));
    expect((await download('/admin/rounds/demo/export.xlsx?lang=sv', fresh)).status).toBe(400);
  });
});

describe('export.xlsx', () => {
  it('has the codes CSV in its data sheet and the labels CSV in its labels sheet, cell by cell', async () => {
    const sheets = await readXlsx((await file('export.xlsx')).body);
    expect(Object.keys(sheets)).toEqual(['data', 'labels', 'codebook']);
    const codes = (await table()).records;
    const labels = (await table('?labels=1')).records;
    expect(sheets['data']!.cells.map((row) => row.map(asCsvText))).toEqual(codes);
    expect(sheets['labels']!.cells.map((row) => row.map(asCsvText))).toEqual(labels);
    // Numbers as numbers: every answer column holds numbers or nothing.
    const header = codes[0]!;
    for (const row of sheets['data']!.cells.slice(1)) {
      for (const q of singles) expect(['number', 'object'], q.id).toContain(typeof row[header.indexOf(q.id)]);
    }
    expect(typeof sheets['data']!.cells[1]![header.indexOf('age_group')]).toBe('number');
  });

  it('has codebook.csv in its codebook sheet, and a frozen header on every sheet', async () => {
    const sheets = await readXlsx((await file('export.xlsx')).body);
    expect(sheets['codebook']!.cells.map((row) => row.map(asCsvText))).toEqual(csvRecords(await text('codebook.csv')));
    for (const sheet of Object.values(sheets)) expect(sheet.frozenRows).toBe(1);
  });

  it('has its labels sheet in the language asked for', async () => {
    const sheets = await readXlsx((await file('export.xlsx', '?lang=nn')).body);
    expect(sheets['labels']!.cells.map((row) => row.map(asCsvText))).toEqual((await table('?lang=nn')).records);
  });
});

describe('codebook.csv', () => {
  it('has a row for every column of export.csv and for every code of every question', async () => {
    const [header = [], ...rows] = csvRecords(await text('codebook.csv'));
    const at = (name: string) => header.indexOf(name);
    const own = rows.filter((r) => r[at('code')] === '').map((r) => r[at('variable')]);
    expect(own).toEqual((await table()).header);
    for (const q of singles) {
      const codes = rows.filter((r) => r[at('variable')] === q.id && r[at('code')] !== '');
      expect(codes.map((r) => Number(r[at('code')])), q.id).toEqual(q.options.map((o) => o.code));
      for (const [i, o] of q.options.entries()) {
        expect(LANGUAGES.map((l) => codes[i]![at(`label_${l}`)])).toEqual(LANGUAGES.map((l) => o.label[l]));
        expect(codes[i]![at('missing')]).toBe(o.code === 8 || o.code === 9 ? '1' : '0');
      }
    }
    for (const q of instrument.questions.filter((q) => q.showIf)) {
      expect(rows.find((r) => r[at('variable')] === q.id && r[at('code')] === '')![at('shown_when')]).toBe(`${q.showIf!.question} = ${q.showIf!.anyOf.join(', ')}`);
    }
  });
});

describe('the scripts', () => {
  it('SPSS reads export.csv and has a value label for every code of every question, and 8/9 missing', async () => {
    const sps = await text('export.sps');
    expect(sps).toContain("/FILE='export.csv'");
    for (const q of singles) {
      for (const o of q.options) expect(sps, `${q.id} ${o.code}`).toContain(`    ${o.code} ${spssString(o.label.nb)}`);
    }
    const missing = sps.slice(sps.indexOf('MISSING VALUES'));
    for (const q of singles.filter((q) => q.options.some((o) => o.code === 8 || o.code === 9))) expect(missing).toContain(q.id);
    expect(await text('export.sps', '?lang=en')).toContain(`/age_group ${spssString(singles[0]!.text.en)}`);
  });

  it('R reads export.csv and has a labelled level for every code of every question', async () => {
    const r = await text('export.R');
    expect(r).toContain('read.csv(\n  "export.csv",');
    for (const q of singles) {
      expect(r, q.id).toContain(`levels = c(${q.options.map((o) => o.code).join(', ')}),\n  labels = c(${q.options.map((o) => rString(o.label.nb)).join(', ')}))`);
    }
  });

  it('Stata reads export.csv and defines a value label with every code of every question', async () => {
    const stata = await text('export.do', '?lang=nn');
    expect(stata).toContain('import delimited using "export.csv"');
    for (const q of singles) {
      expect(stata, q.id).toContain(`label define ${q.id} ${q.options.map((o) => `${o.code} ${stataString(o.label.nn)}`).join(' ')}, replace`);
      expect(stata).toContain(`label values ${q.id} ${q.id}`);
    }
  });
});

describe('export.zip', () => {
  it('holds every file, each equal to its own download, and a README', async () => {
    const entries = readZip((await file('export.zip')).body);
    expect(entries.map((e) => e.name)).toEqual([...FILE_FORMATS.map((f) => f.file), README_FILE]);
    for (const entry of entries) {
      if (entry.name === README_FILE) continue;
      const alone = (await file(entry.name)).body;
      if (entry.name.endsWith('.xlsx')) expect(await readXlsx(entry.data)).toEqual(await readXlsx(alone));
      else expect(entry.data.equals(alone), entry.name).toBe(true);
    }
    const readme = entries.at(-1)!.data.toString('utf8');
    for (const f of FILE_FORMATS) expect(readme).toContain(`${f.file}: ${f.about.nb}`);
  });

  it('keeps the CSV in codes whatever is asked, since the scripts read it, and the rest in the language asked for', async () => {
    const entries = readZip((await file('export.zip', '?lang=en')).body);
    const inside = (name: string) => entries.find((e) => e.name === name)!.data;
    expect(inside('export.csv').equals((await file('export.csv')).body)).toBe(true);
    expect(inside('export.sps').equals((await file('export.sps', '?lang=en')).body)).toBe(true);
  });
});

describe('the codebook page', () => {
  it('shows every variable with its text in every language, its codes, its routing and the segment rule', async () => {
    const page = await admin.visit('/admin/rounds/demo/codebook');
    expect(page).toMatchObject({ status: 200, pageId: 'admin-codebook' });
    expect(page.html.querySelector('h1')?.textContent).toBe(translator('nb')('codebook.title', { round: 'Demo' }));
    const rowHeads = page.html.querySelectorAll('table').at(0)!.querySelectorAll('tbody th[scope="row"]').map((th) => th.textContent);
    expect(rowHeads).toEqual([...(await table('?staff=1')).header]);
    for (const l of LANGUAGES) {
      const texts = page.html.querySelectorAll(`table td[lang="${l}"]`).map((td) => td.text);
      for (const q of singles) expect(texts, `${q.id} ${l}`).toContain(q.text[l]);
      for (const o of singles[0]!.options) expect(texts).toContain(o.label[l]);
    }
    const codeTable = page.html.querySelectorAll('table').at(1)!;
    const codeRows = codeTable.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('th').map((th) => th.text));
    for (const q of singles) {
      expect(codeRows.filter(([name]) => name === q.id).map(([, code]) => code), q.id).toEqual(q.options.map((o) => String(o.code)));
    }
    expect(page.text).toContain('<code>multi_agency = 1</code>');
    expect(page.text).toContain(translator('nb')('codebook.ruleVersion', { version: RULE_VERSION }));
    expect(page.html.querySelector('main')!.text).toContain(CURRENT_RULE.description.nb);
  });

  it('is accessible in its markup: captions, header scopes, no inline style or script', async () => {
    const page = await admin.visit('/admin/rounds/demo/codebook');
    const tables = page.html.querySelectorAll('main table');
    expect(tables.length).toBe(2);
    for (const t of tables) {
      expect(t.querySelector('caption')?.textContent.trim()).not.toBe('');
      expect(t.querySelectorAll('th').every((th) => th.hasAttribute('scope'))).toBe(true);
    }
    expect(page.html.querySelectorAll('[style], script:not([src])')).toHaveLength(0);
    expect(page.html.querySelectorAll('main h2').length).toBeGreaterThanOrEqual(3);
  });

  it('is for admins: staff get 403', async () => {
    const staff = await signedIn(target, STAFF);
    expect(await staff.get('/admin/rounds/demo/codebook')).toMatchObject({ status: 403 });
  });
});

describe('the round’s admin page', () => {
  it('links every format and the codebook page on the round’s own page', async () => {
    const page = await admin.visit('/admin/rounds/demo');
    const hrefs = page.html.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    for (const format of EXPORT_FORMATS) expect(hrefs).toContain(`/admin/rounds/demo/${format.file}`);
    expect(hrefs).toContain('/admin/rounds/demo/codebook');
    for (const href of hrefs.filter((h) => h?.startsWith('/admin/rounds/demo/'))) expect((await download(href!)).status, href!).toBe(200);
  });
});
