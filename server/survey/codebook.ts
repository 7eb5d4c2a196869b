// Variables of the data set, derived from the definition: the export columns,
// their labels and value labels. Every export format reads this, nothing else.
import type { Answers, Instrument, Language, Question } from './types.ts';

export interface AnswerVariable {
  /** Column name: the question id, or `<id>_<code>` for a multi-select option. */
  readonly name: string;
  readonly question: Question;
  /** For a multi-select option column: the option's code. */
  readonly optionCode?: number;
}

/** Columns before the answers (shared/contract.md, "Exports"). */
export const RESPONSE_COLUMNS = [
  'response_id',
  'round',
  'language',
  'mode',
  'shared_device',
  'submitted_date',
  'instrument_version',
] as const;

/** Columns after the answers. */
export const CLASSIFICATION_COLUMNS = ['segment', 'segment_reasons', 'svart_sarbar', 'rule_version'] as const;

/**
 * Added at the end only when an admin asks (issue 5, point 2): which staff account
 * made the response, and the paper form's number. Empty for a citizen's own.
 */
export const STAFF_COLUMNS = ['staff_user_id', 'paper_form_number'] as const;

/** One variable per single-choice question and one 0/1 variable per multi-select option, in instrument order. */
export function answerVariables(instrument: Instrument): AnswerVariable[] {
  return instrument.questions.flatMap((question): AnswerVariable[] =>
    question.type === 'single'
      ? [{ name: question.id, question }]
      : question.options.map((o) => ({ name: `${question.id}_${o.code}`, question, optionCode: o.code })),
  );
}

export function exportHeader(instrument: Instrument, options: { staffColumns?: boolean } = {}): string[] {
  return [
    ...RESPONSE_COLUMNS,
    ...answerVariables(instrument).map((v) => v.name),
    ...CLASSIFICATION_COLUMNS,
    ...(options.staffColumns ? STAFF_COLUMNS : []),
  ];
}

/**
 * The value of one variable for one respondent: the code, 0/1 for an option, or
 * null when the question was not answered (routed out, or blank on paper).
 */
export function variableValue(variable: AnswerVariable, answers: Answers): number | null {
  const value = answers[variable.question.id];
  if (value === undefined) return null;
  if (variable.optionCode === undefined) return typeof value === 'number' ? value : null;
  const ticked = typeof value === 'number' ? [value] : value;
  return ticked.includes(variable.optionCode) ? 1 : 0;
}

/** The label of a code of a question, in a language; undefined for a code the question does not have. */
export function optionLabel(question: Question, code: number, language: Language): string | undefined {
  return question.options.find((o) => o.code === code)?.label[language];
}
