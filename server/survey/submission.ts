// What is stored when a respondent submits: only the answers to questions they
// were shown (a routed-out question stays empty, even if the draft still holds
// an answer from before a change), as rows of codes, with the classification.
// Every way in (web, staff, paper) goes through here.
import { classify, CRITERIA, CURRENT_RULE, type Classification, type SegmentRule } from './classify.ts';
import { shownAnswers } from './pages.ts';
import type { Answers, AnswerValue, Instrument } from './types.ts';

export interface Submission {
  /** [question id, code]: one per single answer, one per ticked option. */
  readonly codes: ReadonlyArray<readonly [string, number]>;
  readonly classification: Classification;
  /** The true criteria joined by ";" in the order age;income;labour (shared/contract.md). */
  readonly segmentReasons: string;
}

export function codesOf(value: AnswerValue | undefined): number[] {
  if (value === undefined) return [];
  return typeof value === 'number' ? [value] : [...value];
}

export function toSubmission(instrument: Instrument, answers: Answers, rule: SegmentRule = CURRENT_RULE): Submission {
  const stored = shownAnswers(instrument, answers);
  const classification = classify(stored, rule);
  return {
    codes: Object.entries(stored).flatMap(([id, value]) => codesOf(value).map((code) => [id, code] as const)),
    classification,
    segmentReasons: segmentReasons(classification),
  };
}

/** The true criteria joined by ";" in the order age;income;labour (shared/contract.md). */
export const segmentReasons = (classification: Classification): string =>
  CRITERIA.filter((c) => classification.reasons.includes(c)).join(';');

/** A classification as it is stored beside its response, with its reasons as the export writes them. */
export const storedClassification = (c: Classification) => ({
  segment: c.segment,
  reasons: segmentReasons(c),
  svartSarbar: c.svartSarbar,
  ruleVersion: c.ruleVersion,
});
