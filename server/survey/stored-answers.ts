// Draft answers as stored: JSON written by an earlier page, already typed
// (codes as numbers). Read back by checking each value against the
// definition, not by posting it through the form's parser again: drafts are
// read on every page, and the form parser is made for strings from a browser.
import type { Answers, AnswerValue, Instrument, Question } from './types.ts';
import { tickedCodes } from './validate.ts';

/** A stored value that is still a valid answer to the question (the instrument may have changed), else undefined. */
function storedAnswer(q: Question, value: unknown): AnswerValue | undefined {
  if (q.type === 'single') return typeof value === 'number' && q.options.some((o) => o.code === value) ? value : undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v): v is number => typeof v === 'number')) return undefined;
  const ticked = tickedCodes(q, value);
  return typeof ticked === 'string' ? undefined : ticked;
}

/** Draft answers as stored JSON, keeping only known questions and codes. */
export function readAnswers(instrument: Instrument, json: string): Answers {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const answers: Record<string, AnswerValue> = {};
  for (const q of instrument.questions) {
    const answer = storedAnswer(q, (raw as Record<string, unknown>)[q.id]);
    if (answer !== undefined) answers[q.id] = answer;
  }
  return answers;
}
