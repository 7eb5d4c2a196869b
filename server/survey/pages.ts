// Which questions a respondent sees, in what order, and where they are in it.
// One question per page, so a page id is the id of its question.
import type { Answers, Instrument, Question } from './types.ts';

export function findQuestion(instrument: Instrument, id: string): Question | undefined {
  return instrument.questions.find((q) => q.id === id);
}

/** A question is shown unless its routing condition looks back at an answer that rules it out. */
export function isShown(instrument: Instrument, question: Question, answers: Answers): boolean {
  const rule = question.showIf;
  if (!rule) return true;
  const target = findQuestion(instrument, rule.question);
  if (!target || !isShown(instrument, target, answers)) return false;
  const value = answers[rule.question];
  return typeof value === 'number' && rule.anyOf.includes(value);
}

/** The questions this respondent is shown, given the answers so far. */
export function shownQuestions(instrument: Instrument, answers: Answers): Question[] {
  return instrument.questions.filter((q) => isShown(instrument, q, answers));
}

export function isAnswered(answers: Answers, id: string): boolean {
  return answers[id] !== undefined;
}

/** The first shown question still without an answer; undefined when the survey is complete. */
export function firstUnanswered(instrument: Instrument, answers: Answers): Question | undefined {
  return shownQuestions(instrument, answers).find((q) => !isAnswered(answers, q.id));
}

/** A page may be opened when it is shown and every shown page before it is answered. */
export function isReachable(instrument: Instrument, answers: Answers, id: string): boolean {
  for (const q of shownQuestions(instrument, answers)) {
    if (q.id === id) return true;
    if (!isAnswered(answers, q.id)) return false;
  }
  return false;
}

export function nextQuestion(instrument: Instrument, answers: Answers, id: string): Question | undefined {
  const shown = shownQuestions(instrument, answers);
  const at = shown.findIndex((q) => q.id === id);
  return at === -1 ? undefined : shown[at + 1];
}

export function previousQuestion(instrument: Instrument, answers: Answers, id: string): Question | undefined {
  const shown = shownQuestions(instrument, answers);
  const at = shown.findIndex((q) => q.id === id);
  return at <= 0 ? undefined : shown[at - 1];
}

/**
 * "Question n of total". Routed questions count only once the answer that opens
 * them is given, so the total is the length of the path this respondent is on.
 */
export function progress(instrument: Instrument, answers: Answers, id: string): { number: number; total: number } {
  const shown = shownQuestions(instrument, answers);
  return { number: shown.findIndex((q) => q.id === id) + 1, total: shown.length };
}

/** The answers to store: only those to questions the respondent was shown. */
export function shownAnswers(instrument: Instrument, answers: Answers): Answers {
  const kept: Record<string, Answers[string]> = {};
  for (const q of shownQuestions(instrument, answers)) {
    const value = answers[q.id];
    if (value !== undefined) kept[q.id] = value;
  }
  return kept;
}
