// The codebook: every column of the data set, derived from the definition and
// from the lists the code already has (languages, modes, segments). Each column
// has its name, labels, type, value labels, missing codes, routing condition and
// how to read its value from a response. Every export format reads this and
// nothing else (architecture.md, "One idea: the questionnaire is data").
import { CRITERIA, CURRENT_RULE, SEGMENTS, type Segment, type SegmentRule } from './classify.ts';
import type { ResponseRow } from './response-row.ts';
import {
  DONT_KNOW,
  LANGUAGES,
  MODES,
  PREFER_NOT_TO_SAY,
  type AnswerOption,
  type Answers,
  type Instrument,
  type Language,
  type Mode,
  type Question,
  type Text,
} from './types.ts';

/** One value in the data: a code, a text, or empty (not shown, not answered, not classified). */
export type Cell = string | number | null;

/** Where a column comes from, in the order the export lists them. */
export type VariableKind = 'response' | 'question' | 'option' | 'classification' | 'staff';
export type VariableType = 'integer' | 'string' | 'date';

export interface ValueLabel {
  readonly code: number | string;
  readonly label: Text;
  /** 8 «Vet ikke» and 9 «Vil ikke svare»: given answers, but not opinions; analyses usually leave them out. */
  readonly missing: boolean;
}

export interface Variable {
  readonly name: string;
  readonly kind: VariableKind;
  /** The question text; for an option column the question's short text and the option; otherwise a description. */
  readonly label: Text;
  readonly type: VariableType;
  /** Every value the variable can have, labelled; empty for free values (ids, dates, versions). */
  readonly values: readonly ValueLabel[];
  /** The routing condition, e.g. `multi_agency = 1`; null when everyone is asked. */
  readonly shownWhen: string | null;
  /** The question a question or option column belongs to. */
  readonly question?: Question;
  readonly valueOf: (row: ResponseRow) => Cell;
}

/** A version of the segment rule in words. */
export type RuleDescription = Pick<SegmentRule, 'version' | 'description'>;

export interface Codebook {
  readonly instrumentVersion: string;
  /** The rule the classification columns were made with. */
  readonly segmentRule: RuleDescription;
  /** In column order. */
  readonly variables: readonly Variable[];
}

export const LANGUAGE_LABELS: Readonly<Record<Language, Text>> = {
  nb: { nb: 'Bokmål', nn: 'Bokmål', en: 'Norwegian Bokmål' },
  nn: { nb: 'Nynorsk', nn: 'Nynorsk', en: 'Norwegian Nynorsk' },
  en: { nb: 'Engelsk', nn: 'Engelsk', en: 'English' },
};

// Keyed by Mode, so a new mode does not compile until it is labelled here.
export const MODE_LABELS: Readonly<Record<Mode, Text>> = {
  self: { nb: 'Svarte selv på nett', nn: 'Svarte sjølv på nett', en: 'Answered online on their own' },
  assisted: { nb: 'Fikk hjelp av en ansatt', nn: 'Fekk hjelp av ein tilsett', en: 'Helped by a staff member' },
  phone: { nb: 'Telefonintervju', nn: 'Telefonintervju', en: 'Phone interview' },
  paper: { nb: 'Papirskjema', nn: 'Papirskjema', en: 'Paper form' },
};

export const SEGMENT_LABELS: Readonly<Record<Segment, Text>> = {
  utsatt: { nb: 'Utsatt', nn: 'Utsett', en: 'At risk (utsatt)' },
  ovrige: { nb: 'Øvrig befolkning', nn: 'Resten av befolkninga', en: 'Rest of the population' },
  ukjent: { nb: 'Ukjent', nn: 'Ukjend', en: 'Unknown' },
};

const NO_YES: readonly ValueLabel[] = [
  { code: 0, label: { nb: 'Nei', nn: 'Nei', en: 'No' }, missing: false },
  { code: 1, label: { nb: 'Ja', nn: 'Ja', en: 'Yes' }, missing: false },
];

const NOT_TICKED_TICKED: readonly ValueLabel[] = [
  { code: 0, label: { nb: 'Ikke valgt', nn: 'Ikkje vald', en: 'Not selected' }, missing: false },
  { code: 1, label: { nb: 'Valgt', nn: 'Vald', en: 'Selected' }, missing: false },
];

const labelled = <K extends string>(codes: readonly K[], labels: Readonly<Record<K, Text>>): ValueLabel[] =>
  codes.map((code) => ({ code, label: labels[code], missing: false }));

type Described = Omit<Variable, 'kind' | 'shownWhen' | 'question'>;

/** Columns before the answers (shared/contract.md, "Exports"). */
const RESPONSE_VARIABLES: readonly Described[] = [
  {
    name: 'response_id',
    label: { nb: 'Svarets løpenummer', nn: 'Løpenummeret til svaret', en: 'Response number' },
    type: 'integer',
    values: [],
    valueOf: (r) => r.responseId,
  },
  {
    name: 'round',
    label: { nb: 'Undersøkelsesrunde (kortnavn)', nn: 'Undersøkingsrunde (kortnamn)', en: 'Survey round (short name)' },
    type: 'string',
    values: [],
    valueOf: (r) => r.round,
  },
  {
    name: 'language',
    label: { nb: 'Språket personen svarte på', nn: 'Språket personen svarte på', en: 'Language the person answered in' },
    type: 'string',
    values: labelled(LANGUAGES, LANGUAGE_LABELS),
    valueOf: (r) => r.language,
  },
  {
    name: 'mode',
    label: { nb: 'Hvordan svaret ble gitt', nn: 'Korleis svaret vart gitt', en: 'How the response was given' },
    type: 'string',
    values: labelled(MODES, MODE_LABELS),
    valueOf: (r) => r.mode,
  },
  {
    name: 'shared_device',
    label: { nb: 'Svarte på en maskin som flere bruker', nn: 'Svarte på ei maskin som fleire bruker', en: 'Answered on a shared computer' },
    type: 'integer',
    values: NO_YES,
    valueOf: (r) => r.sharedDevice,
  },
  {
    name: 'submitted_date',
    label: { nb: 'Datoen svaret ble sendt', nn: 'Datoen svaret vart sendt', en: 'Date the response was sent' },
    type: 'date',
    values: [],
    valueOf: (r) => r.submittedDate,
  },
  {
    name: 'instrument_version',
    label: { nb: 'Versjonen av spørreskjemaet', nn: 'Versjonen av spørjeskjemaet', en: 'Questionnaire version' },
    type: 'string',
    values: [],
    valueOf: (r) => r.instrumentVersion,
  },
];

/** Columns after the answers. */
const CLASSIFICATION_VARIABLES: readonly Described[] = [
  {
    name: 'segment',
    label: { nb: 'Gruppe etter regelen for «utsatt»', nn: 'Gruppe etter regelen for «utsett»', en: 'Group under the “utsatt” rule' },
    type: 'string',
    values: labelled(SEGMENTS, SEGMENT_LABELS),
    valueOf: (r) => r.segment,
  },
  {
    name: 'segment_reasons',
    label: {
      nb: `Kriteriene som er oppfylt (${CRITERIA.join(';')})`,
      nn: `Kriteria som er oppfylte (${CRITERIA.join(';')})`,
      en: `Criteria that hold (${CRITERIA.join(';')})`,
    },
    type: 'string',
    values: [],
    valueOf: (r) => r.segmentReasons,
  },
  {
    name: 'svart_sarbar',
    label: {
      nb: 'Svært sårbar: utsatt og dårlige digitale ferdigheter',
      nn: 'Svært sårbar: utsett og dårlege digitale ferdigheiter',
      en: 'Highly vulnerable: at risk and poor digital skills',
    },
    type: 'integer',
    values: NO_YES,
    valueOf: (r) => r.svartSarbar,
  },
  {
    name: 'rule_version',
    label: { nb: 'Versjonen av regelen for «utsatt»', nn: 'Versjonen av regelen for «utsett»', en: 'Version of the “utsatt” rule' },
    type: 'string',
    values: [],
    valueOf: (r) => r.ruleVersion,
  },
];

/** Added at the end only when an admin asks (issue 5, point 2); empty for a citizen's own response. */
const STAFF_VARIABLES: readonly Described[] = [
  {
    name: 'staff_user_id',
    label: {
      nb: 'Id-nummeret til den ansatte som hjalp eller førte inn svaret',
      nn: 'Id-nummeret til den tilsette som hjelpte eller førte inn svaret',
      en: 'Id of the staff member who helped or keyed in the response',
    },
    type: 'integer',
    values: [],
    valueOf: (r) => r.staffUserId,
  },
  {
    name: 'paper_form_number',
    label: { nb: 'Nummeret på papirskjemaet', nn: 'Nummeret på papirskjemaet', en: 'Number of the paper form' },
    type: 'string',
    values: [],
    valueOf: (r) => r.paperFormNumber,
  },
];

/** 8 and 9 are reserved on every question (instrument.md, "Conventions"). */
export const isMissingCode = (code: number): boolean => code === DONT_KNOW || code === PREFER_NOT_TO_SAY;

/** `multi_agency = 1`, or `q in (1, 2)` for several codes; null when everyone is asked. */
export function shownWhen(question: Question): string | null {
  const rule = question.showIf;
  if (!rule) return null;
  return rule.anyOf.length === 1 ? `${rule.question} = ${rule.anyOf[0]}` : `${rule.question} in (${rule.anyOf.join(', ')})`;
}

const questionValues = (options: readonly AnswerOption[]): ValueLabel[] =>
  options.map((o) => ({ code: o.code, label: o.label, missing: isMissingCode(o.code) }));

const joinTexts = (a: Text, b: Text, separator: string): Text =>
  Object.fromEntries(LANGUAGES.map((l) => [l, `${a[l]}${separator}${b[l]}`])) as Record<Language, string>;

/** The answer columns: one per single-choice question and one 0/1 per multi-select option, in instrument order. */
function questionVariables(instrument: Instrument): Variable[] {
  return instrument.questions.flatMap((question): Variable[] => {
    const condition = shownWhen(question);
    if (question.type === 'single') {
      return [
        {
          name: question.id,
          kind: 'question',
          label: question.text,
          type: 'integer',
          values: questionValues(question.options),
          shownWhen: condition,
          question,
          valueOf: (r) => singleValue(question, r.answers),
        },
      ];
    }
    return question.options.map((option) => ({
      name: `${question.id}_${option.code}`,
      kind: 'option',
      label: joinTexts(question.short, option.label, ': '),
      type: 'integer',
      values: NOT_TICKED_TICKED,
      shownWhen: condition,
      question,
      valueOf: (r) => optionValue(question, option.code, r.answers),
    }));
  });
}

const described = (kind: VariableKind, list: readonly Described[]): Variable[] =>
  list.map((v) => ({ ...v, kind, shownWhen: null }));

export interface CodebookOptions {
  /** Add the staff columns at the end (asked for with `?staff=1`). */
  readonly staffColumns?: boolean;
  /** The rule the classification columns come from; the current one unless given. */
  readonly rule?: SegmentRule;
}

export function buildCodebook(instrument: Instrument, options: CodebookOptions = {}): Codebook {
  return {
    instrumentVersion: instrument.version,
    segmentRule: { version: (options.rule ?? CURRENT_RULE).version, description: (options.rule ?? CURRENT_RULE).description },
    variables: [
      ...described('response', RESPONSE_VARIABLES),
      ...questionVariables(instrument),
      ...described('classification', CLASSIFICATION_VARIABLES),
      ...(options.staffColumns ? described('staff', STAFF_VARIABLES) : []),
    ],
  };
}

/** The label of a value of a variable in a language; undefined for a value it has no label for. */
export function valueLabel(variable: Variable, value: Cell, language: Language): string | undefined {
  if (value === null) return undefined;
  return variable.values.find((v) => v.code === value)?.label[language];
}

// ---- Answers to values ------------------------------------------------------

/** A single-choice answer: its code; null when not answered (routed out, or blank on paper). */
function singleValue(question: Question, answers: Answers): number | null {
  const value = answers[question.id];
  return typeof value === 'number' ? value : null;
}

/** A multi-select option: 1 ticked, 0 not; null for all options when the question was not answered. */
function optionValue(question: Question, code: number, answers: Answers): number | null {
  const value = answers[question.id];
  if (value === undefined) return null;
  return (typeof value === 'number' ? value === code : value.includes(code)) ? 1 : 0;
}

/** The label of a code of a question, in a language; undefined for a code the question does not have. */
export function optionLabel(question: Question, code: number, language: Language): string | undefined {
  return question.options.find((o) => o.code === code)?.label[language];
}
