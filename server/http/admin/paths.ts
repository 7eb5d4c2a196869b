// Addresses of the admin pages, in one place: routes, redirects and links use these.
import type { Round } from '../../../db/rounds.ts';

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
  helpRequests: '/admin/help',
  password: '/account/password',
} as const;
