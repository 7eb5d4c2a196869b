// Keyed entry of a paper form (issue 5, point 4): a staff member types the code
// printed beside each ticked box. Unlike the web flow, a blank field is allowed
// (a question left blank on paper is stored as unanswered, instrument.md) and
// answers to questions the form told the respondent to skip are not stored.
import { z } from 'zod';
import { shownAnswers, shownQuestions } from './pages.ts';
import type { Answers, AnswerValue, Instrument, Question } from './types.ts';

export type PaperErrorKind =
  /** A code that is not one of the question's. */
  | 'unknown_code'
  /** More than one code for a one-answer question (two boxes ticked on paper). */
  | 'one_code'
  /** A "none of these" code together with another. */
  | 'exclusive'
  /** Nothing keyed at all. */
  | 'empty';

export interface PaperError {
  readonly questionId: string;
  readonly kind: PaperErrorKind;
  /** The code typed, for 'unknown_code' and 'exclusive'. */
  readonly code?: string;
}

export type PaperParse =
  | {
      readonly ok: true;
      /** The answers to store: routing applied. */
      readonly answers: Answers;
      /** Questions answered on paper that the form said to skip: not stored. */
      readonly routedOut: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly PaperError[] };

// A field is typed text, or repeated when a form posts a multi-select as boxes; anything else is blank.
const field = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .catch(undefined)
  .transform((v) => (Array.isArray(v) ? v.join(' ') : (v ?? '')));

/** What was typed in each question's field, as typed, for showing the form again. */
export function typedValues(instrument: Instrument, body: unknown): Record<string, string> {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(instrument.questions.map((q) => [q.id, field.parse(input[q.id]).slice(0, 100)]));
}

/** Codes may be separated by spaces, commas or semicolons: "1 3", "1,3", "1;3". */
const codesIn = (typed: string): string[] => typed.split(/[\s,;]+/).filter((token) => token !== '');

function parseField(question: Question, typed: string): { value?: AnswerValue; error?: Omit<PaperError, 'questionId'> } {
  const tokens = codesIn(typed);
  if (tokens.length === 0) return {};
  const known = new Map(question.options.map((o) => [String(o.code), o]));
  const unknown = tokens.find((token) => !known.has(token));
  if (unknown !== undefined) return { error: { kind: 'unknown_code', code: unknown } };
  const codes = [...new Set(tokens.map(Number))].sort((a, b) => a - b);
  if (question.type === 'single') return codes.length === 1 ? { value: codes[0]! } : { error: { kind: 'one_code' } };
  const exclusive = question.options.find((o) => o.exclusive && codes.includes(o.code));
  if (exclusive && codes.length > 1) return { error: { kind: 'exclusive', code: String(exclusive.code) } };
  return { value: codes };
}

export function parsePaperForm(instrument: Instrument, body: unknown): PaperParse {
  const typed = typedValues(instrument, body);
  const answers: Record<string, AnswerValue> = {};
  const errors: PaperError[] = [];
  for (const question of instrument.questions) {
    const { value, error } = parseField(question, typed[question.id] ?? '');
    if (error) errors.push({ questionId: question.id, ...error });
    else if (value !== undefined) answers[question.id] = value;
  }
  if (errors.length > 0) return { ok: false, errors };
  if (Object.keys(answers).length === 0) return { ok: false, errors: [{ questionId: instrument.questions[0]!.id, kind: 'empty' }] };
  const stored = shownAnswers(instrument, answers);
  return { ok: true, answers: stored, routedOut: Object.keys(answers).filter((id) => !(id in stored)) };
}

/**
 * The questions after the last one keyed, when there are at least `min` of them:
 * a form keyed only part-way (Enter pressed too soon) looks like this, and is
 * stored only once the keyer says the rest is blank on paper too.
 */
export function blankTail(instrument: Instrument, answers: Answers, min = 3): readonly Question[] {
  const shown = shownQuestions(instrument, answers);
  const lastKeyed = shown.findLastIndex((q) => answers[q.id] !== undefined);
  const tail = shown.slice(lastKeyed + 1);
  return tail.length >= min ? tail : [];
}

/** The number written on the paper form: letters, digits and dashes, spaces dropped, upper case. */
export const paperFormNumber = z
  .string({ error: 'missing' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().min(1, { error: 'missing' }).regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { error: 'shape' }));
