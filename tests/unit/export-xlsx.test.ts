// The XLSX writer on its own: read back with exceljs, its data sheet is the codes
// CSV cell by cell (numbers as numbers), its labels sheet the labels CSV, its
// codebook sheet codebook.csv; each sheet has a frozen header and widths.
import { describe, expect, it } from 'vitest';
import { codebookRecords } from '../../server/export/codebook-csv.ts';
import { writeCsv } from '../../server/export/csv.ts';
import type { ExportInput } from '../../server/export/format.ts';
import { writeXlsx } from '../../server/export/xlsx.ts';
import { buildCodebook } from '../../server/survey/codebook.ts';
import type { ResponseRow } from '../../server/survey/response-row.ts';
import { asCsvText, bytesOf, csvRecords, readXlsx } from '../helpers/export-files.ts';
import { responseRow } from '../helpers/response-row.ts';
import { smallInstrument } from '../helpers/small-instrument.ts';

const codebook = buildCodebook(smallInstrument, { staffColumns: true });
const ROWS: ResponseRow[] = [
  responseRow({ responseId: 1, answers: { q_single: 1, q_multi: [1, 2], q_routed: 8 }, round: '=evil' }),
  responseRow({ responseId: 2, language: 'en', mode: 'paper', staffUserId: 5, paperFormNumber: '17', answers: { q_single: 9, q_multi: [3] } }),
  responseRow({ responseId: 3, answers: {} }),
];

function input(rows: readonly ResponseRow[], passes: { count: number } = { count: 0 }): ExportInput {
  return {
    codebook,
    rows: function* () {
      passes.count++;
      yield* rows;
    },
    language: 'nn',
    labels: false,
    now: new Date('2026-11-23T10:00:00Z'),
  };
}

const csvOf = async (view = {}) => csvRecords(await bytesOf(writeCsv(codebook, ROWS, view)));

describe('export.xlsx', async () => {
  const passes = { count: 0 };
  const sheets = await readXlsx(await bytesOf(writeXlsx(input(ROWS, passes))));

  it('has the sheets data, labels and codebook', () => {
    expect(Object.keys(sheets)).toEqual(['data', 'labels', 'codebook']);
  });

  it('has the codes CSV in its data sheet, cell by cell, numbers as numbers', async () => {
    const csv = await csvOf();
    expect(sheets['data']!.cells.map((row) => row.map(asCsvText))).toEqual(csv);
    const integers = codebook.variables.flatMap((v, i) => (v.type === 'integer' ? [i] : []));
    for (const row of sheets['data']!.cells.slice(1)) {
      for (const i of integers) expect(row[i] === null || typeof row[i] === 'number', codebook.variables[i]!.name).toBe(true);
    }
    // A number kept as text stays text: the paper form number is not a count.
    expect(sheets['data']!.cells[2]![codebook.variables.findIndex((v) => v.name === 'paper_form_number')]).toBe('17');
  });

  it('has the labels CSV in the language asked for in its labels sheet', async () => {
    expect(sheets['labels']!.cells.map((row) => row.map(asCsvText))).toEqual(await csvOf({ labels: 'nn' }));
    expect(sheets['labels']!.cells[1]![codebook.variables.findIndex((v) => v.name === 'q_single')]).toBe("Ja, 'veldig'");
  });

  it('has codebook.csv in its codebook sheet', () => {
    const expected = codebookRecords(codebook).map((row) => row.map((cell) => (cell === '' ? null : cell)));
    expect(sheets['codebook']!.cells).toEqual(expected);
  });

  it('freezes the header row and sets column widths on every sheet', () => {
    for (const sheet of Object.values(sheets)) {
      expect(sheet.frozenRows).toBe(1);
      for (const width of sheet.widths) expect(width).toBeGreaterThanOrEqual(8);
    }
    const labelsWidth = sheets['labels']!.widths[codebook.variables.findIndex((v) => v.name === 'q_single')]!;
    expect(labelsWidth).toBeGreaterThan(sheets['data']!.widths[codebook.variables.findIndex((v) => v.name === 'q_single')]!);
  });

  it('reads the responses twice, once per sheet, and keeps none', () => {
    expect(passes.count).toBe(2);
  });

  it('stops making rows while the download does not take them, and closes the pass when it stops', async () => {
    let read = 0;
    let closed = false;
    const many: ExportInput = {
      ...input([]),
      rows: function* () {
        try {
          for (let i = 1; i <= 100_000; i++) {
            read++;
            yield responseRow({ responseId: i });
          }
        } finally {
          closed = true;
        }
      },
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const chunks = writeXlsx(many)[Symbol.asyncIterator]();
    for (let i = 0; i < 3; i++) await chunks.next();
    await pause(300);
    const waiting = read;
    await pause(300);
    // Memory stays flat: nothing more is made until the reader asks.
    expect(read).toBe(waiting);
    expect(waiting).toBeLessThan(100_000);
    await chunks.return?.();
    await pause(50);
    expect(closed).toBe(true);
  });
});
