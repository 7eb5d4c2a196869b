// The CSV export (shared/contract.md, "Exports"): one row per response, codes by
// default, columns from the codebook, streamed row by row from the database.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ExportRow } from '../../db/responses.ts';
import { answerVariables, exportHeader, optionLabel, variableValue } from '../survey/codebook.ts';
import type { Answers, AnswerValue, Instrument, Language } from '../survey/types.ts';

export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheet programs run a cell that starts with = + - @ tab or CR as a
 * formula (CSV injection, OWASP). A leading apostrophe makes it plain text.
 */
export function formulaSafe(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Rebuilds answers from the export query's "question:code,…" list. */
export function answersFromCodes(instrument: Instrument, codes: string | null): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (const pair of codes ? codes.split(',') : []) {
    const [id = '', raw = ''] = pair.split(':');
    const question = instrument.questions.find((q) => q.id === id);
    const code = Number(raw);
    if (!question || !Number.isInteger(code)) continue;
    const before = answers[id];
    answers[id] = question.type === 'single' ? code : [...(Array.isArray(before) ? before : []), code];
  }
  return answers;
}

export interface CsvOptions {
  /** Write single-choice answers as labels in this language instead of codes. */
  readonly labels?: Language;
  /** Add the staff columns (codebook STAFF_COLUMNS) at the end. */
  readonly staffColumns?: boolean;
}

/** Header and data records, lazily: one database row in, one record out. */
export function* csvRecords(instrument: Instrument, rows: Iterable<ExportRow>, options: CsvOptions = {}): Generator<Cell[]> {
  const variables = answerVariables(instrument);
  yield exportHeader(instrument, options);
  for (const row of rows) {
    const answers = answersFromCodes(instrument, row.codes);
    const answerCells = variables.map((v): Cell => {
      const value = variableValue(v, answers);
      if (value === null || !options.labels || v.optionCode !== undefined) return value;
      return optionLabel(v.question, value, options.labels) ?? value;
    });
    yield [
      row.response_id,
      row.round,
      row.language,
      row.mode,
      row.shared_device,
      row.submitted_date,
      row.instrument_version,
      ...answerCells,
      row.segment,
      row.segment_reasons,
      row.svart_sarbar,
      row.rule_version,
      ...(options.staffColumns ? [row.staff_user_id, row.paper_form_number] : []),
    ].map(formulaSafe);
  }
}

/** Writes records as RFC 4180 CSV (CRLF line ends, quotes only where needed). Resolves when done. */
export async function writeCsv(records: Iterable<Cell[]>, out: Writable): Promise<void> {
  await pipeline(Readable.from(records), stringify({ record_delimiter: 'windows', cast: { number: String } }), out);
}
