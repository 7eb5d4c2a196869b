// The report's tables (issue 14, point 2), from counts (tally.ts) to what is
// shown: per table and column the count, the share of the column's base, its
// Wilson interval and whether it is hidden for small counts. Weighted or not,
// with the same code: unweighted is every weight 1. Pure: the page, the
// charts and report.csv all read the Report this builds.
import { CRITERIA, SEGMENTS, type Segment } from '../survey/classify.ts';
import { MODE_LABELS, SEGMENT_LABELS } from '../survey/codebook.ts';
import { MODES, PREFER_NOT_TO_SAY, type Instrument, type Question, type Text } from '../survey/types.ts';
import { REFERENCE_FIGURES, type ReferenceFigure } from './reference.ts';
import { isSmall, suppress, type Relation } from './suppression.ts';
import { ANSWERED, type AnswerCount, type RespondentCount, type Tally } from './tally.ts';
import { kish, type MarginQuestion } from './weights.ts';
import { wilson, type Interval } from './wilson.ts';

/** The groups a table's columns can split respondents by, beside «alle». */
export type Split = 'segment' | 'mode' | 'shared_device';

export const ALL = 'alle';

const SPLIT_VALUES: Readonly<Record<Split, readonly string[]>> = {
  segment: SEGMENTS,
  mode: MODES,
  shared_device: ['0', '1'],
};

const SHARED_DEVICE_LABELS: Readonly<Record<string, Text>> = {
  '0': { nb: 'Egen maskin', nn: 'Eiga maskin', en: 'Own device' },
  '1': { nb: 'Delt maskin', nn: 'Delt maskin', en: 'Shared computer' },
};

const ALL_LABEL: Text = { nb: 'Alle', nn: 'Alle', en: 'All' };

/** How the report groups skill_self (shared/instrument.md): the study's «under middels / middels / over middels gode». */
export const SKILL_GROUPS = {
  table: 'skill_group',
  question: 'skill_self',
  groups: [
    { code: 'under', codes: [1, 2], label: { nb: 'Under middels gode', nn: 'Under middels gode', en: 'Below average' } },
    { code: 'middels', codes: [3], label: { nb: 'Middels gode', nn: 'Middels gode', en: 'Average' } },
    { code: 'over', codes: [4, 5], label: { nb: 'Over middels gode', nn: 'Over middels gode', en: 'Above average' } },
  ],
} as const;

const SKILL_GROUP_TITLE: Text = {
  nb: 'Digitale ferdigheter, gruppert',
  nn: 'Digitale ferdigheiter, grupperte',
  en: 'Digital skills, grouped',
};

/** Questions shown by mode and shared device too (the mode view), in this order. */
export const MODE_VIEW_QUESTIONS: readonly string[] = [SKILL_GROUPS.question, 'agree_easy', 'channel_pref'];

const TABLE_TITLES = {
  segment: { nb: 'Hvem som svarte: utsatt, øvrig befolkning og ukjent', nn: 'Kven som svarte: utsett, resten av befolkninga og ukjend', en: 'Who answered: at risk, rest of the population and unknown' },
  criteria: { nb: 'Kriteriene for «utsatt», og svært sårbare', nn: 'Kriteria for «utsett», og svært sårbare', en: 'The criteria for «at risk», and the highly vulnerable' },
  mode: { nb: 'Hvordan de svarte', nn: 'Korleis dei svarte', en: 'How they answered' },
  shared_device: { nb: 'Svarte på en maskin som flere bruker', nn: 'Svarte på ei maskin som fleire bruker', en: 'Answered on a shared computer' },
  reach: { nb: 'Hvem hver svarmåte nådde', nn: 'Kven kvar svarmåte nådde', en: 'Whom each way of answering reached' },
} as const satisfies Record<string, Text>;

const CRITERION_LABELS: Readonly<Record<string, Text>> = {
  age: { nb: 'Over 67 år', nn: 'Over 67 år', en: 'Over 67' },
  income: { nb: 'Inntekt inntil 500 000 kr og ikke student', nn: 'Inntekt inntil 500 000 kr og ikkje student', en: 'Income up to NOK 500,000, not a student' },
  labour: { nb: 'Utenfor arbeidsstyrken', nn: 'Utanfor arbeidsstyrken', en: 'Outside the labour force' },
  svart_sarbar: { nb: 'Svært sårbar (utsatt og dårlige digitale ferdigheter)', nn: 'Svært sårbar (utsett og dårlege digitale ferdigheiter)', en: 'Highly vulnerable (at risk, poor digital skills)' },
};

/** One number of a table: a count and its share of the column's base. */
export interface Figure {
  /** Respondents: what suppression looks at. */
  readonly n: number;
  /** The sum of their weights: `n` when unweighted. */
  readonly weighted: number;
  /** The sum of their squared weights, for Kish's effective size. */
  readonly squares: number;
  readonly share: number | null;
  readonly interval: Interval | null;
  /** Hidden for small counts: its numbers are not shown anywhere. */
  readonly hidden: boolean;
}

export interface Base extends Omit<Figure, 'share' | 'interval'> {
  /** Kish's effective sample size: `n` when unweighted. The intervals use it. */
  readonly nEff: number;
}

export interface Column {
  /** Unique within its table. */
  readonly key: string;
  readonly split: Split | null;
  /** `alle`, a segment, a mode or 0/1 for shared device: report.csv's `segment` column for segment splits. */
  readonly value: string;
  readonly label: Text;
  readonly base: Base;
  readonly cells: readonly Figure[];
}

export interface Row {
  readonly code: number | string;
  readonly label: Text;
  /** The study's figures for this row, by column value. */
  readonly references: readonly ReferenceFigure[];
}

export interface ReportTable {
  readonly id: string;
  readonly title: Text;
  /** The question's full text, for question tables. */
  readonly question?: Question;
  /** Multi-select: each row's share is of everyone in the base, so rows add up to more than 100 %. */
  readonly kind: 'single' | 'multi';
  readonly rows: readonly Row[];
  readonly columns: readonly Column[];
  /** False when its base is below the threshold: no number of it is shown. */
  readonly shown: boolean;
}

export interface Report {
  readonly minCell: number;
  readonly weighted: boolean;
  /** Respondents counted (classified under the rule in use). */
  readonly respondents: number;
  /** False when the respondents are fewer than the threshold: no table is shown. */
  readonly shown: boolean;
  readonly segment: ReportTable;
  readonly criteria: ReportTable;
  readonly mode: ReportTable;
  readonly sharedDevice: ReportTable;
  /** The mode and shared-device tables turned round: for each way of answering, who it reached. */
  readonly reach: ReportTable;
  /** skill_group, then every single- and multi-select question in the questionnaire's order. */
  readonly questions: readonly ReportTable[];
}

export interface ReportOptions {
  readonly minCell: number;
  /** A respondent's weight from their margin codes; absent: unweighted. */
  readonly weightOf?: (margins: Readonly<Record<MarginQuestion, number>>) => number;
}

/**
 * Which cell a row hides first when it needs another: across the segments the
 * unknown group, then «alle», keeping utsatt and øvrige in view; across modes
 * or devices the smallest group, keeping «alle» in view.
 */
const segmentRank = (cell: string): number => (cell.startsWith('ukjent|') ? 0 : cell.startsWith(`${ALL}|`) ? 1 : 2);
const groupRank = (total: string) => (cell: string): number => (cell === total ? 1 : 0);
const rankFor = (split: Split, total: string) => (split === 'segment' ? segmentRank : groupRank(total));

interface ColumnSpec {
  readonly key: string;
  readonly split: Split | null;
  readonly value: string;
  readonly label: Text;
}

const splitLabel = (split: Split, value: string): Text =>
  split === 'segment' ? SEGMENT_LABELS[value as Segment] : split === 'mode' ? MODE_LABELS[value as (typeof MODES)[number]] : SHARED_DEVICE_LABELS[value]!;

const columnKey = (split: Split, value: string): string => (split === 'segment' ? value : `${split}:${value}`);

function columnSpecs(splits: readonly Split[]): ColumnSpec[] {
  return [
    { key: ALL, split: null, value: ALL, label: ALL_LABEL },
    ...splits.flatMap((split) => SPLIT_VALUES[split].map((value) => ({ key: columnKey(split, value), split, value, label: splitLabel(split, value) }))),
  ];
}

interface Group {
  readonly segment: Segment;
  readonly mode: string;
  readonly sharedDevice: boolean;
}

const valueIn = (split: Split, group: Group): string =>
  split === 'segment' ? group.segment : split === 'mode' ? group.mode : group.sharedDevice ? '1' : '0';

/** Sums of counts, weights and squared weights. */
class Sum {
  n = 0;
  weighted = 0;
  squares = 0;
  add(n: number, weight: number): void {
    this.n += n;
    this.weighted += n * weight;
    this.squares += n * weight * weight;
  }
}

/** A table before suppression: its sums per column, and the keys its cells have in the suppression problem. */
interface Draft {
  readonly id: string;
  readonly title: Text;
  readonly question?: Question;
  readonly kind: 'single' | 'multi';
  readonly rows: ReadonlyArray<Omit<Row, 'references'>>;
  readonly columns: readonly ColumnSpec[];
  readonly bases: readonly Sum[];
  /** [column][row] */
  readonly cells: readonly (readonly Sum[])[];
  readonly baseKey: (column: ColumnSpec) => string;
  readonly cellKey: (column: ColumnSpec, row: number) => string;
}

function emptyDraft(spec: Omit<Draft, 'bases' | 'cells' | 'baseKey' | 'cellKey'> & Partial<Pick<Draft, 'baseKey' | 'cellKey'>>): Draft {
  const prefix = spec.id;
  return {
    baseKey: (column) => `${column.key}|${prefix}|base`,
    cellKey: (column, row) => `${column.key}|${prefix}|${row}`,
    ...spec,
    bases: spec.columns.map(() => new Sum()),
    cells: spec.columns.map(() => spec.rows.map(() => new Sum())),
  };
}

/** Adds a group's count to the columns it belongs to: «alle» and one per split. */
function addTo(draft: Draft, group: Group, n: number, weight: number, row: number | 'base'): void {
  draft.columns.forEach((column, c) => {
    if (column.split !== null && valueIn(column.split, group) !== column.value) return;
    (row === 'base' ? draft.bases[c]! : draft.cells[c]![row]!).add(n, weight);
  });
}

/** The suppression problem's parts for one table (see suppression.ts). */
function relationsOf(draft: Draft, options: { down: boolean }): { relations: Relation[]; columns: { base: string; cells: string[] }[] } {
  const relations: Relation[] = [];
  const columns = draft.columns.map((column) => ({
    base: draft.baseKey(column),
    cells: draft.rows.map((_, r) => draft.cellKey(column, r)),
  }));
  if (options.down) for (const column of columns) relations.push({ total: column.base, parts: column.cells });
  const all = draft.columns[0]!;
  const splits = [...new Set(draft.columns.map((c) => c.split).filter((s): s is Split => s !== null))];
  for (const split of splits) {
    const parts = draft.columns.filter((c) => c.split === split);
    const across = (total: string, cells: string[]): Relation => ({ total, parts: cells, rank: rankFor(split, total) });
    relations.push(across(draft.baseKey(all), parts.map((c) => draft.baseKey(c))));
    draft.rows.forEach((_, r) => relations.push(across(draft.cellKey(all, r), parts.map((c) => draft.cellKey(c, r)))));
  }
  return { relations, columns };
}

/** Counts by key, and the primary suppression: small counts, and for multi-selects small remainders (base − count). */
function countsOf(draft: Draft, minCell: number, counts: Map<string, number>, primary: Set<string>): void {
  draft.columns.forEach((column, c) => {
    const base = draft.bases[c]!.n;
    counts.set(draft.baseKey(column), base);
    if (isSmall(base, minCell)) primary.add(draft.baseKey(column));
    draft.rows.forEach((_, r) => {
      const key = draft.cellKey(column, r);
      const n = draft.cells[c]![r]!.n;
      counts.set(key, n);
      if (isSmall(n, minCell) || (draft.kind === 'multi' && isSmall(base - n, minCell))) primary.add(key);
    });
  });
}

function finish(draft: Draft, hidden: ReadonlySet<string>, minCell: number): ReportTable {
  const shown = draft.bases[0]!.n >= minCell;
  const columns: Column[] = draft.columns.map((spec, c) => {
    const sum = draft.bases[c]!;
    const baseHidden = !shown || hidden.has(draft.baseKey(spec));
    const nEff = kish(sum.weighted, sum.squares);
    const base: Base = { n: sum.n, weighted: sum.weighted, squares: sum.squares, nEff, hidden: baseHidden };
    const cells = draft.rows.map((_, r): Figure => {
      const cell = draft.cells[c]![r]!;
      const share = sum.weighted > 0 ? cell.weighted / sum.weighted : null;
      return {
        n: cell.n,
        weighted: cell.weighted,
        squares: cell.squares,
        share,
        interval: share === null ? null : wilson(share, nEff),
        hidden: baseHidden || hidden.has(draft.cellKey(spec, r)),
      };
    });
    return { ...spec, base, cells };
  });
  const rows = draft.rows.map((row) => ({
    ...row,
    references: REFERENCE_FIGURES.filter((f) => f.table === draft.id && f.code === row.code),
  }));
  return {
    id: draft.id,
    title: draft.title,
    ...(draft.question ? { question: draft.question } : {}),
    kind: draft.kind,
    rows,
    columns,
    shown,
  };
}

const UNWEIGHTED = (): number => 1;

/** Rows of a question's table: its options but 9, which leaves the base (shared/contract.md). */
const questionRows = (question: Question) =>
  question.options.filter((o) => o.code !== PREFER_NOT_TO_SAY).map((o) => ({ code: o.code, label: o.label }));

function questionDraft(question: Question, answers: readonly AnswerCount[], weightOf: ReportOptions['weightOf'] & {}): Draft {
  const splits: Split[] = MODE_VIEW_QUESTIONS.includes(question.id) ? ['segment', 'mode', 'shared_device'] : ['segment'];
  const rows = questionRows(question);
  const draft = emptyDraft({ id: question.id, title: question.short, question, kind: question.type, rows, columns: columnSpecs(splits) });
  const rowOf = new Map(rows.map((row, i) => [row.code, i]));
  for (const count of answers) {
    if (count.question !== question.id) continue;
    const weight = weightOf(count.margins);
    if (count.code === ANSWERED) addTo(draft, count, count.n, weight, 'base');
    else {
      const row = rowOf.get(count.code);
      if (row !== undefined) addTo(draft, count, count.n, weight, row);
    }
  }
  return draft;
}

/**
 * skill_group from skill_self's sums. Both tables go into one suppression
 * problem, with "group = its answers" among the relations, so a group's
 * count never gives away an answer hidden in the other table, nor the reverse.
 */
function skillGroupDraft(fine: Draft): { draft: Draft; relations: Relation[] } {
  const draft = emptyDraft({
    id: SKILL_GROUPS.table,
    title: SKILL_GROUP_TITLE,
    kind: 'single',
    rows: SKILL_GROUPS.groups.map((g) => ({ code: g.code, label: g.label })),
    columns: fine.columns,
    // The same respondents: one base.
    baseKey: fine.baseKey,
  });
  const relations: Relation[] = [];
  fine.columns.forEach((column, c) => {
    const base = draft.bases[c]!;
    const fineBase = fine.bases[c]!;
    base.n = fineBase.n;
    base.weighted = fineBase.weighted;
    base.squares = fineBase.squares;
    SKILL_GROUPS.groups.forEach((group, g) => {
      const members = group.codes.map((code) => fine.rows.findIndex((row) => row.code === code));
      for (const m of members) {
        const sum = fine.cells[c]![m]!;
        draft.cells[c]![g]!.n += sum.n;
        draft.cells[c]![g]!.weighted += sum.weighted;
        draft.cells[c]![g]!.squares += sum.squares;
      }
      relations.push({ total: draft.cellKey(column, g), parts: members.map((m) => fine.cellKey(column, m)) });
    });
  });
  return { draft, relations };
}

function respondentTables(respondents: readonly RespondentCount[], weightOf: ReportOptions['weightOf'] & {}, minCell: number) {
  // Segment sizes are the bases of every respondent table's segment columns: one key for both.
  const segmentKey = (segment: string): string => `${segment}|respondents`;
  const all = columnSpecs([]);
  const bySegment = columnSpecs(['segment']);
  const segment = emptyDraft({
    id: 'segment',
    title: TABLE_TITLES.segment,
    kind: 'single',
    rows: SEGMENTS.map((s) => ({ code: s, label: SEGMENT_LABELS[s] })),
    columns: all,
    baseKey: () => segmentKey(ALL),
    cellKey: (_column, row) => segmentKey(SEGMENTS[row]!),
  });
  const byRow = (id: 'mode' | 'shared_device', values: readonly string[]) =>
    emptyDraft({
      id,
      title: TABLE_TITLES[id],
      kind: 'single',
      rows: values.map((v) => ({ code: v, label: splitLabel(id, v) })),
      columns: bySegment,
      baseKey: (column) => segmentKey(column.value),
    });
  const mode = byRow('mode', MODES);
  const sharedDevice = byRow('shared_device', SPLIT_VALUES.shared_device);
  const criteriaRows = [...CRITERIA, 'svart_sarbar'] as const;
  const criteria = emptyDraft({
    id: 'criteria',
    title: TABLE_TITLES.criteria,
    kind: 'multi',
    rows: criteriaRows.map((c) => ({ code: c, label: CRITERION_LABELS[c]! })),
    columns: all.concat(bySegment.filter((c) => c.value === 'utsatt')),
    baseKey: (column) => segmentKey(column.value),
    // A criterion holds only for utsatt respondents: the same count in both columns.
    cellKey: (_column, row) => `criteria|${criteriaRows[row]}`,
  });

  for (const count of respondents) {
    const weight = weightOf(count.margins);
    const reasons = count.reasons === '' ? [] : count.reasons.split(';');
    for (const draft of [segment, mode, sharedDevice, criteria]) addTo(draft, count, count.n, weight, 'base');
    addTo(segment, count, count.n, weight, SEGMENTS.indexOf(count.segment));
    addTo(mode, count, count.n, weight, MODES.indexOf(count.mode));
    addTo(sharedDevice, count, count.n, weight, count.sharedDevice ? 1 : 0);
    criteriaRows.forEach((criterion, row) => {
      if (criterion === 'svart_sarbar' ? count.svartSarbar : reasons.includes(criterion)) addTo(criteria, count, count.n, weight, row);
    });
  }

  const counts = new Map<string, number>();
  const primary = new Set<string>();
  const relations: Relation[] = [];
  const columns: { base: string; cells: string[] }[] = [];
  for (const draft of [segment, mode, sharedDevice, criteria]) countsOf(draft, minCell, counts, primary);
  // The round's total is on the admin pages anyway: it is never the cell hidden to protect another.
  const fixed = new Set([segmentKey(ALL)]);
  primary.delete(segmentKey(ALL));
  relations.push({ total: segmentKey(ALL), parts: SEGMENTS.map(segmentKey), rank: segmentRank });
  for (const draft of [mode, sharedDevice]) {
    const parts = relationsOf(draft, { down: true });
    relations.push(...parts.relations);
    columns.push(...parts.columns);
  }
  const hidden = suppress({ counts, primary, relations, columns, fixed }, minCell);
  return {
    segment: finish(segment, hidden, minCell),
    criteria: finish(criteria, hidden, minCell),
    mode: finish(mode, hidden, minCell),
    sharedDevice: finish(sharedDevice, hidden, minCell),
  };
}

/** The mode and shared-device tables turned round: a column per way of answering, a row per segment, shares of that column. */
function reachTable(mode: ReportTable, sharedDevice: ReportTable): ReportTable {
  const turned = (table: ReportTable, split: Split): Column[] =>
    table.rows.map((row, r) => {
      const all = table.columns[0]!.cells[r]!;
      const nEff = kish(all.weighted, all.squares);
      const base: Base = { n: all.n, weighted: all.weighted, squares: all.squares, nEff, hidden: all.hidden };
      const cells = table.columns.slice(1).map((column): Figure => {
        const cell = column.cells[r]!;
        const share = all.weighted > 0 ? cell.weighted / all.weighted : null;
        return { ...cell, share, interval: share === null ? null : wilson(share, nEff), hidden: all.hidden || cell.hidden };
      });
      return { key: columnKey(split, String(row.code)), split, value: String(row.code), label: row.label, base, cells };
    });
  const columns = [...turned(mode, 'mode'), ...turned(sharedDevice, 'shared_device')];
  return {
    id: 'reach',
    title: TABLE_TITLES.reach,
    kind: 'single',
    rows: mode.columns.slice(1).map((column) => ({ code: column.value, label: column.label, references: [] })),
    columns,
    shown: mode.shown,
  };
}

export function buildReport(instrument: Instrument, tally: Tally, options: ReportOptions): Report {
  const { minCell } = options;
  const weightOf = options.weightOf ?? UNWEIGHTED;
  const respondents = tally.respondents.reduce((sum, count) => sum + count.n, 0);
  const { segment, criteria, mode, sharedDevice } = respondentTables(tally.respondents, weightOf, minCell);

  const questions: ReportTable[] = [];
  for (const question of instrument.questions) {
    const fine = questionDraft(question, tally.answers, weightOf);
    const grouped = question.id === SKILL_GROUPS.question ? skillGroupDraft(fine) : undefined;
    const drafts = grouped ? [fine, grouped.draft] : [fine];
    const counts = new Map<string, number>();
    const primary = new Set<string>();
    const relations: Relation[] = [...(grouped?.relations ?? [])];
    const columns: { base: string; cells: string[] }[] = [];
    for (const draft of drafts) {
      countsOf(draft, minCell, counts, primary);
      const parts = relationsOf(draft, { down: draft.kind === 'single' });
      relations.push(...parts.relations);
      columns.push(...parts.columns);
    }
    const hidden = suppress({ counts, primary, relations, columns }, minCell);
    const [table, groupTable] = drafts.map((draft) => finish(draft, hidden, minCell));
    if (groupTable) questions.unshift(groupTable);
    questions.push(table!);
  }

  return {
    minCell,
    weighted: options.weightOf !== undefined,
    respondents,
    shown: respondents >= minCell,
    segment,
    criteria,
    mode,
    sharedDevice,
    reach: reachTable(mode, sharedDevice),
    questions,
  };
}

/** A table's columns for one view: the segments beside «alle», or the ways of answering. */
export function columnsFor(table: ReportTable, view: 'segment' | 'mode'): Column[] {
  return table.columns.filter((column) => (view === 'segment' ? column.split === null || column.split === 'segment' : column.split !== 'segment'));
}
