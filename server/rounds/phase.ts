// Where a round stands on a given day, from its status and its days (Norwegian
// calendar days, both inclusive: shared/contract.md). Pure.
import type { Language } from '../survey/types.ts';
import { LANGUAGES } from '../survey/types.ts';
import { retentionCutoff } from '../time.ts';

export interface RoundDays {
  readonly status: 'open' | 'closed';
  readonly opensDate: string | null;
  readonly closesDate: string | null;
  readonly closedDate: string | null;
  /** The day the round was made: no form of it is older. */
  readonly createdDate: string;
}

/**
 * - `upcoming`: before its opening day (citizens are told when it opens);
 * - `open`: citizens and staff can answer;
 * - `ended`: past its closing day, not yet closed by an admin (retention has not started);
 * - `closed`: closed by an admin.
 */
export type RoundPhase = 'upcoming' | 'open' | 'ended' | 'closed';

export const ROUND_PHASES = ['upcoming', 'open', 'ended', 'closed'] as const satisfies readonly RoundPhase[];

export function roundPhase(round: RoundDays, today: string): RoundPhase {
  if (round.status === 'closed') return 'closed';
  // ISO dates compare as text.
  if (round.opensDate !== null && today < round.opensDate) return 'upcoming';
  if (round.closesDate !== null && today > round.closesDate) return 'ended';
  return 'open';
}

/** Whether citizens can answer today (and staff help them, or interview them by phone). */
export const acceptsAnswers = (round: RoundDays, today: string): boolean => roundPhase(round, today) === 'open';

/**
 * Whether a paper form dated `date` belongs to the round: on or after its opening
 * day, on or before its last day (the closing day, or the day an admin closed
 * it), and not in the future. Staff may key such forms after the round closed.
 */
export function acceptsPaperDated(round: RoundDays, date: string, today: string): boolean {
  const days = paperDays(round);
  if (date > today) return false;
  if (date < days.opensDate) return false;
  return days.closesDate === null || date <= days.closesDate;
}

/**
 * The days a paper form of the round may be dated: from its first day (or the
 * day it was made) to the earlier of its closing day and the day it was closed.
 */
export function paperDays(round: RoundDays): { readonly opensDate: string; readonly closesDate: string | null } {
  const last = [round.closesDate, round.closedDate].filter((d): d is string => d !== null).sort()[0] ?? null;
  return { opensDate: round.opensDate ?? round.createdDate, closesDate: last };
}

/**
 * Whether staff may key paper forms of the round today: from its opening, and
 * after it closed until its responses' retention runs out (a form keyed later
 * would be deleted at the next cleanup).
 */
export function takesPaperForms(round: RoundDays, today: string, retentionDays: number | undefined): boolean {
  const phase = roundPhase(round, today);
  if (phase === 'upcoming') return false;
  if (phase !== 'closed' || retentionDays === undefined || round.closedDate === null) return true;
  return round.closedDate >= retentionCutoff(today, retentionDays);
}

/** The languages a round offers, in the questionnaire's order. */
export const offeredLanguages = (round: { readonly languages: readonly Language[] | null }): readonly Language[] =>
  round.languages === null ? LANGUAGES : LANGUAGES.filter((l) => round.languages!.includes(l));
