// Admin page for staff and admin accounts (issue 5, point 1): who has an
// account, adding one, and locking one out or letting it back in. Passwords
// follow the same rule as the command line (server/cli/user.ts); every change
// goes to the audit log.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditEvent } from '../../../db/audit-log.ts';
import type { Role, User, UserStore } from '../../../db/users.ts';
import { HASHING_RETRY_AFTER_SECONDS, HashingBusy } from '../../auth/hashing-queue.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { osloDate } from '../../time.ts';
import type { Services } from '../services.ts';
import type { ErrorItem, RenderPage } from '../render.ts';

const USERS_PATH = '/admin/users';
const USERNAME = /^[\p{L}\p{N}._@-]+$/u;

type Field = 'username' | 'role' | 'password';

// A tampered form may post arrays or nothing: both read as an empty field.
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const newUser = z.object({
  username: z.preprocess(
    (v) => text(v).trim(),
    z.string().min(1, 'users.usernameMissing').max(64, 'users.usernameTooLong').regex(USERNAME, 'users.usernameCharacters'),
  ),
  role: z.preprocess(text, z.enum(['admin', 'staff'], 'users.roleMissing')),
  password: z.preprocess(
    text,
    z.string().min(PASSWORD_MIN_LENGTH, 'users.passwordShort').max(PASSWORD_MAX_LENGTH, 'users.passwordLong'),
  ),
});

const ROLE_TEXT: Readonly<Record<Role, MessageKey>> = { admin: 'users.roleAdmin', staff: 'users.roleStaff' };

/**
 * What an admin can do to another account, by the name in its address. Each
 * ends every session of that account (db/users.ts): a locked-out user is
 * signed out at once, and a new role takes effect at the next sign-in.
 */
const CHANGES = {
  disable: { label: 'users.disable', event: 'user_disabled', shownFor: (u: User) => !u.disabled },
  enable: { label: 'users.enable', event: 'user_enabled', shownFor: (u: User) => u.disabled },
  'make-admin': { label: 'users.makeAdmin', event: 'role_changed', shownFor: (u: User) => u.role === 'staff' },
  'make-staff': { label: 'users.makeStaff', event: 'role_changed', shownFor: (u: User) => u.role === 'admin' },
} as const satisfies Record<string, { label: MessageKey; event: AuditEvent; shownFor: (u: User) => boolean }>;
type Change = keyof typeof CHANGES;
const isChange = (name: unknown): name is Change => typeof name === 'string' && Object.hasOwn(CHANGES, name);

function apply(users: UserStore, user: User, change: Change): void {
  switch (change) {
    case 'disable':
    case 'enable':
      users.setDisabled(user.username, change === 'disable');
      return;
    case 'make-admin':
    case 'make-staff':
      users.setRole(user.username, change === 'make-admin' ? 'admin' : 'staff');
  }
}

export function usersRouter(services: Services, render: RenderPage): Router {
  const { stores, clock } = services;
  const router = Router();

  const renderUsers = async (
    req: Request,
    res: Response,
    form: { username: string; role: string } = { username: '', role: '' },
    fieldErrors: Partial<Record<Field, string>> = {},
    status = 200,
  ): Promise<void> => {
    const { t } = res.locals;
    const targets: Record<Field, string> = { username: 'username', role: 'role-staff', password: 'password' };
    const errors: ErrorItem[] = (['username', 'role', 'password'] as const)
      .filter((f) => fieldErrors[f])
      .map((f) => ({ target: targets[f], message: fieldErrors[f]! }));
    await render(req, res, {
      view: 'admin/users',
      status,
      title: t('users.title'),
      page: 'admin-users',
      errors,
      locals: {
        users: stores.users.list().map((u) => ({
          ...u,
          roleText: t(ROLE_TEXT[u.role]),
          self: u.id === res.locals.user.id,
          changes: (Object.keys(CHANGES) as Change[])
            .filter((name) => CHANGES[name].shownFor(u))
            .map((name) => ({ name, label: t(CHANGES[name].label) })),
        })),
        form,
        fieldErrors,
        minLength: PASSWORD_MIN_LENGTH,
      },
    });
  };

  router.get(USERS_PATH, (req, res) => renderUsers(req, res));

  router.post(USERS_PATH, async (req, res) => {
    const { t } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = { username: text(body['username']).trim(), role: text(body['role']) };
    const parsed = newUser.safeParse(body);
    if (!parsed.success) {
      const fieldErrors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        fieldErrors[field] ??= t(issue.message as MessageKey, { min: PASSWORD_MIN_LENGTH });
      }
      return renderUsers(req, res, typed, fieldErrors, 400);
    }
    const { username, role, password } = parsed.data;
    if (stores.users.byUsername(username)) return renderUsers(req, res, typed, { username: t('users.usernameTaken') }, 400);
    let passwordHash: string;
    try {
      passwordHash = await services.hashing.run(() => hashPassword(password, services.passwordCost));
    } catch (err) {
      if (!(err instanceof HashingBusy)) throw err;
      res.set('Retry-After', String(HASHING_RETRY_AFTER_SECONDS));
      return renderUsers(req, res, typed, { password: t('login.busy') }, 503);
    }
    // Checked again: another admin may have taken the name while the password was hashed.
    if (stores.users.byUsername(username)) return renderUsers(req, res, typed, { username: t('users.usernameTaken') }, 400);
    const id = stores.users.create({ username, passwordHash, role, createdDate: osloDate(clock()) });
    stores.auditLog.record({ at: clock(), event: 'user_added', userId: id, actorId: res.locals.user.id, via: 'web' });
    res.redirect(303, USERS_PATH);
  });

  router.post(`${USERS_PATH}/:id/:change`, async (req, res, next) => {
    const change = req.params['change'];
    const user = stores.users.byId(Number(req.params['id']));
    if (!user || !isChange(change)) return next();
    // Locking yourself out, or out of this page, would leave nobody to undo it.
    if (user.id === res.locals.user.id) return renderUsers(req, res, undefined, { username: res.locals.t('users.notYourself') }, 400);
    apply(stores.users, user, change);
    stores.auditLog.record({ at: clock(), event: CHANGES[change].event, userId: user.id, actorId: res.locals.user.id, via: 'web' });
    res.redirect(303, USERS_PATH);
  });

  return router;
}
