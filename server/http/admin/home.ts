// The admin home page (rounds with their response counts) and the audit log.
import { Router } from 'express';
import type { AuditEvent, AuditSource, StaffMode } from '../../../db/audit-log.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { osloTime } from '../../time.ts';
import type { Services } from '../services.ts';
import { staffPaths } from '../staff-paths.ts';
import type { RenderPage } from '../views.ts';

/** How many audit entries the page shows: enough for a week of a municipality's sign-ins. */
const AUDIT_PAGE_SIZE = 200;
/** Rows of staff-made responses per day: a few months for a handful of staff. */
const STAFF_DAYS_SHOWN = 200;
const AUDIT_EVENT_TEXT = {
  login: 'audit.login',
  login_failed: 'audit.loginFailed',
  logout: 'audit.logout',
  user_added: 'audit.userAdded',
  password_changed: 'audit.passwordChanged',
  user_disabled: 'audit.userDisabled',
  user_enabled: 'audit.userEnabled',
  role_changed: 'audit.roleChanged',
} as const satisfies Record<AuditEvent, MessageKey>;
const AUDIT_MODE_TEXT = {
  assisted: 'audit.modeAssisted',
  phone: 'audit.modePhone',
  paper: 'audit.modePaper',
} as const satisfies Record<StaffMode, MessageKey>;
const AUDIT_SOURCE_TEXT = { web: 'audit.viaWeb', cli: 'audit.viaCli', start: 'audit.viaStart' } as const satisfies Record<AuditSource, MessageKey>;

export function adminHomeRouter(services: Services, render: RenderPage): Router {
  const { stores, db, instrument, clock } = services;
  const router = Router();
  router.get('/admin', async (req, res) => {
    await render(req, res, {
      view: 'admin/index',
      title: res.locals.t('admin.title'),
      page: 'admin',
      locals: { rounds: stores.rounds.listWithCounts(), user: res.locals.user, helpRequestCount: stores.helpRequests.count(), staffHref: staffPaths.home },
    });
  });

  // The latest account events, newest first, and the responses staff made per day (issue 5, point 5).
  router.get('/admin/audit', async (req, res) => {
    const { t } = res.locals;
    await render(req, res, {
      view: 'admin/audit',
      title: t('audit.title'),
      page: 'admin-audit',
      locals: {
        entries: stores.auditLog.latest(AUDIT_PAGE_SIZE).map((e) => ({
          ...e,
          when: osloTime(new Date(e.at)),
          what: t(AUDIT_EVENT_TEXT[e.event]),
          source: t(AUDIT_SOURCE_TEXT[e.via]),
        })),
        // Counted per day, never one by one: see migration 005.
        staffDays: stores.auditLog.staffResponseDays(STAFF_DAYS_SHOWN).map((d) => ({ ...d, mode: t(AUDIT_MODE_TEXT[d.mode]) })),
        limit: AUDIT_PAGE_SIZE,
      },
    });
  });

  return router;
}
