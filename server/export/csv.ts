// The CSV export (shared/contract.md, "Exports"): RFC 4180, UTF-8, CRLF, a
// header row, one row per response, codes by default or labels, streamed.
//
// Written by hand rather than with csv-stringify: the contract's quoting needs a
// dozen lines, and a million responses of about fifty cells must be written in
// seconds. csv-stringify passes each field through its option machinery (casts,
// formula checks, several scans for separators) and pushes one record at a
// time through a Transform; here a cell is one typeof and one regexp test, and
// lines are joined into chunks of about 64 KB before they reach the stream.
import { Readable } from 'node:stream';
import type { Codebook } from '../survey/codebook.ts';
import type { ResponseRow } from '../survey/response-row.ts';
import { tableRows, type Cell, type TableView } from './cells.ts';

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
/** Big enough to make few, cheap writes; small enough that memory does not notice. */
const CHUNK_CHARS = 64 * 1024;
/** Makes Excel on Windows read the file as UTF-8 («67–79 år»); scripts read the codes file, which has none. */
export const BOM = '\uFEFF';

/** One field: empty for null, quoted only when it holds a quote, comma or line break. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(QUOTE, '""')}"` : cell;
}

/** One record with its CRLF. */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvField(cells[i]!);
  return line + '\r\n';
}

/** Records as CSV text in chunks of about CHUNK_CHARS. */
export function* csvChunks(records: Iterable<readonly Cell[]>, prefix = ''): Generator<string> {
  let chunk = prefix;
  for (const record of records) {
    chunk += csvLine(record);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The data set as CSV: codes, or labels in a language (then with a BOM). Reading starts the pass over the rows. */
export function writeCsv(codebook: Codebook, rows: Iterable<ResponseRow>, view: TableView = {}): Readable {
  return Readable.from(csvChunks(tableRows(codebook, rows, view), view.labels ? BOM : ''));
}
