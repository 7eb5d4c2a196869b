// Validation of posted answers, with zod schemas built from the definition.
// Errors come back as keys, not text: the HTTP layer words them per language.
import { z } from 'zod';
import type { AnswerValue, Question } from './types.ts';

export type AnswerErrorKind = 'required' | 'unknown_code' | 'exclusive';

export interface AnswerError {
  readonly questionId: string;
  readonly kind: AnswerErrorKind;
}

export type ParseResult =
  | { readonly ok: true; readonly answers: Readonly<Record<string, AnswerValue>> }
  | { readonly ok: false; readonly errors: readonly AnswerError[]; readonly kept: Readonly<Record<string, AnswerValue>> };

const blank = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

// A radio posts one string; anything else (an array from a tampered form) is not one of its codes.
function singleSchema(q: Question) {
  const codes = new Set(q.options.map((o) => String(o.code)));
  return z.preprocess(
    (v) => (blank(v) ? undefined : v),
    z
      .string({ error: (issue) => (issue.input === undefined ? 'required' : 'unknown_code') })
      .trim()
      .refine((v) => codes.has(v), { error: 'unknown_code', abort: true })
      .transform(Number),
  );
}

/**
 * A multi-select's ticked codes, each one of its options, once each and in
 * order, or the reason they are not: one rule for a posted form and for a
 * stored draft (stored-answers.ts).
 */
export function tickedCodes(q: Question, given: readonly number[]): readonly number[] | 'unknown_code' | 'exclusive' {
  if (!given.every((code) => q.options.some((o) => o.code === code))) return 'unknown_code';
  const ticked = [...new Set(given)].sort((a, b) => a - b);
  if (ticked.length > 1 && ticked.some((code) => q.options.some((o) => o.code === code && o.exclusive))) return 'exclusive';
  return ticked;
}

// A multi-select repeats its name once per ticked box: one string, or an array of them.
function multiSchema(q: Question) {
  const codes = new Set(q.options.map((o) => String(o.code)));
  return z.preprocess(
    (v) => {
      const list = Array.isArray(v) ? v : [v];
      const given = list.filter((item) => !blank(item));
      return given.length === 0 ? undefined : given;
    },
    z
      .array(z.string().trim(), { error: (issue) => (issue.input === undefined ? 'required' : 'unknown_code') })
      .refine((values) => values.every((v) => codes.has(v)), { error: 'unknown_code', abort: true })
      .transform((values) => tickedCodes(q, values.map(Number)))
      // Unknown codes stopped at the check above: a reason left here is an exclusive option ticked with another.
      .refine((ticked) => typeof ticked !== 'string', { error: 'exclusive' }),
  );
}

type QuestionSchema = ReturnType<typeof singleSchema> | ReturnType<typeof multiSchema>;
// Schemas are built once per question object and reused: validation runs on every page load.
const schemas = new WeakMap<Question, QuestionSchema>();

export function questionSchema(q: Question): QuestionSchema {
  let schema = schemas.get(q);
  if (!schema) {
    schema = q.type === 'single' ? singleSchema(q) : multiSchema(q);
    schemas.set(q, schema);
  }
  return schema;
}

/** Schema for a page showing these questions; other posted fields (CSRF token, buttons) are ignored. */
export function pageSchema(questions: readonly Question[]) {
  return z.object(Object.fromEntries(questions.map((q) => [q.id, questionSchema(q)])));
}

// A question page shows one question: its page schema is built once, like the question's.
const onePageSchemas = new WeakMap<Question, ReturnType<typeof pageSchema>>();

function schemaFor(questions: readonly Question[]): ReturnType<typeof pageSchema> {
  if (questions.length !== 1) return pageSchema(questions);
  const [q] = questions as [Question];
  let schema = onePageSchemas.get(q);
  if (!schema) {
    schema = pageSchema(questions);
    onePageSchemas.set(q, schema);
  }
  return schema;
}

const KINDS: readonly AnswerErrorKind[] = ['required', 'unknown_code', 'exclusive'];

/**
 * Parses the posted body for these questions. On failure, `kept` holds the
 * answers that were fine, so the page can come back with them still chosen.
 */
export function parseAnswers(questions: readonly Question[], body: unknown): ParseResult {
  const input = typeof body === 'object' && body !== null ? body : {};
  const result = schemaFor(questions).safeParse(input);
  if (result.success) return { ok: true, answers: result.data as Record<string, AnswerValue> };

  const errors = new Map<string, AnswerErrorKind>();
  for (const issue of result.error.issues) {
    const id = String(issue.path[0]);
    const kind = (KINDS as readonly string[]).includes(issue.message) ? (issue.message as AnswerErrorKind) : 'unknown_code';
    if (!errors.has(id)) errors.set(id, kind);
  }
  const kept: Record<string, AnswerValue> = {};
  for (const q of questions) {
    if (errors.has(q.id)) continue;
    const one = questionSchema(q).safeParse((input as Record<string, unknown>)[q.id]);
    if (one.success && one.data !== undefined) kept[q.id] = one.data as AnswerValue;
  }
  return {
    ok: false,
    errors: questions.filter((q) => errors.has(q.id)).map((q) => ({ questionId: q.id, kind: errors.get(q.id)! })),
    kept,
  };
}
