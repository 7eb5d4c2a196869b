// report.csv (shared/contract.md, "Exports"): the report's tables in long
// form, one record per table, segment and answer. Shares and interval bounds
// are fractions of the segment's base; a hidden cell has `suppressed` 1 and
// no numbers. Weighted, `n` is the weighted count and `n_eff` (Kish) follows.
import type { Report, ReportTable } from '../analysis/report.ts';
import type { Language } from '../survey/types.ts';
import { csvChunks } from './csv.ts';
import type { Cell } from './cells.ts';

/** Its name under the round's address (shared/contract.md). */
export const REPORT_CSV_FILE = 'report.csv';

export const REPORT_COLUMNS = ['table', 'segment', 'code', 'label', 'n', 'share', 'ci_low', 'ci_high', 'suppressed'] as const;
export const WEIGHTED_COLUMNS = [...REPORT_COLUMNS, 'n_eff'] as const;

/** The tables in the file, in order; the contract's (segment, skill_group, …, mode) among them. */
export const reportCsvTables = (report: Report): readonly ReportTable[] => [
  report.segment,
  report.criteria,
  ...report.questions,
  report.mode,
  report.sharedDevice,
];

/** Six decimals: more than any interval here can tell apart. */
const fraction = (value: number | null | undefined): Cell => (value === null || value === undefined ? null : Number(value.toFixed(6)));

export function* reportRecords(report: Report, language: Language): Generator<readonly Cell[]> {
  yield report.weighted ? WEIGHTED_COLUMNS : REPORT_COLUMNS;
  for (const table of reportCsvTables(report)) {
    for (const column of table.columns) {
      // The file's `segment` column: «alle» and the segments, as the contract names them.
      if (column.split !== null && column.split !== 'segment') continue;
      for (const [r, row] of table.rows.entries()) {
        const cell = column.cells[r]!;
        const head: Cell[] = [table.id, column.value, row.code, row.label[language]];
        if (cell.hidden || !table.shown) {
          head.push(null, null, null, null, 1);
          if (report.weighted) head.push(null);
        } else {
          head.push(report.weighted ? fraction(cell.weighted) : cell.n, fraction(cell.share), fraction(cell.interval?.low), fraction(cell.interval?.high), 0);
          if (report.weighted) head.push(fraction(column.base.nEff));
        }
        yield head;
      }
    }
  }
}


export const reportCsv = (report: Report, language: Language): Iterable<string> => csvChunks(reportRecords(report, language));
