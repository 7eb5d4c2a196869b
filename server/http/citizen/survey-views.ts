// What the question page and the check page show, from the definition, the
// answers so far and the language: pure functions from what a handler knows to
// the page it renders, with no request, response or store in sight.
import type { StaffMode } from '../../../db/audit-log.ts';
import type { Round } from '../../../db/rounds.ts';
import type { Translate } from '../../i18n/messages.ts';
import { optionLabel } from '../../survey/codebook.ts';
import { previousQuestion, progress, shownQuestions } from '../../survey/pages.ts';
import { codesOf } from '../../survey/submission.ts';
import { DONT_KNOW, PREFER_NOT_TO_SAY, type Answers, type Instrument, type Language, type Question } from '../../survey/types.ts';
import type { AnswerError } from '../../survey/validate.ts';
import type { ErrorItem, Page } from '../render.ts';
import { roundPaths as paths } from './round-pages.ts';

/** The name and value of the question form's «Lagre og fortsett senere» button. */
export const SAVE_ACTION = { name: 'action', value: 'save' } as const;

/** What every survey page's view is made from. */
interface SurveyPageInput {
  readonly instrument: Instrument;
  readonly round: Round;
  readonly lang: Language;
  readonly t: Translate;
  readonly answers: Answers;
  /** How a signed-in staff member is helping; undefined for a citizen on their own. */
  readonly staffMode: StaffMode | undefined;
}

export function questionPage(input: SurveyPageInput & {
  readonly question: Question;
  /** The codes shown ticked: the stored answer, or what was posted when it had an error. */
  readonly selected: readonly number[];
  readonly errors: readonly AnswerError[];
  /** Came from the check page's «Endre»: back leads there. */
  readonly fromCheck: boolean;
}): Page {
  const { instrument, round, lang, t, question, answers, selected, errors, staffMode } = input;
  const previous = previousQuestion(instrument, answers, question.id);
  const back = input.fromCheck ? paths.check(round) : previous ? paths.question(round, previous.id) : paths.start(round);
  const items = errors.map((e) => errorItem(e, question, selected, lang, t));
  return {
    view: 'citizen/question',
    status: errors.length > 0 ? 400 : 200,
    title: question.text[lang],
    page: question.id,
    back,
    organisation: round.organisation,
    errors: items,
    locals: {
      question,
      selected,
      save: SAVE_ACTION,
      error: items[0]?.message ?? null,
      staffNote: staffMode ? staffNote(staffMode, t, staffMode === 'phone' ? phoneGuidance(instrument, lang, question) : {}) : null,
      // In a phone interview, "don't know" and "prefer not to say" are not read out (instrument.interviewer).
      reserved: staffMode === 'phone' ? { note: instrument.interviewer.reserved[lang], codes: [DONT_KNOW, PREFER_NOT_TO_SAY] } : null,
      sectionTitle: instrument.sections.find((s) => s.id === question.section)?.title[lang] ?? '',
      progressText: t('question.progress', progress(instrument, answers, question.id)),
    },
  };
}

export function checkPage(input: SurveyPageInput): Page {
  const { instrument, round, lang, t, answers, staffMode } = input;
  const shown = shownQuestions(instrument, answers);
  const sections = instrument.sections
    .map((section) => ({
      title: section.title[lang],
      rows: shown
        .filter((q) => q.section === section.id)
        .map((q) => ({
          short: q.short[lang],
          answers: codesOf(answers[q.id]).map((code) => optionLabel(q, code, lang) ?? String(code)),
          href: paths.question(round, q.id, true),
        })),
    }))
    .filter((s) => s.rows.length > 0);
  const last = shown.at(-1);
  return {
    view: 'citizen/check',
    title: t('check.title'),
    page: 'check',
    back: last ? paths.question(round, last.id) : paths.start(round),
    organisation: round.organisation,
    locals: {
      sections,
      staffNote: staffMode ? staffNote(staffMode, t, staffMode === 'phone' ? { note: instrument.interviewer.check[lang] } : {}) : null,
    },
  };
}

function errorItem(
  error: AnswerError,
  question: Question,
  selected: readonly number[],
  lang: Language,
  t: Translate,
): ErrorItem {
  const first = question.options[0]!;
  const target = `${question.id}-${first.code}`;
  switch (error.kind) {
    case 'required':
      return { target, message: question.required[lang] };
    case 'unknown_code':
      return { target, message: t('errors.unknownCode') };
    case 'exclusive': {
      const exclusive = question.options.filter((o) => o.exclusive);
      const option = exclusive.find((o) => selected.includes(o.code)) ?? exclusive[0]!;
      return { target, message: t('errors.exclusive', { option: option.label[lang] }) };
    }
  }
}

/** What the staff member sees above a page: the mode, and in a phone interview how to read it aloud. */
export interface StaffNote {
  readonly title: string;
  /** This page's own note (the question's, or the check page's). */
  readonly note: string | null;
  /** How to read any question aloud: folded away after the first page, so the question stays in view. */
  readonly general: readonly string[];
  readonly generalOpen: boolean;
}

type Guidance = { readonly note?: string; readonly general?: readonly string[]; readonly generalOpen?: boolean };

function staffNote(mode: StaffMode, t: Translate, guidance: Guidance): StaffNote {
  return { title: t(STAFF_NOTE_TITLE[mode]), note: guidance.note ?? null, general: guidance.general ?? [], generalOpen: guidance.generalOpen ?? false };
}

function phoneGuidance(instrument: Instrument, lang: Language, question: Question): Guidance {
  return {
    ...(question.interviewer ? { note: question.interviewer[lang] } : {}),
    general: instrument.interviewer.general.map((text) => text[lang]),
    generalOpen: question === instrument.questions[0],
  };
}

const STAFF_NOTE_TITLE = { assisted: 'staff.noteAssisted', phone: 'staff.notePhone', paper: 'staff.notePaper' } as const;
