// The CSV writer on its own, without a server: the codebook's columns, codes or
// labels, RFC 4180 quoting, formula-safe cells, a BOM only on labels, chunks.
import { describe, expect, it } from 'vitest';
import { formulaSafe } from '../../server/export/cells.ts';
import { BOM, csvField, writeCsv } from '../../server/export/csv.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import type { ResponseRow } from '../../server/survey/response-row.ts';
import { bytesOf, csvRecords } from '../helpers/export-files.ts';
import { responseRow } from '../helpers/response-row.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';

const codebook = buildCodebook(instrument);
const small = buildCodebook(smallInstrument);

const csvText = async (rows: ResponseRow[], book = codebook, view = {}): Promise<string> =>
  (await bytesOf(writeCsv(book, rows, view))).toString('utf8');

async function table(rows: ResponseRow[], book = codebook, view = {}) {
  const [header = [], ...data] = csvRecords(await csvText(rows, book, view));
  return { header, data, cell: (row: number, name: string) => data[row]![header.indexOf(name)] };
}

describe('formulaSafe', () => {
  it.each(['=1+1', '+47', '-2', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (cell) => {
    expect(formulaSafe(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary text, numbers and empty cells alone', () => {
    expect(formulaSafe('demo')).toBe('demo');
    expect(formulaSafe('age;income')).toBe('age;income');
    expect(formulaSafe(8)).toBe(8);
    expect(formulaSafe(null)).toBeNull();
  });
});

describe('csvField', () => {
  it('quotes only a field with a quote, comma or line break, doubling quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });
});

describe('the codes file', () => {
  it('has the codebook’s columns as its header', async () => {
    expect((await table([])).header).toEqual(codebook.variables.map((v) => v.name));
  });

  it('writes codes, 0/1 option columns and empty cells for unanswered questions', async () => {
    const { cell } = await table([responseRow()]);
    expect(cell(0, 'age_group')).toBe('9');
    expect(cell(0, 'income')).toBe('8');
    expect(cell(0, 'gender')).toBe('');
    expect([1, 2, 3, 4].map((code) => cell(0, `devices_${code}`))).toEqual(['1', '0', '1', '0']);
    expect([cell(0, 'help_source_1'), cell(0, 'help_source_5')]).toEqual(['', '']);
    expect(cell(0, 'language')).toBe('nn');
    expect(cell(0, 'response_id')).toBe('7');
  });

  it('uses CRLF, has no BOM, and starts each record with the response id', async () => {
    const text = await csvText([responseRow(), responseRow({ responseId: 8 })]);
    expect(text.startsWith('response_id,')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines[2]!.startsWith('8,')).toBe(true);
  });

  it('never lets a cell start a formula, even in a round name, and quotes separators', async () => {
    const text = await csvText([responseRow({ round: '=HYPERLINK("http://x")', segmentReasons: 'age,income' })]);
    const [header, data] = csvRecords(text);
    expect(data![header!.indexOf('round')]).toBe(`'=HYPERLINK("http://x")`);
    expect(data![header!.indexOf('segment_reasons')]).toBe('age,income');
  });

  it('has the staff columns only when the codebook has them', async () => {
    const withStaff = buildCodebook(instrument, { staffColumns: true });
    const { header, cell } = await table([responseRow({ mode: 'paper', staffUserId: 3, paperFormNumber: 'A17' })], withStaff);
    expect(header.slice(-2)).toEqual(['staff_user_id', 'paper_form_number']);
    expect([cell(0, 'staff_user_id'), cell(0, 'paper_form_number')]).toEqual(['3', 'A17']);
  });
});

describe('the labels file', () => {
  it('starts with a BOM, so that Excel reads it as UTF-8', async () => {
    const text = await csvText([responseRow()], codebook, { labels: 'nb' });
    expect(text.startsWith(`${BOM}response_id,`)).toBe(true);
  });

  it('gives answers as labels in the language asked for, and keeps option columns 0/1', async () => {
    const row = responseRow({ answers: { age_group: 6, main_activity: 5, devices: [1], income: 9 } });
    for (const [lang, age] of [
      ['nb', '67–79 år'],
      ['en', '67–79 years'],
    ] as const) {
      const { cell } = await table([row], codebook, { labels: lang });
      expect(cell(0, 'age_group')).toBe(age);
      expect(cell(0, 'devices_1')).toBe('1');
      expect(cell(0, 'devices_2')).toBe('0');
      expect(cell(0, 'gender')).toBe('');
      expect(cell(0, 'mode')).toBe('self');
    }
    expect((await table([row], codebook, { labels: 'nn' })).cell(0, 'income')).toBe('Vil ikkje svare');
  });

  it('keeps a code the questionnaire has no label for', async () => {
    const { cell } = await table([responseRow({ answers: { learn_pref: 42 } })], codebook, { labels: 'nb' });
    expect(cell(0, 'learn_pref')).toBe('42');
  });

  it('quotes labels with quotes, commas and line breaks, and neutralises a label that starts a formula', async () => {
    const row = responseRow({ answers: { q_single: 1, q_multi: [2], q_routed: 1 } });
    const { cell } = await table([row], small, { labels: 'en' });
    expect(cell(0, 'q_single')).toBe("Yes, 'very'");
    expect(cell(0, 'q_routed')).toBe('Line\ntwo');
  });
});

describe('streaming', () => {
  it('writes many rows in chunks of about 64 KB, and they add up to every row', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => responseRow({ responseId: i + 1 }));
    const chunks: string[] = [];
    for await (const chunk of writeCsv(codebook, rows)) chunks.push(String(chunk));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeLessThan(66 * 1024);
    const records = csvRecords(chunks.join(''));
    expect(records).toHaveLength(3001);
    expect(records.at(-1)![0]).toBe('3000');
  });

  it('reads no row before the stream is read', async () => {
    let started = false;
    function* rows(): Generator<ResponseRow> {
      started = true;
      yield responseRow();
    }
    const stream = writeCsv(codebook, rows());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toBe(false);
    await bytesOf(stream);
    expect(started).toBe(true);
  });
});
