// Addresses of the admin pages, in one place: routes, redirects and links use these.
import type { Round, RoundDetails } from '../../../db/rounds.ts';

type RoundRef = Pick<Round, 'slug'>;

export const adminPaths = {
  home: '/admin',
  rounds: '/admin/rounds',
  newRound: '/admin/rounds/new',
  round: (r: RoundRef) => `/admin/rounds/${r.slug}`,
  editRound: (r: RoundRef) => `/admin/rounds/${r.slug}/edit`,
  closeRound: (r: RoundRef) => `/admin/rounds/${r.slug}/close`,
  openRound: (r: RoundRef) => `/admin/rounds/${r.slug}/open`,
  reclassify: '/admin/reclassify',
  tokens: '/admin/tokens',
  audit: '/admin/audit',
  password: '/account/password',
} as const;

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
