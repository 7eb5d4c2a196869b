// The audit log page (issue 5, point 5; issue 13, point 5): account, round and
// token events with who did them, filtered by kind and day; downloads of data
// and responses made by staff, counted per day.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditEvent, AuditSource, StaffMode } from '../../../db/audit-log.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { isCalendarDate, osloTime } from '../../time.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { adminPaths } from './paths.ts';

/** How many entries a table shows: enough for a week of a municipality's sign-ins. */
const AUDIT_PAGE_SIZE = 200;

/** The kinds an admin filters by, each a group of events. */
export const AUDIT_KINDS = {
  signIns: ['login', 'login_failed', 'logout'],
  accounts: ['user_added', 'password_changed', 'user_disabled', 'user_enabled', 'role_changed'],
  rounds: ['round_created', 'round_changed', 'round_opened', 'round_closed'],
  tokens: ['token_created', 'token_revoked'],
  data: ['reclassified'],
} as const satisfies Record<string, readonly AuditEvent[]>;
type AuditKind = keyof typeof AUDIT_KINDS;

const KIND_TEXT = {
  signIns: 'audit.kindSignIns',
  accounts: 'audit.kindAccounts',
  rounds: 'audit.kindRounds',
  tokens: 'audit.kindTokens',
  data: 'audit.kindData',
} as const satisfies Record<AuditKind, MessageKey>;

const EVENT_TEXT = {
  login: 'audit.login',
  login_failed: 'audit.loginFailed',
  logout: 'audit.logout',
  user_added: 'audit.userAdded',
  password_changed: 'audit.passwordChanged',
  user_disabled: 'audit.userDisabled',
  user_enabled: 'audit.userEnabled',
  role_changed: 'audit.roleChanged',
  round_created: 'audit.roundCreated',
  round_changed: 'audit.roundChanged',
  round_opened: 'audit.roundOpened',
  round_closed: 'audit.roundClosed',
  token_created: 'audit.tokenCreated',
  token_revoked: 'audit.tokenRevoked',
  reclassified: 'audit.reclassified',
} as const satisfies Record<AuditEvent, MessageKey>;

const MODE_TEXT = {
  assisted: 'audit.modeAssisted',
  phone: 'audit.modePhone',
  paper: 'audit.modePaper',
} as const satisfies Record<StaffMode, MessageKey>;
const SOURCE_TEXT = { web: 'audit.viaWeb', cli: 'audit.viaCli', start: 'audit.viaStart' } as const satisfies Record<AuditSource, MessageKey>;

const KINDS = Object.keys(AUDIT_KINDS) as AuditKind[];
// A filter is a GET form: anything it cannot use reads as "no filter" and the page says so.
const day = z.string().refine(isCalendarDate);
const filterQuery = z.object({
  kind: z.enum(KINDS).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

export function auditRouter(services: Services, render: RenderPage): Router {
  const { stores } = services;
  const router = Router();

  router.get(adminPaths.audit, async (req, res) => {
    const { t } = res.locals;
    const filter = filterQuery.parse(req.query);
    const typed = (name: 'from' | 'to') => (typeof req.query[name] === 'string' ? req.query[name].slice(0, 20) : '');
    const ignored = (['from', 'to'] as const).filter((name) => typed(name) !== '' && filter[name] === undefined);
    const range = { from: filter.from ?? null, to: filter.to ?? null, limit: AUDIT_PAGE_SIZE };
    const events: readonly AuditEvent[] = filter.kind ? AUDIT_KINDS[filter.kind] : KINDS.flatMap((k) => AUDIT_KINDS[k]);
    await render(req, res, {
      view: 'admin/audit',
      title: t('audit.title'),
      page: 'admin-audit',
      back: adminPaths.home,
      locals: {
        kinds: [{ value: '', label: t('audit.kindAll') }, ...KINDS.map((k) => ({ value: k, label: t(KIND_TEXT[k]) }))],
        filter: { kind: filter.kind ?? '', from: typed('from'), to: typed('to') },
        ignored: ignored.length > 0 ? t('audit.filterIgnored') : null,
        entries: stores.auditLog.find({ events, ...range }).map((e) => ({
          ...e,
          when: osloTime(new Date(e.at)),
          what: t(EVENT_TEXT[e.event]),
          // Who acted: the account itself for sign-ins, the admin for changes; from the
          // command line or the start, nobody signed in (the «Fra» column says which).
          actor: e.actor ?? '–',
          about: [e.username ?? (e.event === 'login_failed' ? t('audit.unknownUser') : null), e.round, e.token ? t('audit.tokenNamed', { name: e.token }) : null]
            .filter(Boolean)
            .join(', '),
          source: t(SOURCE_TEXT[e.via]),
        })),
        // Downloads and staff-made responses are counted per day, never one by one (migrations 005, 006).
        showCounts: filter.kind === undefined || filter.kind === 'data',
        downloads: stores.auditLog.dataAccessDays(range).map((d) => ({ ...d, who: d.username ?? t('audit.tokenNamed', { name: d.token ?? '' }) })),
        staffDays: stores.auditLog.staffResponseDays(range).map((d) => ({ ...d, mode: t(MODE_TEXT[d.mode]) })),
        limit: AUDIT_PAGE_SIZE,
      },
    });
  });

  return router;
}
