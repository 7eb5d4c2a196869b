// export.xlsx (shared/contract.md, "Exports"): the sheets `data` (the CSV's
// cells, numbers as numbers), `labels` (the same in labels) and `codebook`
// (codebook.csv's rows). Written with exceljs's streaming writer, one row
// committed at a time, so the workbook is never held in memory.
import { PassThrough, Readable, type Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Cell, Codebook, Variable } from '../survey/codebook.ts';
import type { Language } from '../survey/types.ts';
import { tableRows } from './cells.ts';
import { codebookRecords } from './codebook-csv.ts';
import type { ExportInput } from './format.ts';

/**
 * exceljs writes into its zip without waiting for it, so the writer waits
 * itself: every so many rows it lets the zip catch up, and while the zip or the
 * download does not take the bytes it stops. Memory then stays flat however
 * many rows.
 */
const ROWS_BETWEEN_PAUSES = 200;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Room for the column name, and in the labels view for the longest label (capped: question texts are long). */
function columnWidth(variable: Variable, language: Language | undefined): number {
  const labels = language && variable.kind === 'question' ? variable.values.map((v) => v.label[language].length) : [];
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, variable.name.length + 2, ...labels));
}

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

/**
 * Where a sheet's bytes wait for the zip. exceljs (4.4) writes a sheet through a
 * buffer of its own into streams that take whatever they are given, ignoring
 * their back-pressure; those streams are the buffer's `pipes`, which its types
 * do not show.
 */
function zipIntake(sheet: Sheet): Writable[] {
  const buffer = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream;
  return buffer?.pipes ?? [];
}

/**
 * Whether a stream holds more than it wants. exceljs's zip is built on the older
 * readable-stream package, whose streams know only `_writableState.needDrain`.
 */
function backedUp(stream: Writable): boolean {
  const legacy = (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
  return (stream.writableNeedDrain ?? legacy?.needDrain ?? false) && !stream.destroyed;
}

/** Resolves when `full` has drained, or the download is gone. */
function drainedOrClosed(full: Writable, out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      full.off('drain', done);
      out.off('close', done);
      resolve();
    };
    full.on('drain', done);
    out.on('close', done);
  });
}

/** Waits until the zip and the download have taken what was written (or the download was stopped). */
async function roomIn(sheet: Sheet, out: Writable): Promise<void> {
  await nextTurn();
  for (;;) {
    const full = [out, ...zipIntake(sheet)].find(backedUp);
    if (!full || out.destroyed) return;
    await drainedOrClosed(full, out);
  }
}

/** Writes records into a sheet row by row; false when the download was stopped on the way. */
async function fill(sheet: Sheet, records: Iterable<readonly Cell[]>, out: Writable): Promise<boolean> {
  let count = 0;
  for (const record of records) {
    sheet.addRow(record).commit();
    if (++count % ROWS_BETWEEN_PAUSES === 0) {
      await roomIn(sheet, out);
      // Leaving the loop closes the pass over the database.
      if (out.destroyed) return false;
    }
  }
  sheet.commit();
  return true;
}

async function writeWorkbook(input: ExportInput, out: Writable): Promise<void> {
  const { codebook, language } = input;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.created = input.now;
  workbook.modified = input.now;
  const frozenHeader = { views: [{ state: 'frozen' as const, ySplit: 1 }] };

  const sheet = (name: string, widths: number[]): Sheet => {
    const added = workbook.addWorksheet(name, frozenHeader);
    added.columns = widths.map((width) => ({ width }));
    return added;
  };
  const widths = (view: Language | undefined) => codebook.variables.map((v) => columnWidth(v, view));

  if (!(await fill(sheet('data', widths(undefined)), tableRows(codebook, input.rows()), out))) return;
  if (!(await fill(sheet('labels', widths(language)), tableRows(codebook, input.rows(), { labels: language }), out))) return;
  const codebookSheet = codebookRecords(codebook);
  const codebookWidths = codebookSheet[0]!.map((_, column) =>
    Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...codebookSheet.map((r) => String(r[column] ?? '').length))),
  );
  if (!(await fill(sheet('codebook', codebookWidths), codebookSheet, out))) return;
  await workbook.commit();
}

/** The workbook as a stream; nothing is read from the database until the stream is. */
export function writeXlsx(input: ExportInput): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    const out = new PassThrough();
    const writing = writeWorkbook(input, out).catch((err: unknown) => {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    yield* out;
    await writing;
  }
  return Readable.from(bytes());
}

