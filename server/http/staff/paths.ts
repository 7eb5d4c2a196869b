// Addresses of the staff pages (shared/contract.md, "Staff and admin"), apart
// from their router so the citizen flow and sign-in can lead there.
import type { Round } from '../../../db/rounds.ts';

/** What the staff page says after a citizen's answers were sent, deleted, saved, or a paper form stored. */
export const STAFF_OUTCOMES = ['sent', 'deleted', 'saved', 'paper'] as const;
export type StaffOutcome = (typeof STAFF_OUTCOMES)[number];

export const staffPaths = {
  signIn: '/login',
  signOut: '/logout',
  home: '/staff',
  after: (outcome: StaffOutcome, extra: Readonly<Record<string, string>> = {}) =>
    `/staff?${new URLSearchParams({ done: outcome, ...extra })}`,
  paper: (round: Pick<Round, 'slug'>) => `/staff/paper/${round.slug}`,
};
