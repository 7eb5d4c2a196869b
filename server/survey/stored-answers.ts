// Draft answers as stored: JSON written by an earlier page, read back through
// the same validation as a posted form.
import type { Answers, AnswerValue, Instrument } from './types.ts';
import { parseAnswers } from './validate.ts';

/** Draft answers as stored JSON, keeping only known questions and codes (the instrument may have changed). */
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
    const parsed = parseAnswers([q], { [q.id]: toPosted((raw as Record<string, unknown>)[q.id]) });
    if (parsed.ok && parsed.answers[q.id] !== undefined) answers[q.id] = parsed.answers[q.id]!;
  }
  return answers;
}

function toPosted(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}
