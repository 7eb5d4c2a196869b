// The guard in front of staff and admin pages: who is signed in was loaded
// once by middleware/current-user.ts; this checks the role the page needs.
import type { NextFunction, Request, Response } from 'express';
import type { Role, User } from '../../../db/users.ts';
import { messagePage, type RenderPage } from '../render.ts';
import { staffPaths } from '../staff/paths.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its locals type this way.
  namespace Express {
    interface Locals {
      user: User;
      /** A staff or admin page: the layout adds their stylesheet (public/admin.css). */
      staffArea?: boolean;
    }
  }
}

/**
 * Lets through signed-in users with this role, and admins everywhere (they may do
 * everything staff do); others go to /login, or get 403 for the wrong role.
 */
export function requireRole(render: RenderPage, role: Role) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { user } = req;
    if (!user) {
      res.redirect(303, staffPaths.signIn);
      return;
    }
    if (user.role !== role && user.role !== 'admin') {
      await render(req, res, messagePage(res.locals.t, 'forbidden', 403, 'forbidden.title', 'forbidden.body'));
      return;
    }
    res.locals.user = user;
    res.locals.staffArea = true;
    res.set('Cache-Control', 'no-store');
    next();
  };
}
