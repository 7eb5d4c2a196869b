// Reading back what the export writers make: a stream's bytes, CSV text as
// records, and an XLSX workbook as sheets of cells.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** CSV text as records of strings (a byte order mark, if any, is not part of the first name). */
export const csvRecords = (text: string | Buffer): string[][] => parse(text, { bom: true, relax_column_count: false }) as string[][];

const EXCELJS_DEFAULT_WIDTH = 9;

export type XlsxCell = string | number | null;

export interface XlsxSheet {
  readonly cells: XlsxCell[][];
  readonly frozenRows: number;
  readonly widths: number[];
}

/** Every sheet of a workbook by name, each as rows of cells (empty cells null). */
export async function readXlsx(bytes: Buffer): Promise<Record<string, XlsxSheet>> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's types declare a Buffer of their own; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheets: Record<string, XlsxSheet> = {};
  workbook.eachSheet((sheet) => {
    const columns = sheet.getRow(1).cellCount;
    const cells: XlsxCell[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      cells.push(Array.from({ length: columns }, (_, c) => (row.getCell(c + 1).value as XlsxCell | undefined) ?? null));
    }
    const view = sheet.views[0] as { ySplit?: number } | undefined;
    sheets[sheet.name] = {
      cells,
      frozenRows: view?.ySplit ?? 0,
      // exceljs leaves out a width equal to its default (9) when it writes, and reads that back as none.
      widths: Array.from({ length: columns }, (_, c) => sheet.getColumn(c + 1).width ?? EXCELJS_DEFAULT_WIDTH),
    };
  });
  return sheets;
}

/** An XLSX cell as the CSV writes it: numbers as digits, empty as nothing. */
export const asCsvText = (cell: XlsxCell): string => (cell === null ? '' : String(cell));
