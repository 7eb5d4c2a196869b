// A submitted response as the exports read it: what was stored, its
// classification under the rule asked for, and its answers, typed. The
// database returns these (db/responses.ts); the codebook reads them.
import type { Answers, AnswerValue, Instrument, QuestionType } from './types.ts';

/** One stored answer row: [question id, code]. One per single answer, one per ticked option. */
export type AnswerPair = readonly [questionId: string, code: number];

export interface ResponseRow {
  readonly responseId: number;
  /** The round's slug. */
  readonly round: string;
  readonly language: string;
  readonly mode: string;
  /** 0/1. */
  readonly sharedDevice: number;
  /** YYYY-MM-DD, never a time. */
  readonly submittedDate: string;
  readonly instrumentVersion: string;
  /** Null when the response has no classification under the rule version asked for. */
  readonly segment: string | null;
  /** The true criteria joined by `;`, in CRITERIA order. */
  readonly segmentReasons: string | null;
  readonly svartSarbar: number | null;
  readonly ruleVersion: string | null;
  readonly staffUserId: number | null;
  readonly paperFormNumber: string | null;
  readonly answers: Answers;
}

/**
 * Turns stored pairs into answers, for one instrument. Built once per export: the
 * question types are looked up in a map, not searched for on every row. Pairs of
 * a question the instrument no longer has are left out (no column holds them);
 * codes are kept as stored, even one the question no longer offers, so the raw
 * data is never silently changed.
 */
export function answersReader(instrument: Instrument): (pairs: readonly AnswerPair[]) => Answers {
  const types = new Map<string, QuestionType>(instrument.questions.map((q) => [q.id, q.type]));
  return (pairs) => {
    const answers: Record<string, AnswerValue> = {};
    for (const [id, code] of pairs) {
      const type = types.get(id);
      if (type === 'single') answers[id] = code;
      else if (type === 'multi') {
        const ticked = answers[id];
        // The pairs come in code order (the answers table's key), so the list stays sorted.
        if (Array.isArray(ticked)) (ticked as number[]).push(code);
        else answers[id] = [code];
      }
    }
    return answers;
  };
}
