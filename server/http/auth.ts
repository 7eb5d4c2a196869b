// Staff and admin login (shared/contract.md, "Staff and admin"): the form at
// /login, logout, and the guard in front of role-restricted pages.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Role, User } from '../../db/users.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { formatDuration } from './durations.ts';
import type { Services } from './services.ts';
import { staffPaths } from './staff-paths.ts';
import { messagePage, type RenderPage } from './views.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      user: User;
    }
  }
}

// A tampered form may post arrays or nothing; both read as an empty field.
const loginForm = z.object({
  username: z.string().trim().max(200).catch(''),
  password: z.string().max(1024).catch(''),
});

const homeOf = (role: Role): string => (role === 'admin' ? '/admin' : staffPaths.home);

export function authRouter(services: Services, render: RenderPage): Router {
  const { users, auditLog } = services.stores;
  const { clock } = services;
  const router = Router();
  const throttle = new LoginThrottle();

  const renderLogin = async (
    req: Request,
    res: Response,
    status: number,
    username: string,
    fieldErrors: Partial<Record<'username' | 'password', string>>,
  ) => {
    const { t } = res.locals;
    const errors = (['username', 'password'] as const)
      .filter((f) => fieldErrors[f])
      .map((f) => ({ target: f, message: fieldErrors[f]! }));
    await render(req, res, {
      view: 'login',
      status,
      title: t('login.title'),
      page: 'login',
      errors,
      locals: { username, fieldErrors },
    });
  };

  router.get('/login', async (req, res) => {
    const user = currentUser(services, req);
    if (user) return res.redirect(303, homeOf(user.role));
    await renderLogin(req, res, 200, '', {});
  });

  router.post('/login', async (req, res) => {
    const { t } = res.locals;
    const form = loginForm.parse(req.body ?? {});
    if (!form.username || !form.password) {
      return renderLogin(req, res, 400, form.username, {
        ...(form.username ? {} : { username: t('login.usernameMissing') }),
        ...(form.password ? {} : { password: t('login.passwordMissing') }),
      });
    }
    // The client's address is only a key in memory here (server/auth/login-throttle.ts).
    const keys = { username: form.username, client: req.ip ?? '' };
    const waitMs = throttle.waitMs(keys, clock().getTime());
    if (waitMs > 0) {
      res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
      return renderLogin(req, res, 429, form.username, { username: t('login.throttled', { wait: waitText(t, waitMs) }) });
    }
    const user = users.byUsername(form.username);
    // Verify against a dummy hash for unknown users so the answer time does not tell who exists.
    const valid = await verifyPassword(form.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || user.disabled || !valid) {
      throttle.fail(keys, clock().getTime());
      auditLog.record({ at: clock(), event: 'login_failed', userId: user?.id ?? null, via: 'web' });
      return renderLogin(req, res, 401, form.username, { username: t('login.failed') });
    }
    throttle.succeed(keys);
    auditLog.record({ at: clock(), event: 'login', userId: user.id, via: 'web' });
    req.session.regenerate({
      userId: user.id,
      signedInAt: clock().getTime(),
      ...(req.session.data.lang ? { lang: req.session.data.lang } : {}),
    });
    res.redirect(303, homeOf(user.role));
  });

  router.post('/logout', (req, res) => {
    const lang = req.session.data.lang;
    const user = currentUser(services, req);
    if (user) auditLog.record({ at: clock(), event: 'logout', userId: user.id, via: 'web' });
    req.session.regenerate(lang ? { lang } : {});
    res.redirect(303, '/login');
  });

  return router;
}

/** How long to wait, rounded up: trying again early only fails again. */
function waitText(t: Response['locals']['t'], ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds <= 60 ? t('duration.seconds', { n: seconds }) : formatDuration(t, Math.ceil(seconds / 60));
}

export function currentUser(services: Services, req: Request): User | undefined {
  const id = req.session.data.userId;
  const user = id === undefined ? undefined : services.stores.users.byId(id);
  return user && !user.disabled ? user : undefined;
}

/**
 * Lets through signed-in users with this role, and admins everywhere (they may do
 * everything staff do); others go to /login, or get 403 for the wrong role.
 */
export function requireRole(services: Services, render: RenderPage, role: Role) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const user = currentUser(services, req);
    if (!user) {
      res.redirect(303, '/login');
      return;
    }
    if (user.role !== role && user.role !== 'admin') {
      await render(req, res, messagePage(res.locals.t, 'forbidden', 403, 'forbidden.title', 'forbidden.body'));
      return;
    }
    res.locals.user = user;
    res.set('Cache-Control', 'no-store');
    next();
  };
}
