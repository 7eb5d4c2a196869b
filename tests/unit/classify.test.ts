// The "utsatt" segment rule (shared/instrument.md, rule utsatt-2022.1), checked
// against a truth table written out here from the contract, independently of
// classify.ts: literal per-code lookups and a numeric Kleene logic (0, ½, 1).
import { describe, expect, it } from 'vitest';
import { classify } from '../../server/survey/classify.ts';
import { instrument } from '../../server/survey/definition.ts';
import type { AnswerValue, Answers } from '../../server/survey/types.ts';

type Reason = 'age' | 'income' | 'labour';

// ---------------------------------------------------------------------------
// The contract as literal tables. Kleene truth values as numbers:
// 1 = true, 0 = false, 0.5 = unknown; AND = min, OR = max, NOT = 1 - x.
// 'missing' is "not answered" (key absent).
// ---------------------------------------------------------------------------
const T = 1;
const F = 0;
const U = 0.5;
type Kleene = typeof T | typeof F | typeof U;
type Key = number | 'missing';

/** C1: age_group {6,7} → true; {1..5} → false; 9 or missing → unknown. */
const OVER_67: ReadonlyMap<Key, Kleene> = new Map<Key, Kleene>([
  [1, F],
  [2, F],
  [3, F],
  [4, F],
  [5, F],
  [6, T],
  [7, T],
  [9, U],
  ['missing', U],
]);

/** main_activity = 3 (student); refused or missing → unknown. */
const IS_STUDENT: ReadonlyMap<Key, Kleene> = new Map<Key, Kleene>([
  [1, F],
  [2, F],
  [3, T],
  [4, F],
  [5, F],
  [6, F],
  [7, F],
  [10, F],
  [9, U],
  ['missing', U],
]);

/** income ≤ NOK 500 000: {1,2,3} → true; {4,5,6} → false; 8, 9, missing → unknown. */
const INCOME_UP_TO_500K: ReadonlyMap<Key, Kleene> = new Map<Key, Kleene>([
  [1, T],
  [2, T],
  [3, T],
  [4, F],
  [5, F],
  [6, F],
  [8, U],
  [9, U],
  ['missing', U],
]);

/** C3: main_activity {5,6,7} → true; {1,2,3,4} → false; 10, 9, missing → unknown. */
const OUTSIDE_LABOUR_FORCE: ReadonlyMap<Key, Kleene> = new Map<Key, Kleene>([
  [1, F],
  [2, F],
  [3, F],
  [4, F],
  [5, T],
  [6, T],
  [7, T],
  [10, U],
  [9, U],
  ['missing', U],
]);

function lookup(table: ReadonlyMap<Key, Kleene>, key: Key, what: string): Kleene {
  const value = table.get(key);
  if (value === undefined) throw new Error(`truth table for ${what} has no entry for ${String(key)}`);
  return value;
}

interface Expected {
  readonly segment: 'utsatt' | 'ovrige' | 'ukjent';
  readonly reasons: readonly Reason[];
}

function expectedFor(age: Key, activity: Key, income: Key): Expected {
  const c1 = lookup(OVER_67, age, 'age_group');
  const c2 = Math.min(1 - lookup(IS_STUDENT, activity, 'main_activity'), lookup(INCOME_UP_TO_500K, income, 'income'));
  const c3 = lookup(OUTSIDE_LABOUR_FORCE, activity, 'main_activity');
  const any = Math.max(c1, c2, c3);
  const reasons: Reason[] = [];
  if (c1 === T) reasons.push('age');
  if (c2 === T) reasons.push('income');
  if (c3 === T) reasons.push('labour');
  return { segment: any === T ? 'utsatt' : any === F ? 'ovrige' : 'ukjent', reasons };
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
function codesOf(id: string): number[] {
  const question = instrument.questions.find((q) => q.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return question.options.map((o) => o.code);
}

function answersFor(values: Readonly<Record<string, Key | AnswerValue>>): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(values)) {
    if (value !== 'missing') answers[id] = value;
  }
  return answers;
}

const background = (age: Key, activity: Key, income: Key, extra: Record<string, AnswerValue> = {}): Answers =>
  answersFor({ age_group: age, main_activity: activity, income, ...extra });

// ---------------------------------------------------------------------------

describe('classify: worked examples from instrument.md', () => {
  const examples: ReadonlyArray<[number, number, number, Expected['segment'], readonly Reason[]]> = [
    [6, 1, 5, 'utsatt', ['age']],
    [2, 1, 5, 'ovrige', []],
    [2, 3, 1, 'ovrige', []],
    [3, 1, 2, 'utsatt', ['income']],
    [4, 6, 9, 'utsatt', ['labour']],
    [9, 1, 9, 'ukjent', []],
    [9, 1, 5, 'ukjent', []],
  ];

  it.each(examples)('age_group %i, main_activity %i, income %i → %s %j', (age, activity, income, segment, reasons) => {
    const result = classify(background(age, activity, income));
    expect(result.segment).toBe(segment);
    expect(result.reasons).toEqual(reasons);
    expect(result.ruleVersion).toBe('utsatt-2022.1');
  });
});

describe('classify: every combination of age_group × main_activity × income', () => {
  const ages: Key[] = [...codesOf('age_group'), 'missing'];
  const activities: Key[] = [...codesOf('main_activity'), 'missing'];
  const incomes: Key[] = [...codesOf('income'), 'missing'];

  it('the truth tables cover exactly the codes of the definition', () => {
    const keys = (table: ReadonlyMap<Key, Kleene>): Key[] => [...table.keys()].sort((a, b) => String(a).localeCompare(String(b)));
    const sorted = (list: Key[]): Key[] => [...list].sort((a, b) => String(a).localeCompare(String(b)));
    expect(keys(OVER_67)).toEqual(sorted(ages));
    expect(keys(IS_STUDENT)).toEqual(sorted(activities));
    expect(keys(OUTSIDE_LABOUR_FORCE)).toEqual(sorted(activities));
    expect(keys(INCOME_UP_TO_500K)).toEqual(sorted(incomes));
  });

  it('matches the truth table in all 810 cases (segment, reasons in order, rule version)', () => {
    const mismatches: string[] = [];
    let cases = 0;
    const segments = { utsatt: 0, ovrige: 0, ukjent: 0 };
    for (const age of ages) {
      for (const activity of activities) {
        for (const income of incomes) {
          cases += 1;
          const expected = expectedFor(age, activity, income);
          const actual = classify(background(age, activity, income));
          segments[expected.segment] += 1;
          const same =
            actual.segment === expected.segment &&
            JSON.stringify(actual.reasons) === JSON.stringify(expected.reasons) &&
            actual.ruleVersion === 'utsatt-2022.1';
          if (!same) {
            mismatches.push(
              `age_group=${age} main_activity=${activity} income=${income}: ` +
                `expected ${expected.segment} ${JSON.stringify(expected.reasons)}, ` +
                `got ${actual.segment} ${JSON.stringify(actual.reasons)} ${actual.ruleVersion}`,
            );
          }
        }
      }
    }
    expect(cases).toBe(9 * 10 * 9);
    expect(cases).toBe(810);
    // The enumeration really exercises all three outcomes.
    expect(segments.utsatt).toBeGreaterThan(0);
    expect(segments.ovrige).toBeGreaterThan(0);
    expect(segments.ukjent).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  });

  it('lists several reasons in the order age, income, labour', () => {
    // 80+, on disability benefit, income under 200 000: all three criteria hold.
    expect(classify(background(7, 6, 1)).reasons).toEqual(['age', 'income', 'labour']);
    expect(classify(background(2, 5, 2)).reasons).toEqual(['income', 'labour']);
    expect(classify(background(6, 5, 9)).reasons).toEqual(['age', 'labour']);
  });

  it('a student is never low-income, whatever the income', () => {
    for (const income of [1, 2, 3, 8, 9, 'missing'] as const) {
      expect(classify(background(2, 3, income)).segment).toBe('ovrige');
    }
  });

  it('classifies an empty response as ukjent without reasons', () => {
    expect(classify({})).toEqual({ segment: 'ukjent', reasons: [], svartSarbar: false, ruleVersion: 'utsatt-2022.1' });
  });
});

describe('classify: svart_sarbar (highly vulnerable)', () => {
  const utsatt = background(6, 5, 1);
  const ovrige = background(2, 1, 5);
  const ukjent = background(9, 1, 9);

  it.each([1, 2])('is true for utsatt with skill_self %i', (skill) => {
    const result = classify({ ...utsatt, skill_self: skill });
    expect(result.segment).toBe('utsatt');
    expect(result.svartSarbar).toBe(true);
  });

  it.each([3, 4, 5, 8])('is false for utsatt with skill_self %i', (skill) => {
    const result = classify({ ...utsatt, skill_self: skill });
    expect(result.segment).toBe('utsatt');
    expect(result.svartSarbar).toBe(false);
  });

  it('is false for utsatt when skill_self is not answered', () => {
    expect(classify(utsatt).svartSarbar).toBe(false);
  });

  it('is false for utsatt when skill_self is an unknown code or an array', () => {
    expect(classify({ ...utsatt, skill_self: 99 }).svartSarbar).toBe(false);
    expect(classify({ ...utsatt, skill_self: [1] }).svartSarbar).toBe(false);
  });

  it('is false for ovrige and ukjent even with skill_self 1', () => {
    expect(classify({ ...ovrige, skill_self: 1 })).toMatchObject({ segment: 'ovrige', svartSarbar: false });
    expect(classify({ ...ukjent, skill_self: 1 })).toMatchObject({ segment: 'ukjent', svartSarbar: false });
  });

  it('holds for every utsatt combination with skill 1 or 2 and no other', () => {
    let checked = 0;
    for (const age of [...codesOf('age_group'), 'missing'] as Key[]) {
      for (const activity of [...codesOf('main_activity'), 'missing'] as Key[]) {
        for (const skill of [...codesOf('skill_self'), 'missing'] as Key[]) {
          const expectedSegment = expectedFor(age, activity, 1).segment;
          const result = classify(answersFor({ age_group: age, main_activity: activity, income: 1, skill_self: skill }));
          expect(result.svartSarbar).toBe(expectedSegment === 'utsatt' && (skill === 1 || skill === 2));
          checked += 1;
        }
      }
    }
    expect(checked).toBe(9 * 10 * 7);
  });
});

describe('classify: malformed values count as unknown', () => {
  it('an array where age_group expects a code is unknown, not "over 67"', () => {
    const result = classify({ age_group: [6], main_activity: 1, income: 5 });
    expect(result.segment).toBe('ukjent');
    expect(result.reasons).toEqual([]);
  });

  it('an array where main_activity expects a code is unknown (neither student nor pensioner)', () => {
    // With a known activity 5 this would be utsatt (labour) and with 3 ovrige.
    expect(classify({ age_group: 2, main_activity: [5], income: 5 }).segment).toBe('ukjent');
    // Low income with unknown activity: C2 = (NOT unknown) AND true = unknown.
    expect(classify({ age_group: 2, main_activity: [3], income: 1 })).toMatchObject({ segment: 'ukjent', reasons: [] });
  });

  it('an array where income expects a code is unknown', () => {
    expect(classify({ age_group: 2, main_activity: 1, income: [1] }).segment).toBe('ukjent');
    expect(classify({ age_group: 2, main_activity: 1, income: [5] }).segment).toBe('ukjent');
  });

  it('an unknown code like 99 is unknown', () => {
    expect(classify({ age_group: 99, main_activity: 1, income: 5 }).segment).toBe('ukjent');
    expect(classify({ age_group: 2, main_activity: 99, income: 5 }).segment).toBe('ukjent');
    expect(classify({ age_group: 2, main_activity: 1, income: 99 }).segment).toBe('ukjent');
    // 0 and negative codes are not codes either.
    expect(classify({ age_group: 0, main_activity: 1, income: 5 }).segment).toBe('ukjent');
  });

  it('an unknown value does not block utsatt when another criterion is true', () => {
    expect(classify({ age_group: 99, main_activity: 6, income: [1] })).toMatchObject({ segment: 'utsatt', reasons: ['labour'] });
  });
});
