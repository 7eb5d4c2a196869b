// What the report page shows, from a Report (server/analysis/report.ts): each
// table's cells as text in the reader's language, its base in words, the
// study's figures with a sentence on how the round stands to them, and an SVG
// bar chart's geometry. Pure: views/admin/report.ejs only prints this.
import { columnsFor, SKILL_GROUPS, type Column, type Figure, type Report, type ReportTable } from '../../analysis/report.ts';
import { compare, REFERENCE_SOURCE } from '../../analysis/reference.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { Language } from '../../survey/types.ts';

/** Locales for number formats: the decimal comma in Norwegian. */
const LOCALE: Readonly<Record<Language, string>> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

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
  readonly y: number;
  /** The bar's height: room for its label's lines. */
  readonly height: number;
  /** The interval is drawn just under its bar, where nothing hides it. */
  readonly whiskerY: number;
  /** The group's name (alle, a segment, a mode), in lines beside the bar. */
  readonly labelLines: readonly { readonly y: number; readonly text: string }[];
  readonly width: number;
  readonly low: number;
  readonly high: number;
  readonly value: string;
  readonly valueX: number;
  readonly pattern: number;
  readonly hidden: boolean;
}

export interface ChartGroup {
  /** The answer's label, broken into lines that fit. */
  readonly lines: readonly { readonly y: number; readonly text: string }[];
  readonly bars: readonly ChartBar[];
}

export interface Chart {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly plotX: number;
  readonly plotWidth: number;
  readonly title: string;
  readonly description: string;
  readonly groups: readonly ChartGroup[];
  /** Gridlines at 0, 25, 50, 75 and 100 %. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  readonly axisY: number;
}

export interface TableView {
  readonly id: string;
  readonly anchor: string;
  readonly title: string;
  readonly question: string | null;
  readonly shown: boolean;
  readonly baseText: string;
  readonly baseCounts: string;
  readonly columns: readonly { readonly label: string; readonly lang?: Language }[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly CellView[] }[];
  readonly hidesCells: boolean;
  readonly references: readonly string[];
  readonly chart: Chart | null;
  readonly effectiveSize: string | null;
}

/** SVG layout, in user units: the chart is drawn 320 wide, the narrowest phone, and scales up to its box. */
const CHART = { width: 320, labelWidth: 108, valueWidth: 44, barHeight: 14, barGap: 9, lineHeight: 14, labelLineHeight: 11, groupGap: 8, top: 4, axis: 20 };
/** Characters per line of an answer's label (11 units) and of a group's name beside its bar (10 units). */
const GROUP_CHARS = 50;
const LABEL_CHARS = 20;

/** Chart coordinates to a tenth of a unit: finer is invisible and only makes the page longer. */
const round = (value: number): number => Math.round(value * 10) / 10;

/** Machine-readable values to six decimals, as report.csv has them. */
const exact = (value: number): number => Number(value.toFixed(6));

/** Breaks a label into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

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
  const plotX = CHART.labelWidth;
  const plotWidth = CHART.width - CHART.labelWidth - CHART.valueWidth;
  let y = CHART.top;
  const groups: ChartGroup[] = table.rows.map((row, r) => {
    const lines = wrap(row.label[lang], GROUP_CHARS).map((text) => {
      y += CHART.lineHeight;
      return { y: y - 3, text };
    });
    y += 2;
    const bars = columns.map((column, c): ChartBar => {
      const cell = column.cells[r]!;
      const labels = wrap(column.label[lang], LABEL_CHARS);
      const height = Math.max(CHART.barHeight, labels.length * CHART.labelLineHeight + 3);
      const barY = y;
      y += height + CHART.barGap;
      const visible = !cell.hidden && cell.share !== null;
      const share = visible ? cell.share! : 0;
      const low = visible ? cell.interval!.low : 0;
      const high = visible ? cell.interval!.high : 0;
      return {
        y: barY,
        height,
        whiskerY: round(barY + height + 4),
        labelLines: labels.map((text, i) => ({ y: barY + (i + 1) * CHART.labelLineHeight - 1, text })),
        width: round(share * plotWidth),
        low: round(plotX + low * plotWidth),
        high: round(plotX + high * plotWidth),
        value: visible ? formats.percent(share) : cell.hidden ? t('report.hidden') : '–',
        valueX: round(plotX + share * plotWidth + 3),
        pattern: c,
        hidden: !visible,
      };
    });
    y += CHART.groupGap;
    return { lines, bars };
  });
  const axisY = y;
  return {
    id: `chart-${view}-${table.id}`,
    width: CHART.width,
    height: axisY + CHART.axis,
    plotX,
    plotWidth,
    title: table.title[lang],
    description: t('report.chartDescription', { columns: columns.map((c) => c.label[lang]).join(', ') }),
    groups,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((share) => ({ x: round(plotX + share * plotWidth), label: formats.percent(share) })),
    axisY,
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
    hidesCells: table.hidesCells,
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
