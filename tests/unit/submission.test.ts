// What a submission stores: shown answers only, as code rows, with the segment.
import { describe, expect, it } from 'vitest';
import { checkInstrument } from '../../server/survey/check.ts';
import { instrument } from '../../server/survey/definition.ts';
import { toSubmission } from '../../server/survey/submission.ts';
import type { Instrument } from '../../server/survey/types.ts';

describe('toSubmission', () => {
  it('drops answers to questions routed out after a change, and keeps ticked options as rows', () => {
    const { codes, classification, segmentReasons } = toSubmission(instrument, {
      age_group: 7,
      main_activity: 6,
      income: 1,
      skill_self: 1,
      devices: [1, 3],
      multi_agency: 2,
      coherence_alone: 4,
      coherence_easy: 5,
    });
    expect(codes).toEqual([
      ['age_group', 7],
      ['main_activity', 6],
      ['income', 1],
      ['skill_self', 1],
      ['devices', 1],
      ['devices', 3],
      ['multi_agency', 2],
    ]);
    expect(classification.segment).toBe('utsatt');
    expect(classification.svartSarbar).toBe(true);
    expect(segmentReasons).toBe('age;income;labour');
  });

  it('stores nothing but the classification for an empty paper form', () => {
    const { codes, classification, segmentReasons } = toSubmission(instrument, {});
    expect(codes).toEqual([]);
    expect(classification.segment).toBe('ukjent');
    expect(segmentReasons).toBe('');
  });
});

describe('checkInstrument on routing', () => {
  it('refuses routing that depends on a multi-select question', () => {
    const broken: Instrument = {
      ...instrument,
      questions: instrument.questions.map((q) => (q.id === 'coherence_alone' ? { ...q, showIf: { question: 'devices', anyOf: [1] } } : q)),
    };
    expect(checkInstrument(broken)).toContain('coherence_alone: routing must depend on a single-choice question');
  });
});
