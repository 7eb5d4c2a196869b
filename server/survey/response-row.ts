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
  /** Every question of the instrument is a key; undefined for one not answered (see answersShape). */
  readonly answers: Answers;
}

/** Answers while they are read: a key for every question, undefined until answered. */
type Unanswered = Record<string, AnswerValue | undefined>;

/**
 * The answers object of one instrument: every question of the instrument is a
 * key, in instrument order, and a question with no answer holds undefined.
 * Readers of answers (the codebook's columns, classify) look a question up and
 * treat undefined as "not answered", which is what a missing key gives too.
 *
 * Why every key: each row's object is then a copy of one template and shares
 * its hidden class, so making it and reading ~50 columns from it stay cheap.
 * Built key by key instead, an object of more than 16 answers drops into
 * V8's dictionary mode, and at a million rows that cost about 5 s of the CSV
 * export (measured on 100 000 rows: 1.41 s to read the answers and lay out the
 * cells that way, 0.87 s with the template).
 */
function answersShape(instrument: Instrument): {
  readonly empty: () => Unanswered;
  readonly types: ReadonlyMap<string, QuestionType>;
} {
  // Object.fromEntries makes an object with fast properties; a spread of it copies its hidden class.
  const template: Unanswered = Object.fromEntries(instrument.questions.map((q) => [q.id, undefined]));
  return {
    empty: () => ({ ...template }),
    types: new Map(instrument.questions.map((q) => [q.id, q.type])),
  };
}

/** Adds a ticked option to a multi-select answer, keeping its codes in ascending order whatever order they came in. */
function tick(answers: Unanswered, id: string, code: number): void {
  const ticked = answers[id] as number[] | undefined;
  if (ticked === undefined) {
    answers[id] = [code];
    return;
  }
  let at = ticked.length;
  // The answers table's key sorts a question's codes already: this loop runs once and stops.
  while (at > 0 && ticked[at - 1]! > code) at--;
  ticked.splice(at, 0, code);
}

/**
 * Turns stored pairs into answers, for one instrument. Built once per pass: the
 * question types are looked up in a map, not searched for on every row. Pairs of
 * a question the instrument no longer has are left out (no column holds them);
 * codes are kept as stored, even one the question no longer offers, so the raw
 * data is never silently changed.
 */
export function answersReader(instrument: Instrument): (pairs: readonly AnswerPair[]) => Answers {
  const { empty, types } = answersShape(instrument);
  return (pairs) => {
    const answers = empty();
    for (const [id, code] of pairs) {
      const type = types.get(id);
      if (type === 'single') answers[id] = code;
      else if (type === 'multi') tick(answers, id, code);
    }
    // An undefined value reads as a missing key does: Answers' index type includes undefined (noUncheckedIndexedAccess).
    return answers as Answers;
  };
}

const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

interface Known {
  /** The question id with its colon: matching it at a pair's start matches the whole id. */
  readonly prefix: string;
  readonly id: string;
  readonly type: QuestionType;
}

/**
 * The same as answersReader, from the text db/responses.ts reads a response's
 * answers as: `question:code` pairs joined by commas (`age_group:6,devices:1,devices:3`),
 * or null for none. Question ids are `[a-z][a-z0-9_]*` (survey/check.ts) and
 * codes integers, so neither separator can occur inside a pair.
 *
 * Why text and a scan by hand: at a million responses of ~25 answers each,
 * JSON.parse of `[[id, code], …]` made 25 million small arrays. Here a pair's
 * id is found among the instrument's ids that start with its first letter
 * (startsWith at the pair's place, so no string is made for it) and the code is
 * read from its digits. Measured on 100 000 rows: 1.5 s for JSON.parse and the
 * pairs reader, 0.45 s for a scan that cut each id out and looked it up in a
 * Map; this scan takes about 15 % less than that one again.
 */
export function answersTextReader(instrument: Instrument): (text: string | null) => Answers {
  const { empty } = answersShape(instrument);
  const byFirstLetter: Known[][] = [];
  for (const q of instrument.questions) (byFirstLetter[q.id.charCodeAt(0)] ??= []).push({ prefix: `${q.id}:`, id: q.id, type: q.type });
  const unreadable = (text: string): Error => new Error(`Cannot read stored answers: ${text}`);

  return (text) => {
    const answers = empty();
    if (text === null) return answers as Answers;
    const end = text.length;
    let at = 0;
    while (at < end) {
      let known: Known | undefined;
      const candidates = byFirstLetter[text.charCodeAt(at)];
      if (candidates) {
        for (const candidate of candidates) {
          if (text.startsWith(candidate.prefix, at)) {
            known = candidate;
            break;
          }
        }
      }
      // A question the instrument no longer has: its code is read past and left out.
      let i = known ? at + known.prefix.length : text.indexOf(':', at) + 1;
      if (i === 0 || text.charCodeAt(i - 1) !== COLON) throw unreadable(text);
      const negative = text.charCodeAt(i) === MINUS;
      if (negative) i++;
      const digits = i;
      let code = 0;
      for (let c = text.charCodeAt(i); i < end && c !== COMMA; c = text.charCodeAt(++i)) {
        if (c < ZERO || c > NINE) throw unreadable(text);
        code = code * 10 + (c - ZERO);
      }
      if (i === digits) throw unreadable(text);
      at = i + 1;
      if (known?.type === 'single') answers[known.id] = negative ? -code : code;
      else if (known?.type === 'multi') tick(answers, known.id, negative ? -code : code);
    }
    return answers as Answers;
  };
}
