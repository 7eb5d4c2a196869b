// Reading a keyed paper form (server/survey/paper.ts) without a server: the ways
// keyers separate codes, blanks, routing, and every refusal.
import { describe, expect, it } from 'vitest';
import { paperFormNumber, parsePaperForm } from '../../server/survey/paper.ts';
import { instrument } from '../../server/survey/definition.ts';

describe('parsePaperForm', () => {
  it.each([['1 3'], ['1,3'], ['1;3'], [' 3  1 '], ['1, 3'], [['1', '3']], ['1 3 3']])('reads %j as options 1 and 3', (typed) => {
    const parsed = parsePaperForm(instrument, { age_group: '6', devices: typed });
    expect(parsed).toEqual({ ok: true, answers: { age_group: 6, devices: [1, 3] }, routedOut: [] });
  });

  it('stores blanks as unanswered and drops what routing skips, naming it', () => {
    const parsed = parsePaperForm(instrument, { age_group: '', multi_agency: '2', coherence_alone: '4', coherence_easy: '  ' });
    expect(parsed).toEqual({ ok: true, answers: { multi_agency: 2 }, routedOut: ['coherence_alone'] });
  });

  it('keeps a routed answer when the answer that opens it is there', () => {
    const parsed = parsePaperForm(instrument, { multi_agency: '1', coherence_alone: '4' });
    expect(parsed).toEqual({ ok: true, answers: { multi_agency: 1, coherence_alone: 4 }, routedOut: [] });
  });

  it('refuses every bad field at once, in questionnaire order', () => {
    const parsed = parsePaperForm(instrument, { devices: '4 2', gender: '1 2', age_group: 'x', income: '8' });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { questionId: 'age_group', kind: 'unknown_code', code: 'x' },
        { questionId: 'gender', kind: 'one_code' },
        { questionId: 'devices', kind: 'exclusive', code: '4' },
      ],
    });
  });

  it('refuses a form with nothing keyed, and ignores fields that are not questions', () => {
    expect(parsePaperForm(instrument, { paper_form_number: '7', _csrf: 'x' })).toEqual({
      ok: false,
      errors: [{ questionId: 'age_group', kind: 'empty' }],
    });
    expect(parsePaperForm(instrument, null)).toMatchObject({ ok: false });
  });
});

describe('paperFormNumber', () => {
  it.each([
    ['17', '17'],
    [' a-17 ', 'A-17'],
    ['B 0042', 'B0042'],
  ])('reads %j as %j', (typed, number) => {
    expect(paperFormNumber.parse(typed)).toBe(number);
  });

  it.each([[''], ['   '], ['-1'], ['17/2'], ['x'.repeat(21)], [['1', '2']]])('refuses %j', (typed) => {
    expect(paperFormNumber.safeParse(typed).success).toBe(false);
  });
});
