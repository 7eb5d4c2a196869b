// The CSV writer on its own: formula-safe cells, quoting, and rows rebuilt from
// the export query, without a server.
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ExportRow } from '../../db/responses.ts';
import { answersFromCodes, csvRecords, formulaSafe, writeCsv } from '../../server/export/csv.ts';
import { instrument } from '../../server/survey/definition.ts';

const row = (overrides: Partial<ExportRow> = {}): ExportRow => ({
  response_id: 7,
  round: 'demo',
  language: 'nn',
  mode: 'self',
  shared_device: 0,
  submitted_date: '2026-11-23',
  instrument_version: '2026.1',
  segment: 'ukjent',
  segment_reasons: '',
  svart_sarbar: 0,
  rule_version: 'utsatt-2022.1',
  staff_user_id: null,
  paper_form_number: null,
  codes: 'age_group:9,devices:1,devices:3,income:8',
  ...overrides,
});

async function toCsv(rows: ExportRow[]): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await writeCsv(csvRecords(instrument, rows), out);
  return text;
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

describe('csv export', () => {
  it('writes codes, 0/1 option columns and empty cells for unanswered questions', async () => {
    const [header, data] = parse(await toCsv([row()])) as string[][];
    const cell = (name: string) => data![header!.indexOf(name)];
    expect(cell('age_group')).toBe('9');
    expect(cell('income')).toBe('8');
    expect(cell('gender')).toBe('');
    expect([cell('devices_1'), cell('devices_2'), cell('devices_3'), cell('devices_4')]).toEqual(['1', '0', '1', '0']);
    expect([cell('help_source_1'), cell('help_source_5')]).toEqual(['', '']);
    expect(cell('language')).toBe('nn');
  });

  it('never lets a cell start a formula, even in a round name, and quotes separators', async () => {
    const text = await toCsv([row({ round: '=HYPERLINK("http://x")', segment_reasons: 'age,income' })]);
    const [header, data] = parse(text) as string[][];
    expect(data![header!.indexOf('round')]).toBe(`'=HYPERLINK("http://x")`);
    expect(data![header!.indexOf('segment_reasons')]).toBe('age,income');
    expect(text.split('\r\n')[1]!.startsWith('7,')).toBe(true);
  });

  it('ignores codes of questions the instrument no longer has', () => {
    expect(answersFromCodes(instrument, 'retired_q:1,gender:2')).toEqual({ gender: 2 });
    expect(answersFromCodes(instrument, null)).toEqual({});
  });
});
