// The variables of the data set: export columns and values (shared/instrument.md,
// "Conventions": one 0/1 column per multi-select option, routed-out questions empty).
import { describe, expect, it } from 'vitest';
import { answerVariables, exportHeader, optionLabel, variableValue, type AnswerVariable } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import { findQuestion, shownAnswers } from '../../server/survey/pages.ts';
import type { Answers, Question } from '../../server/survey/types.ts';

const BEFORE = ['response_id', 'round', 'language', 'mode', 'shared_device', 'submitted_date', 'instrument_version'];
const AFTER = ['segment', 'segment_reasons', 'svart_sarbar', 'rule_version'];
// Written out from instrument.md, in its order.
const ANSWER_COLUMNS = [
  'age_group',
  'gender',
  'main_activity',
  'income',
  'education',
  'skill_self',
  'devices_1',
  'devices_2',
  'devices_3',
  'devices_4',
  'has_eid',
  'task_login',
  'task_form',
  'task_mailbox',
  'task_scam',
  'agree_easy',
  'agree_language',
  'agree_municipal',
  'trust_rights',
  'trust_data',
  'data_reuse',
  'multi_agency',
  'coherence_alone',
  'coherence_easy',
  'channel_pref',
  'channel_last',
  'help_source_1',
  'help_source_2',
  'help_source_3',
  'help_source_4',
  'help_source_5',
  'help_source_6',
  'learn_pref',
];

function variable(name: string): AnswerVariable {
  const found = answerVariables(instrument).find((v) => v.name === name);
  if (!found) throw new Error(`no variable ${name}`);
  return found;
}

function question(id: string): Question {
  const q = findQuestion(instrument, id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

const value = (name: string, answers: Answers): number | null => variableValue(variable(name), answers);

describe('exportHeader', () => {
  const header = exportHeader(instrument);

  it('starts with the response columns', () => {
    expect(header.slice(0, BEFORE.length)).toEqual(BEFORE);
  });

  it('ends with the classification columns', () => {
    expect(header.slice(-AFTER.length)).toEqual(AFTER);
  });

  it('has one column per single question and per multi-select option in between, in instrument order', () => {
    expect(header.slice(BEFORE.length, header.length - AFTER.length)).toEqual(ANSWER_COLUMNS);
    expect(header).toHaveLength(BEFORE.length + ANSWER_COLUMNS.length + AFTER.length);
  });

  it('has no duplicate column names', () => {
    expect(new Set(header).size).toBe(header.length);
  });

  it('follows the definition: a multi-select gets <id>_<code> for each option, at its position', () => {
    const derived = instrument.questions.flatMap((q) => (q.type === 'multi' ? q.options.map((o) => `${q.id}_${o.code}`) : [q.id]));
    expect(header.slice(BEFORE.length, header.length - AFTER.length)).toEqual(derived);
  });
});

describe('answerVariables', () => {
  it('ties each option column to its question and code', () => {
    expect(variable('help_source_6')).toMatchObject({ optionCode: 6 });
    expect(variable('help_source_6').question.id).toBe('help_source');
    expect(variable('age_group').optionCode).toBeUndefined();
  });
});

describe('variableValue', () => {
  it('a single-choice answer is its code', () => {
    expect(value('age_group', { age_group: 6 })).toBe(6);
    expect(value('main_activity', { main_activity: 10 })).toBe(10);
    expect(value('income', { income: 9 })).toBe(9);
  });

  it('an unanswered single-choice question is null', () => {
    expect(value('age_group', {})).toBeNull();
    expect(value('age_group', { gender: 1 })).toBeNull();
  });

  it('a routed-out question is null in the stored answers', () => {
    const raw = { multi_agency: 2, coherence_alone: 4, coherence_easy: 3 };
    const stored = shownAnswers(instrument, raw);
    expect(value('coherence_alone', stored)).toBeNull();
    expect(value('coherence_easy', stored)).toBeNull();
    expect(value('multi_agency', stored)).toBe(2);
  });

  it('a routed-in question is its code', () => {
    const stored = shownAnswers(instrument, { multi_agency: 1, coherence_alone: 4 });
    expect(value('coherence_alone', stored)).toBe(4);
  });

  it('a multi-select option is 1 when ticked and 0 when not, once the question is answered', () => {
    const answers = { devices: [1, 3] };
    expect([1, 2, 3, 4].map((code) => value(`devices_${code}`, answers))).toEqual([1, 0, 1, 0]);
  });

  it('an exclusive option ticked alone is 1, the others 0', () => {
    const answers = { help_source: [6] };
    expect([1, 2, 3, 4, 5, 6].map((code) => value(`help_source_${code}`, answers))).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('every option of an unanswered multi-select is null, not 0', () => {
    expect([1, 2, 3, 4].map((code) => value(`devices_${code}`, {}))).toEqual([null, null, null, null]);
    expect([1, 2, 3, 4].map((code) => value(`devices_${code}`, { help_source: [1] }))).toEqual([null, null, null, null]);
  });

  it('a list where a code is expected is null, not a code', () => {
    expect(value('age_group', { age_group: [6] })).toBeNull();
  });
});

describe('optionLabel', () => {
  it('gives the label of a code in each language', () => {
    expect(optionLabel(question('has_eid'), 1, 'nb')).toBe('Ja');
    expect(optionLabel(question('has_eid'), 8, 'nn')).toBe('Veit ikkje');
    expect(optionLabel(question('has_eid'), 2, 'en')).toBe('No');
  });

  it('is undefined for a code the question does not have', () => {
    expect(optionLabel(question('has_eid'), 9, 'nb')).toBeUndefined();
  });
});
