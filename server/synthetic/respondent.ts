// One synthetic respondent: a made-up person (age, activity, income, a latent
// digital competence) and the answers they would give, walked through the
// questionnaire in order with the app's own routing. The shares are rough,
// chosen so that a seeded round looks like the population 16+ of a Norwegian
// municipality and like the report's figures (shared/instrument.md: utsatt
// 40–50 %, about a tenth highly vulnerable, the channel preferences): they are
// for demonstrations and load, not for drawing conclusions. Pure: the same
// random source gives the same answers.
//
// A question without a model of its own (a new one in the definition) still
// gets plausible answers from its options, so the generator never holds back a
// change to the questionnaire.
import type { NewResponse } from '../../db/responses.ts';
import { isShown } from '../survey/pages.ts';
import { DONT_KNOW, PREFER_NOT_TO_SAY, type Answers, type AnswerValue, type Instrument, type Language, type Question } from '../survey/types.ts';
import type { Random } from './random.ts';

export type Mode = NewResponse['mode'];

/** The person behind a response; background codes are the instrument's (9 = refused). */
export interface Person {
  readonly ageGroup: number;
  readonly gender: number;
  readonly education: number;
  readonly activity: number;
  readonly income: number;
  /** Latent digital competence, about standard normal over the population: drives skills, devices, channels, trust. */
  readonly competence: number;
  readonly mode: Mode;
  readonly language: Language;
  readonly sharedDevice: boolean;
}

export interface SyntheticResponse {
  readonly person: Person;
  /** Answers to the questions this person was shown; a paper form may leave some blank. */
  readonly answers: Answers;
}

type Weights<T = number> = ReadonlyArray<readonly [T, number]>;

// Age bands, index 0..6 = codes 1..7. Shares of the population 16+.
const AGE: Weights = [
  [1, 13.5], [2, 16.5], [3, 15.5], [4, 16.5], [5, 17], [6, 15], [7, 6], [PREFER_NOT_TO_SAY, 0.8],
];

/** Row for a refused age: people who refuse their age look like the middle of the population. */
const band = (ageGroup: number): number => (ageGroup >= 1 && ageGroup <= 7 ? ageGroup - 1 : 3);

const EDUCATION_BY_AGE: readonly Weights[] = [
  [[1, 30], [2, 52], [3, 2], [4, 15], [5, 1], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 12], [2, 32], [3, 8], [4, 28], [5, 20], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 13], [2, 33], [3, 9], [4, 26], [5, 19], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 15], [2, 37], [3, 9], [4, 23], [5, 16], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 20], [2, 42], [3, 7], [4, 19], [5, 12], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 28], [2, 42], [3, 6], [4, 15], [5, 9], [PREFER_NOT_TO_SAY, 1.5]],
  [[1, 42], [2, 36], [3, 4], [4, 12], [5, 6], [PREFER_NOT_TO_SAY, 2]],
];

// Main activity: 1 working, 2 self-employed, 3 student, 4 unemployed, 5 retired,
// 6 disability/AAP, 7 homemaker, 10 other.
const ACTIVITY_BY_AGE: readonly Weights[] = [
  [[1, 38], [2, 1], [3, 52], [4, 4], [6, 2], [7, 1], [10, 2], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 74], [2, 4], [3, 9], [4, 4], [6, 5], [7, 2], [10, 2], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 78], [2, 7], [3, 2], [4, 3], [6, 6], [7, 2], [10, 2], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 76], [2, 8], [3, 1], [4, 3], [5, 0.5], [6, 8], [7, 2], [10, 1.5], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 60], [2, 8], [3, 0.5], [4, 3], [5, 12], [6, 13], [7, 2], [10, 1.5], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 9], [2, 4], [5, 83], [7, 1], [10, 3], [PREFER_NOT_TO_SAY, 1.2]],
  [[1, 1], [5, 96], [10, 3], [PREFER_NOT_TO_SAY, 1.5]],
];
const ACTIVITY_AGE_REFUSED: Weights = [
  [1, 58], [2, 5], [3, 8], [4, 4], [5, 12], [6, 7], [7, 2], [10, 4], [PREFER_NOT_TO_SAY, 6],
];

// Personal gross income 1..6 (under 200k .. 1 million+), by main activity.
const INCOME_BY_ACTIVITY: Readonly<Record<number, Weights>> = {
  1: [[1, 3], [2, 7], [3, 17], [4, 35], [5, 23], [6, 15]],
  2: [[1, 8], [2, 12], [3, 20], [4, 27], [5, 18], [6, 15]],
  3: [[1, 82], [2, 12], [3, 4], [4, 2]],
  4: [[1, 45], [2, 35], [3, 15], [4, 5]],
  5: [[1, 8], [2, 38], [3, 32], [4, 14], [5, 5], [6, 3]],
  6: [[1, 15], [2, 55], [3, 25], [4, 5]],
  7: [[1, 75], [2, 15], [3, 7], [4, 3]],
};
const INCOME_OTHERWISE: Weights = [[1, 30], [2, 25], [3, 20], [4, 15], [5, 6], [6, 4]];

// Competence by age band and by education (refused → 0).
const COMPETENCE_BY_AGE = [0.55, 0.65, 0.55, 0.3, -0.05, -0.5, -1.05];
const COMPETENCE_BY_EDUCATION: Readonly<Record<number, number>> = { 1: -0.55, 2: -0.1, 3: 0, 4: 0.3, 5: 0.45 };

// How the response came in, by age band: self, assisted, phone, paper.
const MODE_BY_AGE: ReadonlyArray<readonly [number, number, number, number]> = [
  [94, 2, 2, 2],
  [93, 2, 2, 3],
  [92, 2, 3, 3],
  [88, 3, 4, 5],
  [80, 4, 6, 10],
  [58, 8, 12, 22],
  [30, 14, 22, 34],
];

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

function makePerson(random: Random): Person {
  const ageGroup = random.pick(AGE);
  const row = band(ageGroup);
  const activity = random.pick(ageGroup === PREFER_NOT_TO_SAY ? ACTIVITY_AGE_REFUSED : ACTIVITY_BY_AGE[row]!);
  const education = random.pick(EDUCATION_BY_AGE[row]!);
  // Students and the young more often do not know their income; income is the most refused question.
  const unsureOfIncome = activity === 3 || row === 0 ? 0.05 : 0.02;
  const income = random.chance(unsureOfIncome)
    ? DONT_KNOW
    : random.chance(0.055)
      ? PREFER_NOT_TO_SAY
      : random.pick(INCOME_BY_ACTIVITY[activity] ?? INCOME_OTHERWISE);
  const competence = COMPETENCE_BY_AGE[row]! + (COMPETENCE_BY_EDUCATION[education] ?? 0) + 0.75 * random.normal();

  // Those who find screens hard more often answer with a helper, on the phone or on paper.
  const [self, assisted, phone, paper] = MODE_BY_AGE[row]!;
  const selfFactor = competence < -1 ? 0.45 : competence < -0.3 ? 0.8 : 1;
  const mode = random.pick<Mode>([
    ['self', self * selfFactor],
    ['assisted', assisted],
    ['phone', phone],
    ['paper', paper],
  ]);
  const language = random.pick<Language>([
    ['nb', 84],
    ['nn', 10],
    ['en', row >= 5 ? 1.5 : 6],
  ]);
  // A library or service-office PC: only a citizen answering alone sits at one.
  const sharedDevice = mode === 'self' && random.chance(competence < -0.5 ? 0.06 : 0.025);
  const gender = random.pick([[1, 50], [2, 49], [3, 0.4], [PREFER_NOT_TO_SAY, 0.8]] as const);
  return { ageGroup, gender, education, activity, income, competence, mode, language, sharedDevice };
}

/** An ordered scale from a latent value: the number of thresholds it passes, plus one. */
function onScale(latent: number, thresholds: readonly number[]): number {
  let code = 1;
  for (const t of thresholds) if (latent >= t) code++;
  return code;
}

/** "Vet ikke" more often from those unsure with screens; an interviewer does not read it out. */
function dontKnowRate(person: Person, base: number): number {
  const unsure = person.competence < -1 ? 2 : 1;
  return base * unsure * (person.mode === 'phone' ? 0.6 : 1);
}

/** A question's model: the answer this person gives, given the answers so far. */
type AnswerModel = (person: Person, answers: Answers, random: Random) => AnswerValue;

function taskModel(offset: number): AnswerModel {
  return (person, answers, random) => {
    if (random.chance(dontKnowRate(person, 0.02))) return DONT_KNOW;
    // Without an electronic ID there is little to try; with low competence, more never tried.
    const neverTried = (answers['has_eid'] === 2 ? 0.5 : 0) + (person.competence < -1.2 ? 0.18 : 0.02);
    if (random.chance(neverTried)) return 5;
    const difficulty = -0.8 * person.competence + offset + 0.7 * random.normal();
    return onScale(difficulty, [-0.7, 0.35, 1.2]);
  };
}

function agreementModel(mean: number): AnswerModel {
  return (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.035))) return DONT_KNOW;
    return onScale(mean + 0.5 * person.competence + random.normal(), [-1.6, -0.7, 0.05, 1.05]);
  };
}

function degreeModel(mean: number, competenceWeight: number): AnswerModel {
  return (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.04))) return DONT_KNOW;
    return onScale(mean + competenceWeight * person.competence + random.normal(), [-1.6, -0.7, 0.3, 1.3]);
  };
}

/** Channel weights: digital 1, e-mail 2, chat 3, phone 4, in person 5, letter 6, other 7. */
function channelWeights(person: Person): Array<[number, number]> {
  const c = person.competence;
  return [
    [1, Math.max(3, 40 + 10 * c)],
    [2, 10],
    [3, Math.max(0.5, 4.5 + 4 * c)],
    [4, Math.max(12, 24 - 7 * c)],
    [5, Math.max(1.5, 4 - 2.5 * c)],
    [6, Math.max(0.5, 2 - 1.5 * c)],
    [7, 1],
  ];
}

const MODELS: Readonly<Record<string, AnswerModel>> = {
  age_group: (p) => p.ageGroup,
  gender: (p) => p.gender,
  main_activity: (p) => p.activity,
  income: (p) => p.income,
  education: (p) => p.education,
  skill_self: (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.012))) return DONT_KNOW;
    return onScale(person.competence + 0.35 * random.normal(), [-1.85, -1.15, -0.2, 0.9]);
  },
  devices: (person, _answers, random) => {
    const c = person.competence;
    const ticked = [
      random.chance(logistic(3 + 1.8 * c)) ? 1 : 0,
      random.chance(logistic(1.4 + 1.2 * c)) ? 2 : 0,
      random.chance(logistic(2.6 + 1.2 * c)) ? 3 : 0,
    ].filter((code) => code !== 0);
    return ticked.length > 0 ? ticked : [4];
  },
  has_eid: (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.01))) return DONT_KNOW;
    return random.chance(logistic(3.3 + 1.6 * person.competence)) ? 1 : 2;
  },
  task_login: taskModel(-0.3),
  task_form: taskModel(0.1),
  task_mailbox: taskModel(-0.2),
  task_scam: taskModel(0.45),
  agree_easy: agreementModel(0.35),
  agree_language: agreementModel(0.2),
  agree_municipal: agreementModel(0.05),
  trust_rights: degreeModel(0.35, 0.2),
  trust_data: degreeModel(0.3, 0.2),
  data_reuse: degreeModel(0.1, -0.1),
  multi_agency: (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.035))) return DONT_KNOW;
    // Sickness, unemployment and disability are the situations the question names.
    const likely = person.activity === 4 || person.activity === 6 ? 0.45 : 0.16;
    return random.chance(likely) ? 1 : 2;
  },
  coherence_alone: degreeModel(0.1, -0.3),
  coherence_easy: degreeModel(-0.1, 0.3),
  channel_pref: (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.02))) return DONT_KNOW;
    return random.pick(channelWeights(person));
  },
  channel_last: (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.03))) return DONT_KNOW;
    if (random.chance(person.ageGroup === 1 ? 0.15 : 0.06)) return 10;
    return random.pick(channelWeights(person));
  },
  help_source: (person, _answers, random) => {
    const c = person.competence;
    if (random.chance(c < -1 ? 0.06 : 0.025)) return [6];
    if (random.chance(0.55 * logistic(1.5 * (c - 0.4)))) return [5];
    const ticked = [
      random.chance(c < 0 ? 0.8 : 0.6) ? 1 : 0,
      random.chance(c < -0.5 ? 0.2 : 0.06) ? 2 : 0,
      random.chance(person.activity === 4 || person.activity === 6 ? 0.25 : 0.05) ? 3 : 0,
      random.chance(0.08) ? 4 : 0,
    ].filter((code) => code !== 0);
    return ticked.length > 0 ? ticked : [5];
  },
  learn_pref: (person, _answers, random) => {
    if (random.chance(dontKnowRate(person, 0.08))) return DONT_KNOW;
    const c = person.competence;
    return random.pick([
      [1, Math.max(4, 12 - 4 * c)],
      [2, 18],
      [3, Math.max(4, 10 - 3 * c)],
      [4, Math.max(5, 22 + 6 * c)],
      [5, Math.max(10, 24 + 4 * c)],
    ]);
  },
};

/** What the generator needs to know of a question, worked out once per questionnaire. */
interface QuestionPlan {
  readonly question: Question;
  readonly model: AnswerModel | undefined;
  readonly codes: ReadonlySet<number>;
  readonly exclusive: ReadonlySet<number>;
  /** Options other than 8, 9 and "none of these". */
  readonly substantive: readonly number[];
}

const plans = new WeakMap<Instrument, readonly QuestionPlan[]>();

function planOf(instrument: Instrument): readonly QuestionPlan[] {
  let plan = plans.get(instrument);
  if (!plan) {
    plan = instrument.questions.map((question) => ({
      question,
      model: MODELS[question.id],
      codes: new Set(question.options.map((o) => o.code)),
      exclusive: new Set(question.options.filter((o) => o.exclusive).map((o) => o.code)),
      substantive: question.options
        .filter((o) => o.code !== DONT_KNOW && o.code !== PREFER_NOT_TO_SAY && !o.exclusive)
        .map((o) => o.code),
    }));
    plans.set(instrument, plan);
  }
  return plan;
}

/** For a question without a model: any substantive option, the reserved ones now and then. */
function genericAnswer(plan: QuestionPlan, person: Person, random: Random): AnswerValue {
  const { question, codes, substantive } = plan;
  if (codes.has(DONT_KNOW) && random.chance(dontKnowRate(person, 0.03))) return DONT_KNOW;
  if (codes.has(PREFER_NOT_TO_SAY) && random.chance(0.02)) return PREFER_NOT_TO_SAY;
  if (question.type === 'single') {
    return substantive.length > 0 ? substantive[random.below(substantive.length)]! : question.options[random.below(question.options.length)]!.code;
  }
  const ticked: number[] = [];
  for (const code of substantive) if (random.chance(0.35)) ticked.push(code);
  if (ticked.length > 0) return ticked;
  const [none] = plan.exclusive;
  return [none ?? question.options[0]!.code];
}

/** An answer the question can take: one of its codes, and for a multi-select no exclusive option beside another. */
function fits(plan: QuestionPlan, value: AnswerValue): boolean {
  if (plan.question.type === 'single') return typeof value === 'number' && plan.codes.has(value);
  if (typeof value === 'number' || value.length === 0) return false;
  for (const code of value) {
    if (!plan.codes.has(code)) return false;
    if (value.length > 1 && plan.exclusive.has(code)) return false;
  }
  return true;
}

/** Paper forms come back with a box left blank now and then, more often from the oldest. */
const paperBlankRate = (person: Person): number => (person.ageGroup >= 6 ? 0.03 : 0.015);

/** Makes up a person and walks them through the questionnaire, routing as the app does. */
export function syntheticRespondent(instrument: Instrument, random: Random): SyntheticResponse {
  const person = makePerson(random);
  const blankRate = person.mode === 'paper' ? paperBlankRate(person) : 0;
  const answers: Record<string, AnswerValue> = {};
  for (const plan of planOf(instrument)) {
    // Routing looks back only (checkInstrument), so the answers so far decide.
    if (!isShown(instrument, plan.question, answers)) continue;
    if (blankRate > 0 && random.chance(blankRate)) continue;
    const modelled = plan.model?.(person, answers, random);
    answers[plan.question.id] = modelled !== undefined && fits(plan, modelled) ? modelled : genericAnswer(plan, person, random);
  }
  return { person, answers };
}
