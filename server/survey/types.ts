// The shape of a questionnaire. Everything else (pages, validation, storage,
// export, codebook) reads an `Instrument`; nothing else defines questions.

export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A text in every language: a missing translation is a type error. */
export type Text = Readonly<Record<Language, string>>;

/** How a response came in (shared/contract.md, "Staff and admin"): the `mode` column's values. */
export const MODES = ['self', 'assisted', 'phone', 'paper'] as const;
export type Mode = (typeof MODES)[number];

/** Reserved on every question where offered (instrument.md, "Conventions"). */
export const DONT_KNOW = 8;
export const PREFER_NOT_TO_SAY = 9;

export interface AnswerOption {
  readonly code: number;
  readonly label: Text;
  /** "None of these"-type options: cannot be ticked together with another. */
  readonly exclusive?: boolean;
}

/** Show a question only when an earlier question has one of these codes. */
export interface ShowIf {
  readonly question: string;
  readonly anyOf: readonly number[];
}

export type QuestionType = 'single' | 'multi';

export interface Question {
  readonly id: string;
  readonly type: QuestionType;
  readonly section: string;
  /** The full question; the page's h1 and the legend. */
  readonly text: Text;
  /** A few words naming the question, for the check page and summaries. */
  readonly short: Text;
  readonly hint?: Text;
  /** The instruction shown when nothing is chosen (klarspråk: says what to do). */
  readonly required: Text;
  /** Guidance for a staff member interviewing by phone. */
  readonly interviewer?: Text;
  readonly showIf?: ShowIf;
  /** In display order; codes are the instrument's and never change. */
  readonly options: readonly AnswerOption[];
  /** Where the wording comes from, when it is quoted (e.g. "IiP"). */
  readonly source?: string;
}

export interface Section {
  readonly id: string;
  readonly title: Text;
}

/** How to read the questionnaire aloud in a phone interview (issue 5, point 3). */
export interface InterviewerGuide {
  /** Shown on every question page in phone mode. */
  readonly general: readonly Text[];
  /** Beside the reserved options (8, 9): they are not read aloud. */
  readonly reserved: Text;
  /** Shown on the check page in phone mode. */
  readonly check: Text;
}

export interface Instrument {
  readonly id: string;
  readonly version: string;
  readonly interviewer: InterviewerGuide;
  readonly sections: readonly Section[];
  readonly questions: readonly Question[];
}

/** One answer: a code, or the ticked codes of a multi-select. */
export type AnswerValue = number | readonly number[];
/** A respondent's answers by question id; an unanswered question is absent. */
export type Answers = Readonly<Record<string, AnswerValue>>;
