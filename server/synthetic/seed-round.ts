// Fills a round with synthetic responses, written exactly as the app writes a
// submitted one: answers → toSubmission (routing, codes, classification) →
// the response store's record(). Batched: one transaction per batch, so a
// million responses take seconds, not hours of single commits.
import type { Connection } from '../../db/connection.ts';
import { responseStore, type NewResponse } from '../../db/responses.ts';
import type { Round } from '../../db/rounds.ts';
import { SEGMENTS, type Segment } from '../survey/classify.ts';
import { storedClassification, toSubmission } from '../survey/submission.ts';
import { DONT_KNOW, LANGUAGES, MODES, PREFER_NOT_TO_SAY, type Instrument, type Language } from '../survey/types.ts';
import { addDays } from '../time.ts';
import { seededRandom, type Random } from './random.ts';
import { syntheticRespondent, type Mode } from './respondent.ts';


/** A round with no closing day on record runs four weeks, as municipal surveys commonly do. */
const DEFAULT_ROUND_DAYS = 28;

export interface SeedOptions {
  readonly count: number;
  readonly seed: string;
  /** Responses per transaction. */
  readonly batchSize?: number;
  /** Called after each batch with the number written so far. */
  readonly onProgress?: (done: number) => void;
}

export interface SeedSummary {
  readonly count: number;
  readonly seed: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly bySegment: Readonly<Record<Segment, number>>;
  readonly svartSarbar: number;
  readonly byMode: Readonly<Record<Mode, number>>;
  readonly byLanguage: Readonly<Record<Language, number>>;
  /** Answers coded 8 (Vet ikke) and 9 (Vil ikke svare). */
  readonly dontKnow: number;
  readonly preferNotToSay: number;
}

/**
 * The days responses are dated over: the round's days (its opening day, else
 * the day it was made; its closing day, else the day it was closed), or four
 * weeks from its first day when it has no end yet (days that may lie ahead).
 * Never read from the clock, so that a seed makes the same data set on any day.
 */
export function roundDays(round: Round): string[] {
  const first = round.opensDate ?? round.createdDate;
  const end = round.closesDate ?? round.closedDate;
  const last = end !== null && end >= first ? end : addDays(first, DEFAULT_ROUND_DAYS - 1);
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * How many responses arrive on each day: most just after the invitation letter,
 * a second wave after the reminder a third of the way in, fewer at weekends.
 * Whole numbers summing to `count` (largest remainders), the same every time.
 */
export function dailyCounts(days: readonly string[], count: number): number[] {
  const reminder = Math.floor(days.length / 3);
  const weights = days.map((day, i) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const wave = Math.exp(-i / 4) + (i >= reminder ? 0.6 * Math.exp(-(i - reminder) / 3) : 0) + 0.05;
    return wave * (weekday === 0 || weekday === 6 ? 0.6 : 1);
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  const exact = weights.map((w) => (w / total) * count);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

const countsOf = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Writes `count` synthetic responses into the round and says what went in. */
export function seedRound(conn: Connection, instrument: Instrument, round: Round, options: SeedOptions): SeedSummary {
  const { count, seed } = options;
  const batchSize = options.batchSize ?? 5000;
  const random: Random = seededRandom(seed);
  const responses = responseStore(conn);
  const days = roundDays(round);
  const perDay = dailyCounts(days, count);

  const bySegment = countsOf(SEGMENTS);
  const byMode = countsOf(MODES);
  const byLanguage = countsOf(LANGUAGES);
  let svartSarbar = 0;
  let dontKnow = 0;
  let preferNotToSay = 0;
  let paperNumber = 0;

  let day = 0;
  let leftToday = perDay[0] ?? 0;
  const nextDay = (): number => {
    while (leftToday === 0) leftToday = perDay[++day] ?? 0;
    leftToday--;
    return day;
  };

  const writeOne = (): void => {
    const arrived = nextDay();
    const { person, answers } = syntheticRespondent(instrument, random);
    const { codes, classification } = toSubmission(instrument, answers);
    // A paper form is dated the day it is keyed in: posted forms reach the office some days later.
    const keyed = person.mode === 'paper' ? Math.min(days.length - 1, arrived + random.below(7)) : arrived;
    const response: NewResponse = {
      roundId: round.id,
      language: person.language,
      mode: person.mode,
      sharedDevice: person.sharedDevice,
      submittedDate: days[keyed]!,
      instrumentVersion: instrument.version,
      // Made-up responses name no real staff member.
      staffUserId: null,
      codes,
      classification: storedClassification(classification),
    };
    if (person.mode === 'paper') {
      // A number already in the round (an earlier seed, a real form) is skipped, as staff would.
      while (responses.record({ ...response, paperFormNumber: `S${String(++paperNumber).padStart(7, '0')}` }) === null);
    } else {
      responses.record(response);
    }
    bySegment[classification.segment]++;
    byMode[person.mode]++;
    byLanguage[person.language]++;
    if (classification.svartSarbar) svartSarbar++;
    for (const [, code] of codes) {
      if (code === DONT_KNOW) dontKnow++;
      else if (code === PREFER_NOT_TO_SAY) preferNotToSay++;
    }
  };

  // record() runs as a savepoint inside this transaction: one commit per batch.
  const writeBatch = conn.transaction((size: number): void => {
    for (let i = 0; i < size; i++) writeOne();
  });
  for (let done = 0; done < count; ) {
    const size = Math.min(batchSize, count - done);
    writeBatch(size);
    done += size;
    options.onProgress?.(done);
  }

  return {
    count,
    seed,
    firstDay: days[0]!,
    lastDay: days[days.length - 1]!,
    bySegment,
    svartSarbar,
    byMode,
    byLanguage,
    dontKnow,
    preferNotToSay,
  };
}
