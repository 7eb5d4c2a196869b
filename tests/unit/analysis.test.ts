// The pure analysis (server/analysis/) against hand-worked and published
// examples: Wilson intervals, small-cell suppression, raking and Kish's
// effective sample size, and a report built from a small tally.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, columnsFor, type ReportTable } from '../../server/analysis/report.ts';
import { suppress, type Relation } from '../../server/analysis/suppression.ts';
import { ANSWERED, type AnswerCount, type RespondentCount } from '../../server/analysis/tally.ts';
import { kish, MARGIN_QUESTIONS, rake, WEIGHT_CAP } from '../../server/analysis/weights.ts';
import { wilson } from '../../server/analysis/wilson.ts';
import { instrument } from '../../server/survey/definition.ts';

describe('Wilson interval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17, table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives %f–%f as published', (k, n, low, high) => {
    const interval = wilson(k / n, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('has no interval for an empty base, and stays inside 0–1', () => {
    expect(wilson(0, 0)).toBeNull();
    const all = wilson(1, 3)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeGreaterThan(0);
  });
});

/** Whether any hidden count, or a sum of hidden parts below the threshold, follows from one relation by subtraction. */
function recoverable(relations: readonly Relation[], hidden: ReadonlySet<string>, counts: ReadonlyMap<string, number>, minCell: number): string[] {
  const found: string[] = [];
  for (const r of relations) {
    const cells = [r.total, ...r.parts];
    const h = cells.filter((c) => hidden.has(c));
    if (h.length === 1) found.push(h[0]!);
    if (h.length > 1 && !hidden.has(r.total)) {
      const sum = h.reduce((s, c) => s + counts.get(c)!, 0);
      if (sum > 0 && sum < minCell) found.push(h.join('+'));
    }
  }
  return found;
}

describe('small-cell suppression', () => {
  // A table of one answer by segment: rows a–c, columns utsatt/ovrige/ukjent, with «alle» and bases.
  const table: Record<string, Record<string, number>> = {
    utsatt: { a: 40, b: 3, c: 30 },
    ovrige: { a: 50, b: 20, c: 25 },
    ukjent: { a: 9, b: 6, c: 8 },
  };
  const counts = new Map<string, number>();
  const relations: Relation[] = [];
  const columns: { base: string; cells: string[] }[] = [];
  for (const [segment, rows] of Object.entries(table)) {
    const cells = Object.keys(rows).map((row) => `${segment}|${row}`);
    Object.entries(rows).forEach(([row, n]) => counts.set(`${segment}|${row}`, n));
    counts.set(`${segment}|base`, Object.values(rows).reduce((a, b) => a + b, 0));
    relations.push({ total: `${segment}|base`, parts: cells });
    columns.push({ base: `${segment}|base`, cells });
  }
  for (const row of ['a', 'b', 'c', 'base']) {
    const parts = Object.keys(table).map((segment) => `${segment}|${row}`);
    counts.set(`alle|${row}`, parts.reduce((s, c) => s + counts.get(c)!, 0));
    relations.push({ total: `alle|${row}`, parts });
  }

  it('hides the count of 3 and enough others that no subtraction gives it back', () => {
    const hidden = suppress({ counts, primary: ['utsatt|b'], relations, columns }, 5);
    expect(hidden.has('utsatt|b')).toBe(true);
    // Its column and its row each need a second hidden cell.
    expect(['utsatt|a', 'utsatt|c'].some((c) => hidden.has(c))).toBe(true);
    expect(['ovrige|b', 'ukjent|b', 'alle|b'].some((c) => hidden.has(c))).toBe(true);
    expect(recoverable(relations, hidden, counts, 5)).toEqual([]);
    // Bases stay: nothing forced them.
    expect(hidden.has('utsatt|base')).toBe(false);
  });

  it('hides on until hidden parts add up to the threshold or more', () => {
    // Two small cells in one column: 1 + 2 = 3 is still below 5, so a third goes.
    const small = new Map(counts);
    small.set('ovrige|a', 1).set('ovrige|b', 2).set('ovrige|c', 40).set('ovrige|base', 43);
    const hidden = suppress({ counts: small, primary: ['ovrige|a', 'ovrige|b'], relations, columns }, 5);
    expect(hidden.has('ovrige|c')).toBe(true);
    expect(recoverable(relations, hidden, small, 5)).toEqual([]);
  });

  it('never chooses a fixed cell, and hides a column whose base is hidden', () => {
    const hidden = suppress({ counts, primary: ['ukjent|base'], relations, columns, fixed: new Set(['alle|base']) }, 5);
    expect(['ukjent|a', 'ukjent|b', 'ukjent|c'].every((c) => hidden.has(c))).toBe(true);
    expect(hidden.has('alle|base')).toBe(false);
    expect(recoverable(relations, hidden, counts, 5)).toEqual([]);
  });
});

describe('raking', () => {
  const cell = (age: number, gender: number, n: number) => ({ codes: { age_group: age, gender }, n });
  // Worked by hand: age 20+20 / 30+30 raked to 50/50, then gender 50/50 to 60/40.
  // Age factors 50/40 = 1.25 and 50/60; gender then 60/50 = 1.2 and 40/50 = 0.8; the second pass changes nothing.
  const sample = [cell(2, 1, 20), cell(2, 2, 20), cell(4, 1, 30), cell(4, 2, 30)];
  const margins = { age_group: new Map([[2, 500], [4, 500]]), gender: new Map([[1, 600], [2, 400]]) };

  it('gives the hand-worked weights and meets both margins', () => {
    const w = rake(sample, margins);
    expect(w.converged).toBe(true);
    expect(w.weightOf({ age_group: 2, gender: 1 })).toBeCloseTo(1.5, 9);
    expect(w.weightOf({ age_group: 2, gender: 2 })).toBeCloseTo(1, 9);
    expect(w.weightOf({ age_group: 4, gender: 1 })).toBeCloseTo(1, 9);
    expect(w.weightOf({ age_group: 4, gender: 2 })).toBeCloseTo(2 / 3, 9);
    expect(w.trimmed).toBe(0);
  });

  it("gives Kish's effective size (Σw)²/Σw²: 100²/108.33 = 92.31", () => {
    const w = rake(sample, margins);
    const sum = sample.reduce((s, c) => s + c.n * w.weightOf(c.codes), 0);
    const squares = sample.reduce((s, c) => s + c.n * w.weightOf(c.codes) ** 2, 0);
    expect(sum).toBeCloseTo(100, 9);
    expect(kish(sum, squares)).toBeCloseTo(10000 / (45 + 20 + 30 + 40 / 3), 6);
  });

  it('lets respondents with 9 on gender keep their weight in the gender step', () => {
    // 10 more in age group 2 who would not give their gender: the age step includes them, the gender step does not.
    const w = rake([...sample, cell(2, 9, 10)], margins);
    expect(w.unweighted.gender).toBe(10);
    const known = sample.reduce((s, c) => s + c.n * w.weightOf(c.codes), 0);
    const byGender = (g: number) => sample.filter((c) => c.codes.gender === g).reduce((s, c) => s + c.n * w.weightOf(c.codes), 0);
    // Among those who gave it, 60/40 as in the population.
    expect(byGender(1) / known).toBeCloseTo(0.6, 6);
    // Ages 50/50 over everyone, the ten included.
    const age2 = [...sample, cell(2, 9, 10)].filter((c) => c.codes.age_group === 2).reduce((s, c) => s + c.n * w.weightOf(c.codes), 0);
    expect(age2 / 110).toBeCloseTo(0.5, 6);
  });

  it('cuts weights at the cap and keeps the sum the number of respondents', () => {
    // One respondent aged 16–24 where the population has half its people: far above the cap before trimming.
    const lopsided = [cell(1, 1, 1), cell(5, 1, 99)];
    const w = rake(lopsided, { age_group: new Map([[1, 500], [5, 500]]) });
    expect(w.weightOf({ age_group: 1, gender: 1 })).toBeCloseTo(WEIGHT_CAP, 9);
    expect(w.trimmed).toBe(1);
    expect(WEIGHT_CAP + 99 * w.weightOf({ age_group: 5, gender: 1 })).toBeCloseTo(100, 9);
  });

  it('names a population group nobody in the sample belongs to', () => {
    const w = rake(sample, { ...margins, age_group: new Map([[2, 400], [4, 400], [7, 200]]) });
    expect(w.missingGroups).toEqual([{ question: 'age_group', code: 7 }]);
  });

  it('uses the margin questions the tallies are kept by (migration 007 names them in SQL)', () => {
    const sql = readFileSync(join(import.meta.dirname, '..', '..', 'db', 'migrations', '007_report.sql'), 'utf8');
    for (const question of MARGIN_QUESTIONS) expect(sql).toContain(`x.question_id = '${question}'`);
    expect(sql.match(/x\.question_id = '(\w+)'/g)).toHaveLength(MARGIN_QUESTIONS.length);
  });
});

describe('a report from a small tally', () => {
  const group = { mode: 'self' as const, sharedDevice: false, margins: { age_group: 0, gender: 0 } };
  const respondents: RespondentCount[] = [
    { ...group, segment: 'utsatt', reasons: 'age', svartSarbar: false, n: 40 },
    { ...group, segment: 'ovrige', reasons: '', svartSarbar: false, n: 60 },
  ];
  const answer = (segment: 'utsatt' | 'ovrige', question: string, code: number, n: number): AnswerCount => ({ ...group, segment, question, code, n });
  const answers: AnswerCount[] = [
    // channel_pref: 9 leaves the base, 8 is a row of its own.
    answer('utsatt', 'channel_pref', 4, 12),
    answer('utsatt', 'channel_pref', 1, 20),
    answer('utsatt', 'channel_pref', 8, 6),
    answer('utsatt', 'channel_pref', 9, 2),
    answer('utsatt', 'channel_pref', ANSWERED, 38),
    answer('ovrige', 'channel_pref', 4, 15),
    answer('ovrige', 'channel_pref', 1, 45),
    answer('ovrige', 'channel_pref', ANSWERED, 60),
    // devices (multi-select): shares of those who answered, adding up to more than 1.
    answer('utsatt', 'devices', 1, 30),
    answer('utsatt', 'devices', 2, 25),
    answer('utsatt', 'devices', ANSWERED, 40),
  ];
  const report = buildReport(instrument, { respondents, answers }, { minCell: 5 });
  const table = (id: string): ReportTable => report.questions.find((t) => t.id === id)!;
  const cellOf = (t: ReportTable, column: string, code: number) => {
    const c = columnsFor(t, 'segment').find((col) => col.value === column)!;
    return { cell: c.cells[t.rows.findIndex((r) => r.code === code)]!, base: c.base };
  };

  it('counts a single-select over its base, with «Vet ikke» as a row and 9 left out', () => {
    const t = table('channel_pref');
    expect(t.rows.map((r) => r.code)).not.toContain(9);
    const phone = cellOf(t, 'utsatt', 4);
    expect(phone.base.n).toBe(38);
    expect(phone.cell.n).toBe(12);
    expect(phone.cell.share).toBeCloseTo(12 / 38, 12);
    expect(cellOf(t, 'utsatt', 8).cell.share).toBeCloseTo(6 / 38, 12);
    const all = cellOf(t, 'alle', 4);
    expect(all.cell.n).toBe(27);
    expect(all.base.n).toBe(98);
    expect(all.cell.interval!.low).toBeCloseTo(wilson(27 / 98, 98)!.low, 12);
  });

  it('shows a multi-select option as the share of the base who ticked it', () => {
    const t = table('devices');
    expect(t.kind).toBe('multi');
    expect(cellOf(t, 'utsatt', 1).cell.share).toBeCloseTo(30 / 40, 12);
    expect(cellOf(t, 'utsatt', 2).cell.share).toBeCloseTo(25 / 40, 12);
  });

  it('shows the segment sizes and criteria, and no table of a question nobody answered', () => {
    expect(report.respondents).toBe(100);
    expect(report.segment.columns[0]!.cells.map((c) => c.n)).toEqual([40, 60, 0]);
    expect(report.criteria.columns[0]!.cells[0]!.share).toBeCloseTo(0.4, 12);
    expect(table('learn_pref').shown).toBe(false);
  });

  it('reads the reference figures beside their rows', () => {
    const phone = table('channel_pref').rows.find((r) => r.code === 4)!;
    expect(phone.references.map((r) => [r.column, r.share])).toEqual([
      ['utsatt', 0.3],
      ['ovrige', 0.22],
    ]);
  });
});
