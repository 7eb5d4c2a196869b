// Drafts read back (server/survey/stored-answers.ts): what a stored draft keeps
// when it is read on the next page, checked against the definition directly.
import { describe, expect, it } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import { readAnswers } from '../../server/survey/stored-answers.ts';
import { parseAnswers } from '../../server/survey/validate.ts';

const question = (id: string) => instrument.questions.find((q) => q.id === id)!;

describe('a stored draft', () => {
  it('keeps what the form would have accepted, typed as the form gave it', () => {
    const posted = { age_group: '6', devices: ['2', '1'], channel_pref: '4' };
    const expected: Record<string, unknown> = {};
    for (const id of Object.keys(posted)) {
      const parsed = parseAnswers([question(id)], posted);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expected[id] = parsed.answers[id];
    }
    expect(readAnswers(instrument, JSON.stringify(expected))).toEqual({ age_group: 6, devices: [1, 2], channel_pref: 4 });
  });

  it('drops what the questionnaire no longer has or never allowed, and keeps the rest', () => {
    const stored = {
      age_group: 42, // no such code
      gender: '1', // a string: not how answers are stored
      retired_question: 1, // no such question
      devices: [1, 4], // «Ingen av disse» with another: refused by the form too
      help_source: [3, 1, 3], // kept once each, in order
      income: 2,
    };
    expect(readAnswers(instrument, JSON.stringify(stored))).toEqual({ help_source: [1, 3], income: 2 });
  });

  it('reads damaged JSON as no answers', () => {
    for (const text of ['{', 'null', '"text"', '[1,2]', '']) expect(readAnswers(instrument, text), text).toEqual({});
  });
});
