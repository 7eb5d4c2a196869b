// What changes a round, shared by the admin pages and `npm run round`: what an
// edit changed, in the audit log's words, and opening a round from today.
import type { AuditLogStore, AuditSource } from '../../db/audit-log.ts';
import type { Round, RoundDetails, RoundStore } from '../../db/rounds.ts';

/** The audit log's words for a round's fields: the column names scripts know. */
const FIELD_NAMES: Readonly<Record<keyof RoundDetails, string>> = {
  title: 'name',
  organisation: 'organisation',
  mainLanguage: 'main_language',
  opensDate: 'opens',
  closesDate: 'closes',
  languages: 'languages',
  contactEmail: 'contact_email',
  dataController: 'data_controller',
};

const shown = (value: RoundDetails[keyof RoundDetails]): string =>
  value === null ? '–' : Array.isArray(value) ? value.join('+') : String(value);

/** «closes 2027-03-31 → 2027-04-15»: what an edit changed, for the audit log. */
export function describeChanges(before: RoundDetails, after: RoundDetails): string[] {
  return (Object.keys(FIELD_NAMES) as Array<keyof RoundDetails>)
    .filter((field) => shown(before[field]) !== shown(after[field]))
    .map((field) => `${FIELD_NAMES[field]} ${shown(before[field])} → ${shown(after[field])}`);
}

/**
 * Opens a round from today (web and command line alike) and, when that changed
 * anything, notes it in the audit log with the days it moved.
 */
export function openRound(
  stores: { readonly rounds: RoundStore; readonly auditLog: AuditLogStore },
  round: Round,
  today: string,
  by: { readonly at: Date; readonly actorId?: number; readonly via: AuditSource },
): void {
  const closedBefore = round.status === 'closed';
  const days = stores.rounds.open(round.slug, today);
  const moved = days ? describeChanges(round, { ...round, ...days }) : [];
  if (!closedBefore && moved.length === 0) return;
  stores.auditLog.record({ ...by, event: 'round_opened', roundId: round.id, detail: moved.join(', ') || null });
}
