// Staff and admin login (shared/contract.md, "Staff and admin"): the form at
// /login and logout. The guard in front of role-restricted pages is
// middleware/require-role.ts.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Role } from '../../../db/users.ts';
import { HASHING_RETRY_AFTER_SECONDS, HashingBusy } from '../../auth/hashing-queue.ts';
import { LoginThrottle } from '../../auth/login-throttle.ts';
import { dummyHash, verifyPassword } from '../../auth/password.ts';
import { formatDuration } from '../durations.ts';
import type { Services } from '../services.ts';
import { staffPaths } from './paths.ts';
import { messagePage, type RenderPage } from '../render.ts';

// A tampered form may post arrays or nothing; both read as an empty field.
const loginForm = z.object({
  username: z.string().trim().max(200).catch(''),
  password: z.string().max(1024).catch(''),
});

const homeOf = (role: Role): string => (role === 'admin' ? '/admin' : staffPaths.home);

export function signInRouter(services: Services, render: RenderPage): Router {
  const { users, auditLog } = services.stores;
  const { clock, hashing } = services;
  const unknownUserHash = dummyHash(services.passwordCost);
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

  router.get(staffPaths.signIn, async (req, res) => {
    if (req.user) return res.redirect(303, homeOf(req.user.role));
    await renderLogin(req, res, 200, '', {});
  });

  router.post(staffPaths.signIn, async (req, res) => {
    const { t } = res.locals;
    const form = loginForm.parse(req.body ?? {});
    if (!form.username || !form.password) {
      return renderLogin(req, res, 400, form.username, {
        ...(form.username ? {} : { username: t('login.usernameMissing') }),
        ...(form.password ? {} : { password: t('login.passwordMissing') }),
      });
    }
    // The client's address is only a key in memory here (server/auth/login-throttle.ts).
    // The attempt is counted now, before the password is checked: see the throttle.
    const begun = throttle.begin({ username: form.username, client: req.ip ?? '' }, clock().getTime());
    if ('waitMs' in begun) {
      res.set('Retry-After', String(Math.ceil(begun.waitMs / 1000)));
      return renderLogin(req, res, 429, form.username, { username: t('login.throttled', { wait: waitText(t, begun.waitMs) }) });
    }
    const { attempt } = begun;
    const known = users.byUsername(form.username);
    let valid: boolean;
    try {
      // Against a dummy hash for unknown users, so the answer time does not tell who exists.
      valid = await hashing.run(() => verifyPassword(form.password, known?.passwordHash ?? unknownUserHash));
    } catch (err) {
      throttle.release(attempt);
      if (!(err instanceof HashingBusy)) throw err;
      res.set('Retry-After', String(HASHING_RETRY_AFTER_SECONDS));
      return renderLogin(req, res, 503, form.username, { username: t('login.busy') });
    }
    // Read again: the account may have changed while its password was checked.
    const user = known && users.byId(known.id);
    if (!user || user.disabled || !valid || user.passwordHash !== known?.passwordHash) {
      throttle.fail(attempt);
      auditLog.record({ at: clock(), event: 'login_failed', userId: user?.id ?? null, via: 'web' });
      return renderLogin(req, res, 401, form.username, { username: t('login.failed') });
    }
    throttle.succeed(attempt);
    auditLog.record({ at: clock(), event: 'login', userId: user.id, actorId: user.id, via: 'web' });
    req.session.signIn({
      userId: user.id,
      userGeneration: user.sessionGeneration,
      signedInAt: clock().getTime(),
      ...(req.session.data.lang ? { lang: req.session.data.lang } : {}),
    });
    res.redirect(303, homeOf(user.role));
  });

  router.post(staffPaths.signOut, (req, res) => {
    if (req.user) auditLog.record({ at: clock(), event: 'logout', userId: req.user.id, actorId: req.user.id, via: 'web' });
    req.session.signOut();
    res.redirect(303, staffPaths.signIn);
  });

  return router;
}

/** How long to wait, rounded up: trying again early only fails again. */
function waitText(t: Response['locals']['t'], ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds <= 60 ? t('duration.seconds', { n: seconds }) : formatDuration(t, Math.ceil(seconds / 60));
}
