// Synthetic responses (npm run seed): written through the app's own storage and
// classification, following the questionnaire's routing and answer rules, the
// same for the same seed; and the command refusing what it cannot do in one line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type SurveyDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { seedDemoRound } from '../../server/bootstrap.ts';
import { classify, CRITERIA } from '../../server/survey/classify.ts';
import { instrument } from '../../server/survey/definition.ts';
import { isShown } from '../../server/survey/pages.ts';
import { DONT_KNOW, LANGUAGES, PREFER_NOT_TO_SAY, type Answers, type AnswerValue } from '../../server/survey/types.ts';
import { parseAnswers } from '../../server/survey/validate.ts';
import { seededRandom } from '../../server/synthetic/random.ts';
import { dailyCounts, roundDays, seedRound } from '../../server/synthetic/seed-round.ts';
import { MODES } from '../../server/survey/types.ts';
import { ROOT } from '../helpers/server-process.ts';

const N = 400;
const ROUND_OPENS = '2026-03-02';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).forEach((c) => c()));

/** A fresh data dir with the demo round, as a first start leaves it. */
function freshSurvey(): { dir: string; db: SurveyDatabase } {
  const dir = mkdtempSync(join(tmpdir(), 'survey-seed-'));
  const db = openDatabase(join(dir, 'survey.sqlite'));
  seedDemoRound(createStores(db.conn).rounds, ROUND_OPENS);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, db };
}

function seeded(seed: string, count = N): SurveyDatabase {
  const { db } = freshSurvey();
  const round = createStores(db.conn).rounds.bySlug('demo')!;
  seedRound(db.conn, instrument, round, { count, seed, batchSize: 150 });
  return db;
}

/** Everything the seed wrote, table by table, in a stable order. */
function contents(db: SurveyDatabase): unknown[] {
  return [
    db.conn.prepare('SELECT * FROM responses ORDER BY id').all(),
    db.conn.prepare('SELECT * FROM answers ORDER BY response_id, question_id, code').all(),
    db.conn.prepare('SELECT * FROM classifications ORDER BY response_id, rule_version').all(),
  ];
}

interface StoredResponse {
  readonly id: number;
  readonly mode: string;
  readonly language: string;
  readonly submitted_date: string;
  readonly paper_form_number: string | null;
  readonly staff_user_id: number | null;
  readonly answers: Answers;
}

/** Responses with their answers rebuilt from the answer rows, as an export reads them. */
function storedResponses(db: SurveyDatabase): StoredResponse[] {
  const rows = db.conn.prepare('SELECT * FROM responses ORDER BY id').all() as Array<Omit<StoredResponse, 'answers'>>;
  const answerRows = db.conn.prepare('SELECT response_id, question_id, code FROM answers ORDER BY response_id, code').all() as Array<{
    response_id: number;
    question_id: string;
    code: number;
  }>;
  const byResponse = new Map<number, Record<string, AnswerValue>>();
  for (const { response_id, question_id, code } of answerRows) {
    const answers = byResponse.get(response_id) ?? {};
    const question = instrument.questions.find((q) => q.id === question_id)!;
    const before = answers[question_id];
    answers[question_id] = question.type === 'single' ? code : [...(Array.isArray(before) ? before : []), code];
    byResponse.set(response_id, answers);
  }
  return rows.map((row) => ({ ...row, answers: byResponse.get(row.id) ?? {} }));
}

const db = seeded('test');
const responses = storedResponses(db);

describe('seedRound', () => {
  it('writes the same rows for the same seed and different ones for another', () => {
    expect(contents(seeded('test'))).toEqual(contents(db));
    const other = contents(seeded('other'));
    expect(other[0]).not.toEqual(contents(db)[0]);
    expect(other[1]).not.toEqual(contents(db)[1]);
  });

  it('writes the count asked for, in every mode and language, dated within the round', () => {
    expect(responses).toHaveLength(N);
    expect(new Set(responses.map((r) => r.mode))).toEqual(new Set(MODES));
    expect(new Set(responses.map((r) => r.language))).toEqual(new Set(LANGUAGES));
    const days = roundDays(createStores(db.conn).rounds.bySlug('demo')!);
    expect(days[0]).toBe(ROUND_OPENS);
    for (const r of responses) expect(days).toContain(r.submitted_date);
    // Spread over the round, not piled on one day.
    expect(new Set(responses.map((r) => r.submitted_date)).size).toBeGreaterThan(10);
  });

  it('gives paper responses unique form numbers, and only them', () => {
    const paper = responses.filter((r) => r.mode === 'paper');
    expect(paper.length).toBeGreaterThan(0);
    expect(new Set(paper.map((r) => r.paper_form_number)).size).toBe(paper.length);
    for (const r of responses) expect(r.paper_form_number === null).toBe(r.mode !== 'paper');
  });

  it('answers only questions the routing shows, and on the web every one of them', () => {
    let routedOut = 0;
    for (const { answers, mode } of responses) {
      for (const question of instrument.questions) {
        const shown = isShown(instrument, question, answers);
        if (!shown) {
          routedOut++;
          expect(answers[question.id], `${question.id} was not shown`).toBeUndefined();
        } else if (mode !== 'paper') {
          // Only a paper form may leave a question blank (instrument.md, "Conventions").
          expect(answers[question.id], `${question.id} was shown`).toBeDefined();
        }
      }
      if (answers['multi_agency'] !== 1) expect(answers['coherence_alone']).toBeUndefined();
    }
    expect(routedOut).toBeGreaterThan(0);
    expect(responses.some((r) => r.answers['multi_agency'] === 1 && r.answers['coherence_alone'] !== undefined)).toBe(true);
  });

  it('gives answers the questionnaire accepts: its codes, one "none" option alone', () => {
    for (const { answers } of responses) {
      // Posted as a browser posts them: strings, a multi-select's name repeated.
      const answered = instrument.questions.filter((q) => answers[q.id] !== undefined);
      const posted: Record<string, string | string[]> = {};
      for (const q of answered) {
        const codes = [answers[q.id]!].flat().map(String);
        posted[q.id] = q.type === 'single' ? codes[0]! : codes;
      }
      expect(parseAnswers(answered, posted), JSON.stringify(answers)).toEqual({ ok: true, answers });
    }
    const devices = responses.map((r) => r.answers['devices']).filter(Array.isArray);
    expect(devices.some((ticked) => ticked.length > 1)).toBe(true);
    expect(devices.some((ticked) => ticked.length === 1 && ticked[0] === 4)).toBe(true);
  });

  it('uses «Vet ikke» (8) and «Vil ikke svare» (9) now and then, not often', () => {
    const codes = responses.flatMap((r) => Object.values(r.answers).flatMap((v) => (typeof v === 'number' ? [v] : [...v])));
    const share = (code: number): number => codes.filter((c) => c === code).length / codes.length;
    expect(share(DONT_KNOW)).toBeGreaterThan(0.005);
    expect(share(DONT_KNOW)).toBeLessThan(0.08);
    expect(share(PREFER_NOT_TO_SAY)).toBeGreaterThan(0.0005);
    expect(share(PREFER_NOT_TO_SAY)).toBeLessThan(0.03);
  });

  it('stores for each response the classification of its stored answers', () => {
    const stored = db.conn.prepare('SELECT response_id, rule_version, segment, reasons, svart_sarbar FROM classifications ORDER BY response_id').all();
    expect(stored).toEqual(
      responses.map(({ id, answers }) => {
        const c = classify(answers);
        return {
          response_id: id,
          rule_version: c.ruleVersion,
          segment: c.segment,
          reasons: CRITERIA.filter((k) => c.reasons.includes(k)).join(';'),
          svart_sarbar: c.svartSarbar ? 1 : 0,
        };
      }),
    );
  });

  it('splits a municipality the way the report does: utsatt 40–55 %, ukjent a small rest; older people less at ease with screens', () => {
    const big = storedResponses(seeded('shares', 3000));
    const segments = big.map(({ answers }) => classify(answers));
    const share = (test: (i: number) => boolean): number => big.filter((_, i) => test(i)).length / big.length;
    expect(share((i) => segments[i]!.segment === 'utsatt')).toBeGreaterThan(0.4);
    expect(share((i) => segments[i]!.segment === 'utsatt')).toBeLessThan(0.55);
    expect(share((i) => segments[i]!.segment === 'ukjent')).toBeLessThan(0.15);
    expect(share((i) => segments[i]!.svartSarbar)).toBeGreaterThan(0.04);
    expect(share((i) => segments[i]!.svartSarbar)).toBeLessThan(0.16);
    const among = (ages: number[], test: (r: StoredResponse) => boolean): number => {
      const group = big.filter((r) => ages.includes(r.answers['age_group'] as number));
      return group.filter(test).length / group.length;
    };
    const lowSkill = (r: StoredResponse): boolean => (r.answers['skill_self'] as number) <= 2;
    const retired = (r: StoredResponse): boolean => r.answers['main_activity'] === 5;
    const offline = (r: StoredResponse): boolean => r.mode !== 'self';
    expect(among([6, 7], lowSkill)).toBeGreaterThan(2 * among([1, 2, 3], lowSkill));
    expect(among([6, 7], retired)).toBeGreaterThan(0.7);
    expect(among([1, 2, 3], retired)).toBeLessThan(0.02);
    expect(among([6, 7], offline)).toBeGreaterThan(2 * among([1, 2, 3], offline));
  });
});

describe('the pieces', () => {
  it('draws the same numbers from the same seed, in [0, 1)', () => {
    const a = seededRandom('x');
    const b = seededRandom('x');
    const drawn = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(drawn);
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom('y').next()).not.toBe(drawn[0]);
  });

  it('spreads a count over the days with none lost, most early on', () => {
    const days = roundDays({ ...createStores(db.conn).rounds.bySlug('demo')!, opensDate: '2026-03-02', closesDate: '2026-03-22' });
    expect(days).toHaveLength(21);
    const counts = dailyCounts(days, 1001);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1001);
    expect(counts[0]!).toBeGreaterThan(counts[20]!);
  });
});

describe('npm run seed', () => {
  const seedCommand = async (dataDir: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [status] = (await once(child, 'close')) as [number | null];
    return { status, stdout, stderr };
  };

  it('seeds a round and says what went in; refuses an unknown round, and a round with responses, in one line', async () => {
    const { dir, db: target } = freshSurvey();
    const done = await seedCommand(dir, ['--round', 'demo', '--responses', '30', '--seed', '7']);
    expect(done).toMatchObject({ status: 0, stderr: '' });
    expect(done.stdout).toMatch(/^Seeded 30 responses into demo \(seed 7\)/);
    expect(target.conn.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(30);

    const [unknown, again] = await Promise.all([
      seedCommand(dir, ['--round', 'nope', '--responses', '10']),
      seedCommand(dir, ['--round', 'demo', '--responses', '10']),
    ]);
    expect(unknown).toEqual({ status: 1, stdout: '', stderr: 'There is no round nope.\n' });
    expect(again).toMatchObject({ status: 1, stdout: '' });
    expect(again.stderr).toMatch(/^Round demo has 30 responses already; .* --append .*\n$/);
  });
});
