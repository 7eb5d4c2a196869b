// The data set as a table: the header, then one row of cells per response, in
// codes or in labels. The CSV and the XLSX sheets are both this table, so they
// cannot differ.
import type { Cell, Codebook, Variable } from '../survey/codebook.ts';
import type { ResponseRow } from '../survey/response-row.ts';
import type { Language } from '../survey/types.ts';

export type { Cell } from '../survey/codebook.ts';

/** = + - @ tab CR, as character codes: a look at one character is all a cell costs (a million rows, fifty cells). */
const FORMULA_STARTS: ReadonlySet<number> = new Set(['=', '+', '-', '@', '\t', '\r'].map((c) => c.charCodeAt(0)));

/**
 * Spreadsheet programs run a cell that starts with = + - @ tab or CR as a
 * formula (CSV injection, OWASP). A leading apostrophe makes it plain text.
 */
export function formulaSafe(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_STARTS.has(cell.charCodeAt(0)) ? `'${cell}` : cell;
}

export interface TableView {
  /** Answers to single-choice questions as labels in this language instead of codes. */
  readonly labels?: Language;
}

/**
 * In the labels view only question answers turn into labels, as the CSV always
 * did: 0/1 option columns stay numbers (a column sum is a count), and the codes of
 * language, mode and segment are words already.
 */
const labelledInView = (v: Variable): boolean => v.kind === 'question';

export function header(codebook: Codebook): string[] {
  return codebook.variables.map((v) => v.name);
}

/** One response's cells, in column order. */
export function cellsOf(codebook: Codebook, row: ResponseRow, view: TableView = {}): Cell[] {
  const { variables } = codebook;
  const language = view.labels;
  const cells = new Array<Cell>(variables.length);
  for (let i = 0; i < variables.length; i++) {
    const variable = variables[i]!;
    let value = variable.valueOf(row);
    if (language !== undefined && value !== null && labelledInView(variable)) {
      value = variable.values.find((v) => v.code === value)?.label[language] ?? value;
    }
    cells[i] = formulaSafe(value);
  }
  return cells;
}

/** The header, then the cells of each response, lazily: one row in, one row out. */
export function* tableRows(codebook: Codebook, rows: Iterable<ResponseRow>, view: TableView = {}): Generator<Cell[]> {
  yield header(codebook);
  for (const row of rows) yield cellsOf(codebook, row, view);
}
