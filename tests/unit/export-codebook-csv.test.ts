// codebook.csv on its own: the contract's columns, a row for every variable and
// for every code of it, 8/9 marked missing, routing stated, texts in every language.
import { describe, expect, it } from 'vitest';
import { writeCodebookCsv } from '../../server/export/codebook-csv.ts';
import { BOM } from '../../server/export/csv.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import { LANGUAGES } from '../../server/survey/types.ts';
import { bytesOf, csvRecords } from '../helpers/export-files.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';

async function rowsOf(book = buildCodebook(smallInstrument)) {
  const text = (await bytesOf(writeCodebookCsv(book))).toString('utf8');
  const [header = [], ...data] = csvRecords(text);
  return { text, header, rows: data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

describe('codebook.csv', () => {
  it('has the contract’s columns, with a BOM for Excel', async () => {
    const { text, header } = await rowsOf();
    expect(header).toEqual(['variable', 'question_nb', 'question_nn', 'question_en', 'code', 'label_nb', 'label_nn', 'label_en', 'missing', 'shown_when']);
    expect(text.startsWith(`${BOM}variable,`)).toBe(true);
  });

  it('has one row per variable (empty code) and one per code, in column order', async () => {
    const book = buildCodebook(smallInstrument);
    const { rows } = await rowsOf(book);
    const expected = book.variables.flatMap((v) => [`${v.name}:`, ...v.values.map((value) => `${v.name}:${value.code}`)]);
    expect(rows.map((r) => `${r['variable']}:${r['code']}`)).toEqual(expected);
  });

  it('gives the question text in every language on the variable’s row, and labels on the code rows', async () => {
    const { rows } = await rowsOf();
    const own = rows.find((r) => r['variable'] === 'q_single' && r['code'] === '')!;
    for (const l of LANGUAGES) expect(own[`question_${l}`]).toBe(smallInstrument.questions[0]!.text[l]);
    const yes = rows.find((r) => r['variable'] === 'q_single' && r['code'] === '1')!;
    expect([yes['label_nb'], yes['label_en'], yes['missing']]).toEqual(["Ja, 'veldig'", "Yes, 'very'", '0']);
    // An option column's text is the question's short text and the option.
    expect(rows.find((r) => r['variable'] === 'q_multi_1' && r['code'] === '')!['question_en']).toBe('Devices: PC, tablet');
  });

  it('marks 8 and 9 missing and nothing else', async () => {
    const { rows } = await rowsOf();
    const missing = rows.filter((r) => r['missing'] === '1').map((r) => `${r['variable']}:${r['code']}`);
    expect(missing).toEqual(['q_single:8', 'q_single:9', 'q_routed:8']);
  });

  it('states the routing condition on the routed variable’s row only', async () => {
    const { rows } = await rowsOf();
    expect(rows.filter((r) => r['shown_when'] !== '').map((r) => [r['variable'], r['shown_when']])).toEqual([['q_routed', 'q_single = 1']]);
  });

  it('neutralises a text that would start a formula', async () => {
    const [first] = smallInstrument.questions;
    const formula = { nb: '=1+1', nn: '+47', en: '@SUM(A1)' };
    const { rows } = await rowsOf(buildCodebook({ ...smallInstrument, questions: [{ ...first!, text: formula }] }));
    const own = rows.find((r) => r['variable'] === 'q_single' && r['code'] === '')!;
    expect([own['question_nb'], own['question_nn'], own['question_en']]).toEqual(["'=1+1", "'+47", "'@SUM(A1)"]);
  });

  it('covers every code of every question of the real questionnaire', async () => {
    const { rows } = await rowsOf(buildCodebook(instrument));
    for (const q of instrument.questions.filter((q) => q.type === 'single')) {
      expect(rows.filter((r) => r['variable'] === q.id && r['code'] !== '').map((r) => Number(r['code']))).toEqual(q.options.map((o) => o.code));
    }
  });
});
