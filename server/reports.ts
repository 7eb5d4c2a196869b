// A round's report: its counts read from the database (db/report.ts), weights
// made from its population figures when asked for, and the tables built by the
// pure analysis (server/analysis/). Shared by the report page and report.csv.
import type { ReportStore, TallyFilter } from '../db/report.ts';
import { buildReport, type Report } from './analysis/report.ts';
import type { AnswerCount, RespondentCount, Tally } from './analysis/tally.ts';
import { cellKey, hasMargins, rake, type SampleCell, type Weighting } from './analysis/weights.ts';
import type { SegmentRule } from './survey/classify.ts';
import type { Instrument, Language, Mode } from './survey/types.ts';

export interface ReportFilter {
  readonly language: Language | null;
  readonly mode: Mode | null;
  /** Norwegian calendar days, both inclusive; null: open-ended. */
  readonly from: string | null;
  readonly to: string | null;
  readonly weighted: boolean;
}

/** Responses counted per slice when a date filter reads the responses themselves: a slice takes a few hundredths of a second. */
const SLICE = 2000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The counts for a filter: from the tallies, or with a date filter from the responses, a slice at a time. */
async function readTally(store: ReportStore, roundId: number, rule: string, filter: ReportFilter): Promise<Tally> {
  const tallyFilter: TallyFilter = { language: filter.language, mode: filter.mode, margins: filter.weighted };
  if (filter.from === null && filter.to === null) return store.tally(roundId, rule, tallyFilter);
  const dates = { from: filter.from ?? '0000-01-01', to: filter.to ?? '9999-12-31' };
  const respondents: RespondentCount[] = [];
  const answers: AnswerCount[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const slice = store.tallySlice(roundId, rule, tallyFilter, dates, after, SLICE);
    respondents.push(...slice.respondents);
    answers.push(...slice.answers);
    after = slice.next;
    if (after !== null) await nextTurn();
  }
  return { respondents, answers };
}

/** The sample's cells on the margin questions. */
function sampleCells(respondents: readonly RespondentCount[]): SampleCell[] {
  const cells = new Map<string, { codes: RespondentCount['margins']; n: number }>();
  for (const count of respondents) {
    const key = cellKey(count.margins);
    const cell = cells.get(key);
    if (cell) cell.n += count.n;
    else cells.set(key, { codes: count.margins, n: count.n });
  }
  return [...cells.values()];
}

export interface RoundReport {
  readonly report: Report;
  /** How the weights came out, when the report is weighted. */
  readonly weighting: Weighting | null;
  /** Whether the round has population figures, so a weighted report can be asked for. */
  readonly canWeight: boolean;
}

export async function roundReport(
  deps: { readonly store: ReportStore; readonly instrument: Instrument; readonly rule: SegmentRule; readonly minCell: number },
  round: { readonly id: number },
  filter: ReportFilter,
): Promise<RoundReport> {
  const margins = deps.store.margins(round.id);
  const canWeight = hasMargins(margins);
  const weighted = filter.weighted && canWeight;
  const tally = await readTally(deps.store, round.id, deps.rule.version, { ...filter, weighted });
  const weighting = weighted ? rake(sampleCells(tally.respondents), margins) : null;
  const report = buildReport(deps.instrument, tally, {
    minCell: deps.minCell,
    ...(weighting ? { weightOf: weighting.weightOf } : {}),
  });
  return { report, weighting, canWeight };
}
