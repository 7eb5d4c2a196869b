// A signed-in admin's or staff member's own account (issue 13, point 8): changing
// their password. The current password is asked, the length rule is the one of
// every password, and every other session of theirs ends; this one goes on
// under a fresh token.
import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { HASHING_RETRY_AFTER_SECONDS, HashingBusy } from '../../auth/hashing-queue.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../../auth/password.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { adminPaths } from '../admin/paths.ts';
import { requireRole } from '../middleware/require-role.ts';
import type { Services } from '../services.ts';
import { staffPaths } from './paths.ts';
import type { ErrorItem, RenderPage } from '../render.ts';

/** Wrong current passwords per account in 15 minutes before the page waits (a left-open session is not a way to guess). */
const WRONG_CURRENT_LIMIT = 5;

type Field = 'current' | 'password';
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const form = z.object({
  current: z.preprocess(text, z.string().min(1, 'password.currentMissing').max(PASSWORD_MAX_LENGTH, 'password.currentWrong')),
  password: z.preprocess(text, z.string().min(PASSWORD_MIN_LENGTH, 'users.passwordShort').max(PASSWORD_MAX_LENGTH, 'users.passwordLong')),
});

export function accountRouter(services: Services, render: RenderPage): Router {
  const { stores, clock, hashing, passwordCost, db } = services;
  const router = Router();
  const path = adminPaths.password;
  router.use(path, requireRole(render, 'staff'));

  const renderPage = async (req: Request, res: Response, status: number, errors: Partial<Record<Field, MessageKey>>, done = false) => {
    const { t, user } = res.locals;
    const items: ErrorItem[] = (['current', 'password'] as const)
      .filter((f) => errors[f])
      .map((f) => ({ target: f, message: t(errors[f]!, { min: PASSWORD_MIN_LENGTH }) }));
    await render(req, res, {
      view: 'account/password',
      status,
      title: t('password.title'),
      page: 'account-password',
      back: user.role === 'admin' ? adminPaths.home : staffPaths.home,
      errors: items,
      locals: { done, minLength: PASSWORD_MIN_LENGTH, message: (f: Field) => items.find((i) => i.target === f)?.message },
    });
  };

  const wrongCurrent = rateLimit({
    windowMs: 15 * 60_000,
    limit: WRONG_CURRENT_LIMIT,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `user:${req.user?.id ?? 0}`,
    // A refusal counts; a page back with only a too-short new password does not.
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: (req, res) => renderPage(req, res, 429, { current: 'password.tooManyWrong' }),
  });

  router.get(path, async (req, res) => {
    await renderPage(req, res, 200, {}, req.query['done'] === '1');
  });

  router.post(path, wrongCurrent, async (req, res) => {
    const { user } = res.locals;
    const parsed = form.safeParse(req.body ?? {});
    if (!parsed.success) {
      const errors: Partial<Record<Field, MessageKey>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= issue.message as MessageKey;
      return renderPage(req, res, 400, errors);
    }
    let newHash: string;
    try {
      const right = await hashing.run(() => verifyPassword(parsed.data.current, user.passwordHash));
      if (!right) return renderPage(req, res, 401, { current: 'password.currentWrong' });
      newHash = await hashing.run(() => hashPassword(parsed.data.password, passwordCost));
    } catch (err) {
      if (!(err instanceof HashingBusy)) throw err;
      res.set('Retry-After', String(HASHING_RETRY_AFTER_SECONDS));
      return renderPage(req, res, 503, { current: 'login.busy' });
    }
    // Raising the generation ends every session of the account; this one signs in again with the new one.
    const generation = db.conn.transaction(() => {
      stores.users.setPassword(user.username, newHash);
      stores.auditLog.record({ at: clock(), event: 'password_changed', userId: user.id, actorId: user.id, via: 'web' });
      return stores.users.byId(user.id)!.sessionGeneration;
    })();
    req.session.signIn({
      userId: user.id,
      userGeneration: generation,
      signedInAt: clock().getTime(),
      ...(req.session.data.lang ? { lang: req.session.data.lang } : {}),
    });
    res.redirect(303, `${path}?done=1`);
  });

  return router;
}
