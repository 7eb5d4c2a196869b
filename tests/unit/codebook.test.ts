// The codebook: every column of the data set with its labels, type, value
// labels, missing codes, routing and value (shared/instrument.md, "Conventions":
// one 0/1 column per multi-select option, routed-out questions empty, 8/9 reserved).
import { describe, expect, it } from 'vitest';
import { SEGMENT_RULES, SEGMENTS } from '../../server/survey/classify.ts';
import { buildCodebook, optionLabel, type Variable } from '../../server/survey/codebook.ts';
import { instrument } from '../../server/survey/definition.ts';
import { findQuestion, shownAnswers } from '../../server/survey/pages.ts';
import { answersReader } from '../../server/survey/response-row.ts';
import { DONT_KNOW, LANGUAGES, PREFER_NOT_TO_SAY, type Answers, type Question } from '../../server/survey/types.ts';
import { responseRow } from '../helpers/response-row.ts';

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

const codebook = buildCodebook(instrument);

function variable(name: string): Variable {
  const found = codebook.variables.find((v) => v.name === name);
  if (!found) throw new Error(`no variable ${name}`);
  return found;
}

function question(id: string): Question {
  const q = findQuestion(instrument, id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

const value = (name: string, answers: Answers) => variable(name).valueOf(responseRow({ answers }));

describe('the columns', () => {
  const header = codebook.variables.map((v) => v.name);

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

describe('question and option variables', () => {
  it('ties each option column to its question', () => {
    expect(variable('help_source_6')).toMatchObject({ kind: 'option' });
    expect(variable('help_source_6').question?.id).toBe('help_source');
    expect(variable('age_group')).toMatchObject({ kind: 'question', type: 'integer' });
  });
});

describe('values', () => {
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

describe('labels, types and value labels', () => {
  it('gives every variable a label in every language', () => {
    for (const v of codebook.variables) {
      for (const l of LANGUAGES) expect(v.label[l].trim(), `${v.name} ${l}`).not.toBe('');
    }
  });

  it('labels a question column with its text, an option column with the short text and the option', () => {
    expect(variable('age_group').label).toEqual(question('age_group').text);
    expect(variable('devices_2').label.nb).toBe(`${question('devices').short.nb}: ${question('devices').options[1]!.label.nb}`);
    expect(variable('devices_2').label.en).toBe(`${question('devices').short.en}: ${question('devices').options[1]!.label.en}`);
  });

  it('labels every code of every single-choice question, with 8 and 9 (and only they) missing', () => {
    for (const q of instrument.questions.filter((q) => q.type === 'single')) {
      expect(variable(q.id).values.map((v) => v.code)).toEqual(q.options.map((o) => o.code));
      for (const v of variable(q.id).values) {
        expect(v.missing, `${q.id} ${v.code}`).toBe(v.code === DONT_KNOW || v.code === PREFER_NOT_TO_SAY);
        expect(v.label).toEqual(q.options.find((o) => o.code === v.code)!.label);
      }
    }
    expect(variable('income').values.filter((v) => v.missing).map((v) => v.code)).toEqual([8, 9]);
    expect(variable('age_group').values.filter((v) => v.missing).map((v) => v.code)).toEqual([9]);
  });

  it('labels 0 and 1 of option columns, shared_device and svart_sarbar', () => {
    for (const name of ['devices_1', 'help_source_6', 'shared_device', 'svart_sarbar']) {
      expect(variable(name).values.map((v) => v.code), name).toEqual([0, 1]);
      expect(variable(name).values.some((v) => v.missing)).toBe(false);
    }
  });

  it('labels the values of language, mode and segment from the lists the code has', () => {
    expect(variable('language').values.map((v) => v.code)).toEqual([...LANGUAGES]);
    expect(variable('mode').values.map((v) => v.code)).toEqual(['self', 'assisted', 'phone', 'paper']);
    expect(variable('segment').values.map((v) => v.code)).toEqual([...SEGMENTS]);
    expect(variable('language').values[0]!.label).toEqual({ nb: 'Bokmål', nn: 'Bokmål', en: 'Norwegian Bokmål' });
  });

  it('types ids and codes as integers, the date as a date, the rest as text', () => {
    const types = Object.fromEntries(codebook.variables.map((v) => [v.name, v.type]));
    expect(types).toMatchObject({
      response_id: 'integer',
      round: 'string',
      language: 'string',
      shared_device: 'integer',
      submitted_date: 'date',
      instrument_version: 'string',
      gender: 'integer',
      devices_4: 'integer',
      segment: 'string',
      segment_reasons: 'string',
      svart_sarbar: 'integer',
      rule_version: 'string',
    });
  });
});

describe('routing', () => {
  it('states the routing condition of a routed question and of nothing else', () => {
    expect(variable('coherence_alone').shownWhen).toBe('multi_agency = 1');
    expect(variable('coherence_easy').shownWhen).toBe('multi_agency = 1');
    const routed = codebook.variables.filter((v) => v.shownWhen !== null).map((v) => v.name);
    expect(routed).toEqual(instrument.questions.filter((q) => q.showIf).map((q) => q.id));
  });
});

describe('the response and classification columns', () => {
  it('read the response row', () => {
    const row = responseRow({ segment: 'utsatt', segmentReasons: 'age;labour', svartSarbar: 1, staffUserId: 4, paperFormNumber: 'A17' });
    const staffBook = buildCodebook(instrument, { staffColumns: true });
    const values = Object.fromEntries(staffBook.variables.map((v) => [v.name, v.valueOf(row)]));
    expect(values).toMatchObject({
      response_id: 7,
      round: 'demo',
      language: 'nn',
      mode: 'self',
      shared_device: 0,
      submitted_date: '2026-11-23',
      instrument_version: '2026.1',
      segment: 'utsatt',
      segment_reasons: 'age;labour',
      svart_sarbar: 1,
      rule_version: 'utsatt-2022.1',
      staff_user_id: 4,
      paper_form_number: 'A17',
    });
  });

  it('has the staff columns only when asked for, at the end', () => {
    expect(codebook.variables.map((v) => v.name)).not.toContain('staff_user_id');
    expect(buildCodebook(instrument, { staffColumns: true }).variables.slice(-2).map((v) => v.name)).toEqual(['staff_user_id', 'paper_form_number']);
  });
});

describe('the codebook object', () => {
  it('carries the instrument version and the current segment rule, described in every language', () => {
    expect(codebook.instrumentVersion).toBe(instrument.version);
    expect(codebook.segmentRule.version).toBe(SEGMENT_RULES.at(-1)!.version);
    for (const l of LANGUAGES) expect(codebook.segmentRule.description[l]).toContain('age_group');
  });

  it('describes every version of the segment rule in every language, and carries the one it is built for', () => {
    for (const rule of SEGMENT_RULES) for (const l of LANGUAGES) expect(rule.description[l].length, `${rule.version} ${l}`).toBeGreaterThan(0);
    const other = { ...SEGMENT_RULES[0]!, version: 'utsatt-test.9', description: { nb: 'Ny regel', nn: 'Ny regel', en: 'New rule' } };
    expect(buildCodebook(instrument, { rule: other }).segmentRule).toEqual({ version: 'utsatt-test.9', description: other.description });
  });
});

describe('answersReader', () => {
  const read = answersReader(instrument);

  it('makes a code of a single answer and a list of a multi-select', () => {
    expect(read([['age_group', 6], ['devices', 1], ['devices', 3], ['income', 8]])).toEqual({ age_group: 6, devices: [1, 3], income: 8 });
  });

  it('leaves out questions the instrument no longer has, and keeps codes as stored', () => {
    expect(read([['retired_q', 1], ['gender', 2], ['learn_pref', 42]])).toEqual({ gender: 2, learn_pref: 42 });
    expect(read([])).toEqual({});
  });
});
