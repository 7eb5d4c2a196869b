// What the report page shows, from a Report (server/analysis/report.ts): each
// table's cells as text in the reader's language, its base in words, the
// study's figures with a sentence on how the round stands to them, and the
// bars of its chart. Pure: views/admin/report.ejs only prints this.
import { columnsFor, SKILL_GROUPS, type Column, type Figure, type Report, type ReportTable } from '../../analysis/report.ts';
import { compare, REFERENCE_SOURCE } from '../../analysis/reference.ts';
import { MARGIN_QUESTIONS, WEIGHT_CAP, type Weighting } from '../../analysis/weights.ts';
import type { Translate } from '../../i18n/messages.ts';
import { LOCALE } from '../dates.ts';
import type { Language, Question } from '../../survey/types.ts';

export interface NumberFormats {
  readonly percent: (share: number) => string;
  /** A share as a number of percent, without the sign: an interval's ends. */
  readonly points: (share: number) => string;
  readonly count: (n: number) => string;
}

export function numberFormats(lang: Language): NumberFormats {
  const percent = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 });
  return { percent: (share) => percent.format(share), points: (share) => count.format(share * 100), count: (n) => count.format(n) };
}

export interface CellView {
  readonly hidden: boolean;
  /** Machine-readable values for <data value>: fractions and counts as the analysis has them. */
  readonly share?: number;
  readonly low?: number;
  readonly high?: number;
  readonly n?: number;
  readonly shareText?: string;
  readonly intervalText?: string;
  readonly countText?: string;
}

export interface ChartBar {
  /** The group's name (alle, a segment, a mode), beside the bar. */
  readonly label: string;
  /** Fractions 0–1 of the plot: the bar's length and its interval. */
  readonly share: number;
  readonly low: number;
  readonly high: number;
  readonly value: string;
  /** Which fill (views/partials/chart-patterns.ejs): the column's place, so a group looks the same in every answer. */
  readonly pattern: number;
  readonly hidden: boolean;
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly groups: ReadonlyArray<{ readonly answer: string; readonly bars: readonly ChartBar[] }>;
  /** The scale's ends, 0 % and 100 %. */
  readonly scale: readonly [string, string];
}

export interface TableView {
  readonly id: string;
  readonly anchor: string;
  readonly title: string;
  readonly question: string | null;
  readonly shown: boolean;
  readonly baseText: string;
  readonly baseCounts: string;
  readonly columns: readonly { readonly label: string }[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly CellView[] }[];
  /** Whether a cell of the columns shown is hidden: the page then says why. */
  readonly hidesCells: boolean;
  readonly references: readonly string[];
  readonly chart: Chart | null;
  readonly effectiveSize: string | null;
}

/** Machine-readable values to six decimals, as report.csv has them. */
const exact = (value: number): number => Number(value.toFixed(6));

function cellView(cell: Figure, weighted: boolean, formats: NumberFormats, t: Translate): CellView {
  if (cell.hidden || cell.share === null) return { hidden: cell.hidden };
  const interval = cell.interval!;
  return {
    hidden: false,
    share: exact(cell.share),
    low: exact(interval.low),
    high: exact(interval.high),
    n: weighted ? exact(cell.weighted) : cell.n,
    shareText: formats.percent(cell.share),
    intervalText: t('report.interval', { low: formats.points(interval.low), high: formats.points(interval.high) }),
    countText: t(weighted ? 'report.weightedCount' : 'report.count', { n: formats.count(weighted ? cell.weighted : cell.n) }),
  };
}

function chartOf(table: ReportTable, columns: readonly Column[], view: string, lang: Language, t: Translate, formats: NumberFormats): Chart {
  return {
    id: `chart-${view}-${table.id}`,
    title: table.title[lang],
    description: t('report.chartDescription', { columns: columns.map((c) => c.label[lang]).join(', ') }),
    groups: table.rows.map((row, r) => ({
      answer: row.label[lang],
      bars: columns.map((column, c): ChartBar => {
        const cell = column.cells[r]!;
        const visible = !cell.hidden && cell.share !== null && cell.interval !== null;
        return {
          label: column.label[lang],
          share: visible ? exact(cell.share!) : 0,
          low: visible ? exact(cell.interval!.low) : 0,
          high: visible ? exact(cell.interval!.high) : 0,
          value: visible ? formats.percent(cell.share!) : cell.hidden ? t('report.hidden') : '–',
          pattern: c,
          hidden: !visible,
        };
      }),
    })),
    scale: [formats.percent(0), formats.percent(1)],
  };
}

/** The sentences comparing the round with the study, for the columns shown. */
function referenceLines(table: ReportTable, columns: readonly Column[], lang: Language, t: Translate, formats: NumberFormats): string[] {
  const lines: string[] = [];
  table.rows.forEach((row, r) => {
    for (const reference of row.references) {
      const column = columns.find((c) => c.value === reference.column && (c.split === null || c.split === 'segment'));
      if (!column) continue;
      const cell = column.cells[r]!;
      const study =
        reference.high === undefined
          ? formats.percent(reference.share)
          : t('report.interval', { low: formats.points(reference.share), high: formats.points(reference.high) });
      const what = { group: column.label[lang], answer: row.label[lang], study };
      if (!table.shown || cell.hidden || cell.interval === null || cell.share === null) {
        lines.push(t('report.referenceHidden', what));
        continue;
      }
      const verdict = compare(reference, cell.interval);
      lines.push(
        t('report.reference', {
          ...what,
          round: formats.percent(cell.share),
          interval: t('report.interval', { low: formats.points(cell.interval.low), high: formats.points(cell.interval.high) }),
        }) +
          ' ' +
          t(verdict === 'within' ? 'report.referenceWithin' : verdict === 'above' ? 'report.referenceAbove' : 'report.referenceBelow'),
      );
    }
  });
  return lines;
}

export type BaseKind = 'question' | 'multi' | 'respondents' | 'mode';

export function tableView(
  table: ReportTable,
  options: { view: 'segment' | 'mode'; base: BaseKind; weighted: boolean; lang: Language; t: Translate; chart: boolean },
): TableView {
  const { lang, t, weighted } = options;
  const formats = numberFormats(lang);
  const columns = columnsFor(table, options.view);
  const baseCounts = columns
    .map((column) =>
      t('report.baseCount', {
        group: column.label[lang],
        n: column.base.hidden ? t('report.hidden').toLowerCase() : formats.count(weighted ? column.base.weighted : column.base.n),
      }),
    )
    .join(', ');
  const shownBases = columns.filter((column) => !column.base.hidden);
  return {
    id: table.id,
    anchor: `${options.view}-${table.id}`,
    title: table.title[lang],
    question: table.question ? table.question.text[lang] : null,
    shown: table.shown,
    baseText: t(BASE_TEXT[table.kind === 'multi' && options.base === 'question' ? 'multi' : options.base]),
    baseCounts: t('report.baseCounts', { counts: baseCounts }),
    columns: columns.map((column) => ({ label: column.label[lang] })),
    rows: table.rows.map((row, r) => ({
      label: row.label[lang],
      cells: columns.map((column) => cellView(column.cells[r]!, weighted, formats, t)),
    })),
    hidesCells: table.shown && columns.some((column) => column.cells.some((cell) => cell.hidden)),
    references: options.view === 'segment' ? referenceLines(table, columns, lang, t, formats) : [],
    chart: options.chart && table.shown ? chartOf(table, columns, options.view, lang, t, formats) : null,
    effectiveSize:
      weighted && shownBases.length > 0
        ? t('report.effectiveSize', {
            sizes: shownBases.map((c) => t('report.baseCount', { group: c.label[lang], n: formats.count(c.base.nEff) })).join(', '),
          })
        : null,
  };
}

const BASE_TEXT = {
  question: 'report.baseQuestion',
  multi: 'report.baseMulti',
  respondents: 'report.baseRespondents',
  mode: 'report.baseMode',
} as const;

export interface ReportPageView {
  readonly segmentTables: readonly TableView[];
  readonly modeTables: readonly TableView[];
  readonly questionTables: readonly TableView[];
  readonly source: string;
}

export function reportPageView(report: Report, lang: Language, t: Translate): ReportPageView {
  const common = { weighted: report.weighted, lang, t, chart: true };
  // skill_self is shown grouped there (skill_group), as the study reports it.
  const modeQuestions = report.questions.filter((table) => table.id !== SKILL_GROUPS.question && table.columns.some((column) => column.split === 'mode'));
  return {
    segmentTables: [
      tableView(report.segment, { ...common, view: 'segment', base: 'respondents' }),
      tableView(report.criteria, { ...common, view: 'segment', base: 'respondents', chart: false }),
    ],
    modeTables: [
      tableView(report.reach, { ...common, view: 'mode', base: 'mode' }),
      ...modeQuestions.map((table) => tableView(table, { ...common, view: 'mode', base: 'question' })),
    ],
    questionTables: report.questions.map((table) => tableView(table, { ...common, view: 'segment', base: 'question' })),
    source: REFERENCE_SOURCE[lang],
  };
}

/** What the page says about how the weights came out: what raking could not do, and whom it left as they were. */
export function weightingNotes(weighting: Weighting, marginQuestions: readonly Question[], lang: Language, t: Translate): string[] {
  const { count } = numberFormats(lang);
  const question = (id: string): Question => marginQuestions.find((q) => q.id === id)!;
  return [
    ...(weighting.converged ? [] : [t('report.notConverged')]),
    ...(weighting.trimmed > 0 ? [t('report.trimmed', { n: count(weighting.trimmed), cap: WEIGHT_CAP })] : []),
    ...MARGIN_QUESTIONS.filter((q) => weighting.unweighted[q] > 0).map((q) =>
      t('report.unweightedRespondents', { n: count(weighting.unweighted[q]), question: question(q).short[lang].toLowerCase() }),
    ),
    ...weighting.missingGroups.map((g) =>
      t('report.missingGroup', { group: question(g.question).options.find((o) => o.code === g.code)!.label[lang] }),
    ),
  ];
}
