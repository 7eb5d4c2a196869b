// Which questions a respondent sees, in what order, and where they are in it.
import { describe, expect, it } from 'vitest';
import { instrument } from '../../server/survey/definition.ts';
import {
  findQuestion,
  firstUnanswered,
  isReachable,
  isShown,
  nextQuestion,
  previousQuestion,
  progress,
  shownAnswers,
  shownQuestions,
} from '../../server/survey/pages.ts';
import type { AnswerValue, Answers, Instrument, Question } from '../../server/survey/types.ts';

const ALL_IDS = instrument.questions.map((q) => q.id);
const ROUTED = ['coherence_alone', 'coherence_easy'];

function question(id: string): Question {
  const q = findQuestion(instrument, id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

/** A plausible answer to any question: its first option (as a list for a multi-select). */
function someAnswer(q: Question): AnswerValue {
  const first = q.options[0];
  if (!first) throw new Error(`${q.id} has no options`);
  return q.type === 'multi' ? [first.code] : first.code;
}

/** Answers to every question in the definition, routed or not, with overrides. */
function answerAll(overrides: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of instrument.questions) answers[q.id] = someAnswer(q);
  return { ...answers, ...overrides };
}

/** Answers to the questions before `id` in definition order (routing-blind), with overrides. */
function answerBefore(id: string, overrides: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of instrument.questions) {
    if (q.id === id) break;
    answers[q.id] = someAnswer(q);
  }
  return { ...answers, ...overrides };
}

function without(answers: Answers, ...ids: string[]): Record<string, AnswerValue> {
  const copy: Record<string, AnswerValue> = { ...answers };
  for (const id of ids) delete copy[id];
  return copy;
}

const ids = (questions: readonly Question[]): string[] => questions.map((q) => q.id);

describe('routing of coherence_*', () => {
  it.each(ROUTED)('%s is shown when multi_agency = 1', (id) => {
    expect(isShown(instrument, question(id), { multi_agency: 1 })).toBe(true);
  });

  it.each([
    ['2 (Nei)', { multi_agency: 2 }],
    ['8 (Vet ikke)', { multi_agency: 8 }],
    ['unanswered', {}],
    ['an array [1]', { multi_agency: [1] }],
  ] as const)('coherence_* are hidden when multi_agency is %s', (_name, answers: Answers) => {
    for (const id of ROUTED) expect(isShown(instrument, question(id), answers)).toBe(false);
    expect(ids(shownQuestions(instrument, answers))).toEqual(ALL_IDS.filter((id) => !ROUTED.includes(id)));
  });

  it('questions without routing are always shown', () => {
    for (const q of instrument.questions.filter((x) => !x.showIf)) {
      expect(isShown(instrument, q, {})).toBe(true);
      expect(isShown(instrument, q, { multi_agency: 2 })).toBe(true);
    }
  });

  it('shows every question, in definition order, when multi_agency = 1', () => {
    expect(ids(shownQuestions(instrument, { multi_agency: 1 }))).toEqual(ALL_IDS);
  });
});

describe('progress', () => {
  // From the definition, not guessed: multi_agency is the 19th question and the
  // routed questions follow it directly.
  const multiAgencyNumber = ALL_IDS.indexOf('multi_agency') + 1;
  const routedCount = instrument.questions.filter((q) => q.showIf).length;

  it('the definition has the expected shape for these numbers', () => {
    expect(multiAgencyNumber).toBe(19);
    expect(ALL_IDS.indexOf('coherence_alone')).toBe(19);
    expect(ALL_IDS.length).toBe(25);
    expect(routedCount).toBe(2);
  });

  it('the first question is 1 of 23 with no answers', () => {
    expect(progress(instrument, {}, ALL_IDS[0] ?? '')).toEqual({ number: 1, total: ALL_IDS.length - routedCount });
    expect(progress(instrument, {}, 'age_group')).toEqual({ number: 1, total: 23 });
  });

  it('with multi_agency = 1 the total is 25 and coherence_alone is number 20', () => {
    const answers = { multi_agency: 1 };
    expect(progress(instrument, answers, 'coherence_alone')).toEqual({ number: multiAgencyNumber + 1, total: 25 });
    expect(progress(instrument, answers, 'coherence_alone')).toEqual({ number: 20, total: 25 });
    expect(progress(instrument, answers, 'coherence_easy')).toEqual({ number: 21, total: 25 });
    expect(progress(instrument, answers, 'learn_pref')).toEqual({ number: 25, total: 25 });
  });

  it('with multi_agency = 2 the question after multi_agency is channel_pref, number 20 of 23', () => {
    const answers = { multi_agency: 2 };
    expect(progress(instrument, answers, 'multi_agency')).toEqual({ number: 19, total: 23 });
    expect(progress(instrument, answers, 'channel_pref')).toEqual({ number: 20, total: 23 });
    expect(progress(instrument, answers, 'learn_pref')).toEqual({ number: 23, total: 23 });
  });
});

describe('firstUnanswered', () => {
  it('is the first question when nothing is answered', () => {
    expect(firstUnanswered(instrument, {})?.id).toBe('age_group');
  });

  it('is the first gap, not the question after the last answer', () => {
    expect(firstUnanswered(instrument, without(answerAll({ multi_agency: 2 }), 'income'))?.id).toBe('income');
  });

  it('is coherence_alone when multi_agency = 1 and the routed questions are not answered yet', () => {
    const answers = without(answerAll({ multi_agency: 1 }), ...ROUTED);
    expect(firstUnanswered(instrument, answers)?.id).toBe('coherence_alone');
  });

  it('skips routed-out questions: complete when multi_agency = 2 and coherence_* are unanswered', () => {
    expect(firstUnanswered(instrument, without(answerAll({ multi_agency: 2 }), ...ROUTED))).toBeUndefined();
  });

  it('is undefined when every shown question is answered', () => {
    expect(firstUnanswered(instrument, answerAll({ multi_agency: 1 }))).toBeUndefined();
  });
});

describe('isReachable', () => {
  it('only the first question is reachable with no answers', () => {
    expect(isReachable(instrument, {}, 'age_group')).toBe(true);
    expect(isReachable(instrument, {}, 'gender')).toBe(false);
    expect(isReachable(instrument, {}, 'learn_pref')).toBe(false);
  });

  it('the next unanswered question is reachable, the one after it is not', () => {
    const answers = answerBefore('income');
    expect(isReachable(instrument, answers, 'income')).toBe(true);
    expect(isReachable(instrument, answers, 'education')).toBe(false);
  });

  it('cannot jump ahead past an unanswered question, even if later ones are answered', () => {
    const answers = without(answerAll({ multi_agency: 2 }), 'task_form');
    expect(isReachable(instrument, answers, 'task_form')).toBe(true);
    expect(isReachable(instrument, answers, 'task_mailbox')).toBe(false);
    expect(isReachable(instrument, answers, 'learn_pref')).toBe(false);
  });

  it('answered earlier questions stay reachable (going back to change an answer)', () => {
    const answers = answerBefore('income');
    expect(isReachable(instrument, answers, 'age_group')).toBe(true);
    expect(isReachable(instrument, answers, 'main_activity')).toBe(true);
  });

  it('a routed-out question is not reachable, even when everything before it is answered', () => {
    const answers = answerBefore('coherence_alone', { multi_agency: 2 });
    expect(isReachable(instrument, answers, 'coherence_alone')).toBe(false);
    expect(isReachable(instrument, answers, 'coherence_easy')).toBe(false);
    expect(isReachable(instrument, answers, 'channel_pref')).toBe(true);
  });

  it('a routed-in question is reachable when everything before it is answered', () => {
    const answers = answerBefore('coherence_alone', { multi_agency: 1 });
    expect(isReachable(instrument, answers, 'coherence_alone')).toBe(true);
    expect(isReachable(instrument, answers, 'coherence_easy')).toBe(false);
  });

  it('an unknown page id is not reachable', () => {
    expect(isReachable(instrument, answerAll(), 'no_such_question')).toBe(false);
  });
});

describe('nextQuestion and previousQuestion', () => {
  it('follow definition order', () => {
    expect(nextQuestion(instrument, {}, 'age_group')?.id).toBe('gender');
    expect(previousQuestion(instrument, {}, 'gender')?.id).toBe('age_group');
  });

  it('nextQuestion skips routed-out questions', () => {
    expect(nextQuestion(instrument, { multi_agency: 2 }, 'multi_agency')?.id).toBe('channel_pref');
    expect(nextQuestion(instrument, { multi_agency: 8 }, 'multi_agency')?.id).toBe('channel_pref');
    expect(nextQuestion(instrument, {}, 'multi_agency')?.id).toBe('channel_pref');
  });

  it('nextQuestion goes into routed questions when they are shown', () => {
    expect(nextQuestion(instrument, { multi_agency: 1 }, 'multi_agency')?.id).toBe('coherence_alone');
    expect(nextQuestion(instrument, { multi_agency: 1 }, 'coherence_alone')?.id).toBe('coherence_easy');
    expect(nextQuestion(instrument, { multi_agency: 1 }, 'coherence_easy')?.id).toBe('channel_pref');
  });

  it('previousQuestion skips routed-out questions and includes routed-in ones', () => {
    expect(previousQuestion(instrument, { multi_agency: 2 }, 'channel_pref')?.id).toBe('multi_agency');
    expect(previousQuestion(instrument, { multi_agency: 1 }, 'channel_pref')?.id).toBe('coherence_easy');
  });

  it('there is nothing after the last question or before the first', () => {
    expect(nextQuestion(instrument, {}, 'learn_pref')).toBeUndefined();
    expect(previousQuestion(instrument, {}, 'age_group')).toBeUndefined();
  });

  it('an unknown or routed-out page has no neighbours', () => {
    expect(nextQuestion(instrument, {}, 'no_such_question')).toBeUndefined();
    expect(previousQuestion(instrument, {}, 'no_such_question')).toBeUndefined();
    expect(nextQuestion(instrument, { multi_agency: 2 }, 'coherence_alone')).toBeUndefined();
    expect(previousQuestion(instrument, { multi_agency: 2 }, 'coherence_easy')).toBeUndefined();
  });
});

describe('shownAnswers', () => {
  it('keeps every answer when every answered question is shown', () => {
    const answers = answerAll({ multi_agency: 1 });
    expect(shownAnswers(instrument, answers)).toEqual(answers);
  });

  it('drops answers to coherence_* once multi_agency is changed to 2', () => {
    const before = answerAll({ multi_agency: 1, coherence_alone: 4, coherence_easy: 2 });
    const after = { ...before, multi_agency: 2 };
    const kept = shownAnswers(instrument, after);
    expect(kept).not.toHaveProperty('coherence_alone');
    expect(kept).not.toHaveProperty('coherence_easy');
    expect(kept).toEqual(without(after, ...ROUTED));
  });

  it('drops answers to coherence_* when multi_agency is unanswered', () => {
    expect(shownAnswers(instrument, { age_group: 3, coherence_alone: 4 })).toEqual({ age_group: 3 });
  });

  it('drops answers to ids that are not questions, and leaves unanswered questions absent', () => {
    const kept = shownAnswers(instrument, { age_group: 6, _csrf: 1, bogus: [1, 2] });
    expect(kept).toEqual({ age_group: 6 });
    expect(Object.keys(kept)).toEqual(['age_group']);
  });

  it('does not change the answers it is given', () => {
    const answers = { multi_agency: 2, coherence_alone: 4 };
    shownAnswers(instrument, answers);
    expect(answers).toEqual({ multi_agency: 2, coherence_alone: 4 });
  });
});

describe('chained routing', () => {
  // A question routed on a routed question: shown only while the whole chain holds.
  const chained: Instrument = {
    ...instrument,
    questions: [
      ...instrument.questions,
      {
        ...question('coherence_alone'),
        id: 'coherence_followup',
        showIf: { question: 'coherence_alone', anyOf: [1] },
      },
    ],
  };
  const followup = findQuestion(chained, 'coherence_followup')!;

  it('shows the last link only when every link before it is answered to open it', () => {
    expect(isShown(chained, followup, { multi_agency: 1, coherence_alone: 1 })).toBe(true);
    expect(isShown(chained, followup, { multi_agency: 1, coherence_alone: 2 })).toBe(false);
    expect(isShown(chained, followup, { multi_agency: 1 })).toBe(false);
  });

  it('hides the last link when an earlier link closes, even with a stale answer further down', () => {
    // multi_agency changed to 2 after coherence_alone was answered 1: both routed questions go.
    const answers = { multi_agency: 2, coherence_alone: 1, coherence_followup: 3 };
    expect(isShown(chained, followup, answers)).toBe(false);
    expect(ids(shownQuestions(chained, answers))).not.toContain('coherence_alone');
    expect(ids(shownQuestions(chained, answers))).not.toContain('coherence_followup');
    expect(shownAnswers(chained, answers)).not.toHaveProperty('coherence_followup');
  });

  it('leads through the chain in order and counts it in the progress once it opens', () => {
    const opened = answerBefore('coherence_alone', { multi_agency: 1, coherence_alone: 1 });
    expect(nextQuestion(chained, opened, 'coherence_alone')?.id).toBe('coherence_easy');
    expect(nextQuestion(chained, opened, 'learn_pref')?.id).toBe('coherence_followup');
    const closed = { ...opened, coherence_alone: 2 };
    expect(nextQuestion(chained, closed, 'learn_pref')).toBeUndefined();
    expect(progress(chained, opened, 'age_group').total).toBe(progress(chained, closed, 'age_group').total + 1);
  });
});
