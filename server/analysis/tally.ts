// What the report is computed from: counts of respondents and of answers per
// group, as SQL aggregates give them (db/report.ts), never the responses
// themselves. One row per combination of the groups the report splits by
// (segment, mode, shared device) and the margin questions weights are made
// from (age_group, gender; 0 when the counts were read without them).
import type { Segment } from '../survey/classify.ts';
import type { Mode } from '../survey/types.ts';
import type { MarginQuestion } from './weights.ts';

/** The code of an answer-count row that counts the respondents who answered the question with any code but 9: its base. */
export const ANSWERED = 0;

interface Group {
  readonly segment: Segment;
  readonly mode: Mode;
  readonly sharedDevice: boolean;
  /** Codes on the margin questions; 0 for unanswered, or when read without them. */
  readonly margins: Readonly<Record<MarginQuestion, number>>;
  readonly n: number;
}

export interface RespondentCount extends Group {
  /** The criteria that hold, as stored (`age;income`), empty for none. */
  readonly reasons: string;
  readonly svartSarbar: boolean;
}

export interface AnswerCount extends Group {
  readonly question: string;
  /** An answer code, or ANSWERED. */
  readonly code: number;
}

export interface Tally {
  readonly respondents: readonly RespondentCount[];
  readonly answers: readonly AnswerCount[];
}
