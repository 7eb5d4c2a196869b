// The "utsatt" segment rule of IT i praksis 2022 (shared/instrument.md, rule
// utsatt-2022.1): an OR of three criteria, each true, false or unknown (Kleene logic).
// Pure: answers in, classification out. Never shown to the citizen.
import type { Answers } from './types.ts';

export const RULE_VERSION = 'utsatt-2022.1';

export const SEGMENTS = ['utsatt', 'ovrige', 'ukjent'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** In the order the export lists them. */
export const CRITERIA = ['age', 'income', 'labour'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** true, false, or null for unknown. */
type Truth = boolean | null;

export interface Classification {
  readonly segment: Segment;
  readonly reasons: readonly Criterion[];
  readonly svartSarbar: boolean;
  readonly ruleVersion: string;
}

function code(answers: Answers, id: string): number | undefined {
  const value = answers[id];
  return typeof value === 'number' ? value : undefined;
}

/** Membership with "unknown" for codes outside both sets (refused, don't know, missing). */
function member(value: number | undefined, yes: readonly number[], no: readonly number[]): Truth {
  if (value === undefined) return null;
  if (yes.includes(value)) return true;
  if (no.includes(value)) return false;
  return null;
}

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return null;
}

const STUDENT = 3;
const KNOWN_ACTIVITIES_NOT_STUDENT = [1, 2, 4, 5, 6, 7, 10];

export function criteria(answers: Answers): Record<Criterion, Truth> {
  const activity = code(answers, 'main_activity');
  // "Over 67": the band starts at 67, the Norwegian pension age.
  const age = member(code(answers, 'age_group'), [6, 7], [1, 2, 3, 4, 5]);
  // Not studying AND income up to NOK 500 000.
  const notStudying = member(activity, KNOWN_ACTIVITIES_NOT_STUDENT, [STUDENT]);
  const lowIncome = member(code(answers, 'income'), [1, 2, 3], [4, 5, 6]);
  // Outside the labour force in Statistics Norway's sense: neither employed nor unemployed.
  const labour = member(activity, [5, 6, 7], [1, 2, 3, 4]);
  return { age, income: and(notStudying, lowIncome), labour };
}

export function classify(answers: Answers): Classification {
  const truth = criteria(answers);
  const reasons = CRITERIA.filter((c) => truth[c] === true);
  const segment: Segment =
    reasons.length > 0 ? 'utsatt' : CRITERIA.every((c) => truth[c] === false) ? 'ovrige' : 'ukjent';
  const skill = code(answers, 'skill_self');
  return {
    segment,
    reasons,
    svartSarbar: segment === 'utsatt' && (skill === 1 || skill === 2),
    ruleVersion: RULE_VERSION,
  };
}
