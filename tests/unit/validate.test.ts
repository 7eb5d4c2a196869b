// Parsing posted form bodies into answers, with error kinds the HTTP layer words.
import { describe, expect, it } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import { findQuestion } from '../../server/survey/pages.ts';
import type { Question } from '../../server/survey/types.ts';
import { parseAnswers, type AnswerErrorKind, type ParseResult } from '../../server/survey/validate.ts';

function question(id: string): Question {
  const q = findQuestion(instrument, id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

/** Parses a body posted for one question. */
const parseOne = (id: string, body: unknown): ParseResult => parseAnswers([question(id)], body);

/** The answers of a successful parse; fails the test otherwise. */
function answersOf(result: ParseResult): Readonly<Record<string, unknown>> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.answers;
}

/** The error kinds of a failed parse by question id; fails the test otherwise. */
function errorsOf(result: ParseResult): Record<string, AnswerErrorKind> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.answers)}`);
  return Object.fromEntries(result.errors.map((e) => [e.questionId, e.kind]));
}

describe('parseAnswers: single-choice question', () => {
  it.each([
    ['missing', {}],
    ['empty', { age_group: '' }],
    ['whitespace', { age_group: '   ' }],
    ['tab and newline', { age_group: '\t\n' }],
  ])('%s → required', (_name, body) => {
    expect(errorsOf(parseOne('age_group', body))).toEqual({ age_group: 'required' });
  });

  it.each([
    ['a code the question lacks', '99'],
    ['a code of another question', '8'],
    ['a word', 'abc'],
    ['a decimal', '1.5'],
    ['zero', '0'],
    ['a negative number', '-1'],
  ])('%s → unknown_code', (_name, value) => {
    expect(errorsOf(parseOne('age_group', { age_group: value }))).toEqual({ age_group: 'unknown_code' });
  });

  it('an array (a tampered radio) → unknown_code', () => {
    expect(errorsOf(parseOne('age_group', { age_group: ['1', '2'] }))).toEqual({ age_group: 'unknown_code' });
  });

  it('a non-string value → unknown_code', () => {
    expect(errorsOf(parseOne('age_group', { age_group: { code: '1' } }))).toEqual({ age_group: 'unknown_code' });
  });

  it("' 6 ' → 6 (trimmed, as a number)", () => {
    expect(answersOf(parseOne('age_group', { age_group: ' 6 ' }))).toEqual({ age_group: 6 });
  });

  it('accepts every code of the question', () => {
    for (const o of question('main_activity').options) {
      expect(answersOf(parseOne('main_activity', { main_activity: String(o.code) }))).toEqual({ main_activity: o.code });
    }
  });

  it('a body that is not an object counts as nothing posted', () => {
    expect(errorsOf(parseOne('age_group', undefined))).toEqual({ age_group: 'required' });
    expect(errorsOf(parseOne('age_group', null))).toEqual({ age_group: 'required' });
    expect(errorsOf(parseOne('age_group', 'age_group=6'))).toEqual({ age_group: 'required' });
  });
});

describe('parseAnswers: multi-select question', () => {
  it("a single string '1' → [1]", () => {
    expect(answersOf(parseOne('devices', { devices: '1' }))).toEqual({ devices: [1] });
  });

  it("['3', '1', '1'] → [1, 3] (sorted, without duplicates)", () => {
    expect(answersOf(parseOne('devices', { devices: ['3', '1', '1'] }))).toEqual({ devices: [1, 3] });
  });

  it.each([
    ['an empty list', { devices: [] }],
    ['absent', {}],
    ['an empty string', { devices: '' }],
    ['only blank strings', { devices: ['', ' '] }],
  ])('%s → required', (_name, body) => {
    expect(errorsOf(parseOne('devices', body))).toEqual({ devices: 'required' });
  });

  it("['1', '4'] on devices → exclusive ('Ingen av disse' with another)", () => {
    expect(errorsOf(parseOne('devices', { devices: ['1', '4'] }))).toEqual({ devices: 'exclusive' });
  });

  it("['5', '6'] on help_source → exclusive (two 'Ingen' answers)", () => {
    expect(errorsOf(parseOne('help_source', { help_source: ['5', '6'] }))).toEqual({ help_source: 'exclusive' });
  });

  it("['6', '1'] on help_source → exclusive", () => {
    expect(errorsOf(parseOne('help_source', { help_source: ['6', '1'] }))).toEqual({ help_source: 'exclusive' });
  });

  it("['4'] alone on devices is fine, and so is ['4', '4']", () => {
    expect(answersOf(parseOne('devices', { devices: ['4'] }))).toEqual({ devices: [4] });
    expect(answersOf(parseOne('devices', { devices: ['4', '4'] }))).toEqual({ devices: [4] });
  });

  it('all non-exclusive options together are fine', () => {
    expect(answersOf(parseOne('help_source', { help_source: ['4', '3', '2', '1'] }))).toEqual({ help_source: [1, 2, 3, 4] });
  });

  it("['1', 'x'] → unknown_code", () => {
    expect(errorsOf(parseOne('devices', { devices: ['1', 'x'] }))).toEqual({ devices: 'unknown_code' });
  });

  it("['1', '5'] on devices → unknown_code (5 is not a devices code)", () => {
    expect(errorsOf(parseOne('devices', { devices: ['1', '5'] }))).toEqual({ devices: 'unknown_code' });
  });

  it('blank entries beside a ticked box are ignored', () => {
    expect(answersOf(parseOne('devices', { devices: ['', '2'] }))).toEqual({ devices: [2] });
  });
});

describe('parseAnswers: several questions at once', () => {
  const questions = ['age_group', 'gender', 'devices', 'help_source'].map(question);

  it('succeeds with only the answers, ignoring extra fields like _csrf', () => {
    const result = parseAnswers(questions, {
      _csrf: 'token',
      action: 'continue',
      age_group: '6',
      gender: '2',
      devices: ['1', '2'],
      help_source: '5',
    });
    expect(answersOf(result)).toEqual({ age_group: 6, gender: 2, devices: [1, 2], help_source: [5] });
  });

  it('on failure, reports each failing question once, in question order, and keeps the valid answers', () => {
    const result = parseAnswers(questions, {
      _csrf: 'token',
      help_source: ['5', '1'],
      age_group: '6',
      gender: '99',
      devices: ['1', '2'],
    });
    if (result.ok) throw new Error('expected failure');
    expect(result.errors).toEqual([
      { questionId: 'gender', kind: 'unknown_code' },
      { questionId: 'help_source', kind: 'exclusive' },
    ]);
    expect(result.kept).toEqual({ age_group: 6, devices: [1, 2] });
  });

  it('on failure, a missing answer is an error and not kept', () => {
    const result = parseAnswers(questions, { _csrf: 'token', age_group: '3', devices: '4', help_source: '1' });
    expect(errorsOf(result)).toEqual({ gender: 'required' });
    if (result.ok) throw new Error('expected failure');
    expect(result.kept).toEqual({ age_group: 3, devices: [4], help_source: [1] });
    expect(result.kept).not.toHaveProperty('_csrf');
  });

  it('parsing the same question object twice gives the same result (schemas are cached)', () => {
    const first = parseOne('devices', { devices: ['2', '1'] });
    const second = parseOne('devices', { devices: ['2', '1'] });
    expect(second).toEqual(first);
    expect(answersOf(second)).toEqual({ devices: [1, 2] });
  });
});
