// Weights to the municipality's population (issue 14, point 4): raking, also
// called iterative proportional fitting (Deming and Stephan 1940), over the
// margin questions age_group and gender, with trimming at a stated cap.
//
// Every respondent in the same age group and gender gets the same weight, so
// the work is done on the cells of that cross table, not on respondents.
// A respondent with no usable answer on a margin question (9 «Vil ikke svare»,
// unanswered, or a group the admin gave no population figure for) keeps the
// weight they have in that question's step: the others are spread over its
// groups as the population is, and the sum of weights stays the number of
// respondents, so a weighted count reads like a count.

/** The questions weights are made from, in the order a cell's codes are listed. */
export const MARGIN_QUESTIONS = ['age_group', 'gender'] as const;
export type MarginQuestion = (typeof MARGIN_QUESTIONS)[number];

/** No weight above this many times the average (1): one respondent cannot speak for more than five. */
export const WEIGHT_CAP = 5;
/** Raking stops when every margin is met to within this fraction. */
export const TOLERANCE = 1e-6;
export const MAX_ITERATIONS = 100;
/** Trim, then rake again, at most this many times. */
const MAX_TRIM_ROUNDS = 20;

/** A population figure per code, per margin question; a code without one is not weighted. */
export type Margins = Readonly<Partial<Record<MarginQuestion, ReadonlyMap<number, number>>>>;

/** One cell of the sample: its codes on the margin questions (0: unanswered) and its respondents. */
export interface SampleCell {
  readonly codes: Readonly<Record<MarginQuestion, number>>;
  readonly n: number;
}

export interface Weighting {
  /** The weight of a respondent in the cell with these codes. */
  readonly weightOf: (codes: Readonly<Record<MarginQuestion, number>>) => number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Respondents whose weight was cut to the cap. */
  readonly trimmed: number;
  /** Respondents kept out of a question's step (no usable answer), per question. */
  readonly unweighted: Readonly<Record<MarginQuestion, number>>;
  /** Groups with a population figure but no respondents: weighting cannot make up for them. */
  readonly missingGroups: ReadonlyArray<{ readonly question: MarginQuestion; readonly code: number }>;
}

export const cellKey = (codes: Readonly<Record<MarginQuestion, number>>): string => MARGIN_QUESTIONS.map((q) => codes[q]).join(':');

/** Whether the admin has entered any population figure above 0. */
export const hasMargins = (margins: Margins): boolean =>
  MARGIN_QUESTIONS.some((q) => [...(margins[q]?.values() ?? [])].some((population) => population > 0));

export function rake(sample: readonly SampleCell[], margins: Margins): Weighting {
  const cells = sample.filter((cell) => cell.n > 0);
  const weights = cells.map(() => 1);
  const total = cells.reduce((sum, cell) => sum + cell.n, 0);
  const usable = (q: MarginQuestion, code: number): boolean => (margins[q]?.get(code) ?? 0) > 0;

  const unweighted = Object.fromEntries(
    MARGIN_QUESTIONS.map((q) => [q, cells.filter((cell) => !usable(q, cell.codes[q])).reduce((sum, cell) => sum + cell.n, 0)]),
  ) as Record<MarginQuestion, number>;
  const missingGroups = MARGIN_QUESTIONS.flatMap((q) =>
    [...(margins[q]?.entries() ?? [])]
      .filter(([code, population]) => population > 0 && !cells.some((cell) => cell.codes[q] === code))
      .map(([code]) => ({ question: q, code })),
  );

  /** One step: the question's usable groups brought to the population's shares among those present. Returns the largest miss before the step. */
  const step = (q: MarginQuestion): number => {
    const current = new Map<number, number>();
    cells.forEach((cell, i) => {
      const code = cell.codes[q];
      if (usable(q, code)) current.set(code, (current.get(code) ?? 0) + cell.n * weights[i]!);
    });
    const known = [...current.values()].reduce((a, b) => a + b, 0);
    const population = [...current.keys()].reduce((sum, code) => sum + margins[q]!.get(code)!, 0);
    if (known === 0 || population === 0) return 0;
    let miss = 0;
    const factor = new Map<number, number>();
    for (const [code, now] of current) {
      const target = (known * margins[q]!.get(code)!) / population;
      miss = Math.max(miss, Math.abs(now / target - 1));
      factor.set(code, target / now);
    }
    cells.forEach((cell, i) => {
      const f = factor.get(cell.codes[q]);
      if (f !== undefined) weights[i] = weights[i]! * f;
    });
    return miss;
  };

  let iterations = 0;
  let converged = false;
  let trimmed = 0;
  for (let round = 0; round < MAX_TRIM_ROUNDS; round++) {
    converged = false;
    while (iterations < MAX_ITERATIONS * (round + 1)) {
      iterations++;
      const miss = Math.max(...MARGIN_QUESTIONS.map(step));
      if (miss < TOLERANCE) {
        converged = true;
        break;
      }
    }
    // Trim: cut weights above the cap, and scale the rest so the sum stays the number of respondents.
    const over = weights.map((w) => w > WEIGHT_CAP * (1 + TOLERANCE));
    if (!over.some(Boolean)) break;
    trimmed = cells.reduce((sum, cell, i) => sum + (over[i] ? cell.n : 0), 0);
    const capped = cells.reduce((sum, cell, i) => sum + (over[i] ? cell.n * WEIGHT_CAP : 0), 0);
    const rest = cells.reduce((sum, cell, i) => sum + (over[i] ? 0 : cell.n * weights[i]!), 0);
    const scale = rest > 0 ? (total - capped) / rest : 1;
    weights.forEach((w, i) => (weights[i] = over[i] ? WEIGHT_CAP : w * scale));
  }

  const byCell = new Map(cells.map((cell, i) => [cellKey(cell.codes), weights[i]!]));
  return {
    weightOf: (codes) => byCell.get(cellKey(codes)) ?? 1,
    converged,
    iterations,
    trimmed,
    unweighted,
    missingGroups,
  };
}

/**
 * Kish's effective sample size, (Σw)² / Σw²: how many unweighted respondents
 * would give an estimate as precise as these weighted ones.
 */
export const kish = (sumWeights: number, sumSquaredWeights: number): number =>
  sumSquaredWeights > 0 ? (sumWeights * sumWeights) / sumSquaredWeights : 0;
