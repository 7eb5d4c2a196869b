// The "utsatt" segment rule of IT i praksis 2022 (shared/instrument.md, rule
// utsatt-2022.1): an OR of three criteria, each true, false or unknown (Kleene logic).
// Pure: answers in, classification out. Never shown to the citizen.
//
// Rules are versioned: a changed rule is a new SegmentRule with a new version,
// added to SEGMENT_RULES, and stored responses are reclassified under it
// (server/reclassify.ts) next to their classification under the old one.
import type { Answers, Text } from './types.ts';

export const SEGMENTS = ['utsatt', 'ovrige', 'ukjent'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** In the order the export lists them. */
export const CRITERIA = ['age', 'income', 'labour'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** true, false, or null for unknown. */
export type Truth = boolean | null;

/** A version of the segment rule: which criteria a respondent meets, and the rule in words for analysts. */
export interface SegmentRule {
  readonly version: string;
  /** For the codebook page and the files analysts get. */
  readonly description: Text;
  readonly criteria: (answers: Answers) => Readonly<Record<Criterion, Truth>>;
}

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

function criteria2022(answers: Answers): Record<Criterion, Truth> {
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

/** The rule of IT i praksis 2022, as shared/instrument.md states it. */
export const UTSATT_2022: SegmentRule = {
  version: 'utsatt-2022.1',
  description: {
    nb:
      'Et svar er «utsatt» når minst ett av tre kriterier er oppfylt: alder 67 år eller eldre (age_group 6 eller 7); ' +
      'inntekt opptil 500 000 kr for en som ikke er student (income 1–3, main_activity ikke 3); ' +
      'utenfor arbeidsstyrken (main_activity 5, 6 eller 7). Svaret er «øvrig befolkning» når ingen av kriteriene er oppfylt, ' +
      'og «ukjent» når vi ikke kan avgjøre det, for eksempel fordi personen ikke ville svare. ' +
      'segment_reasons viser hvilke kriterier som er oppfylt (age, income, labour). ' +
      'svart_sarbar er 1 for utsatte som vurderer sine digitale ferdigheter som dårlige eller svært dårlige (skill_self 1 eller 2).',
    nn:
      'Eit svar er «utsett» når minst eitt av tre kriterium er oppfylt: alder 67 år eller eldre (age_group 6 eller 7); ' +
      'inntekt opp til 500 000 kr for ein som ikkje er student (income 1–3, main_activity ikkje 3); ' +
      'utanfor arbeidsstyrken (main_activity 5, 6 eller 7). Svaret er «resten av befolkninga» når ingen av kriteria er oppfylte, ' +
      'og «ukjend» når vi ikkje kan avgjere det, til dømes fordi personen ikkje ville svare. ' +
      'segment_reasons viser kva kriterium som er oppfylte (age, income, labour). ' +
      'svart_sarbar er 1 for utsette som vurderer dei digitale ferdigheitene sine som dårlege eller svært dårlege (skill_self 1 eller 2).',
    en:
      'A response is “utsatt” (at risk) when at least one of three criteria holds: aged 67 or over (age_group 6 or 7); ' +
      'income up to NOK 500,000 and not a student (income 1–3, main_activity not 3); ' +
      'outside the labour force (main_activity 5, 6 or 7). It is “ovrige” (rest of the population) when none holds, ' +
      'and “ukjent” (unknown) when it cannot be decided, for example because the person preferred not to say. ' +
      'segment_reasons lists the criteria that hold (age, income, labour). ' +
      'svart_sarbar is 1 for those at risk who rate their digital skills as poor or very poor (skill_self 1 or 2).',
    },
  criteria: criteria2022,
};

/** Every version, oldest first; the last is the one new responses are classified by. */
export const SEGMENT_RULES: readonly SegmentRule[] = [UTSATT_2022];
export const CURRENT_RULE: SegmentRule = UTSATT_2022;
export const RULE_VERSION = CURRENT_RULE.version;

export const criteria = (answers: Answers): Readonly<Record<Criterion, Truth>> => CURRENT_RULE.criteria(answers);

/** The classification of one respondent under a rule (the current one unless another is given). */
export function classify(answers: Answers, rule: SegmentRule = CURRENT_RULE): Classification {
  const truth = rule.criteria(answers);
  const reasons = CRITERIA.filter((c) => truth[c] === true);
  const segment: Segment =
    reasons.length > 0 ? 'utsatt' : CRITERIA.every((c) => truth[c] === false) ? 'ovrige' : 'ukjent';
  const skill = code(answers, 'skill_self');
  return {
    segment,
    reasons,
    svartSarbar: segment === 'utsatt' && (skill === 1 || skill === 2),
    ruleVersion: rule.version,
  };
}
