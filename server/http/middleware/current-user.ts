// Who is signed in, loaded once per request. A session whose user was locked
// out, or whose password or role changed since it signed in, is signed out here
// (issue 12, point 2): the user's session generation no longer matches the one
// the session holds, and letting the user back in does not bring it back.
import type { NextFunction, Request, Response } from 'express';
import type { User, UserStore } from '../../../db/users.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its request type this way.
  namespace Express {
    interface Request {
      /** The signed-in staff member or admin; undefined for citizens. */
      user: User | undefined;
    }
  }
}

export function currentUser(users: UserStore) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.user = undefined;
    const { userId, userGeneration } = req.session.data;
    if (userId === undefined) return next();
    const user = users.byId(userId);
    if (user && !user.disabled && user.sessionGeneration === userGeneration) req.user = user;
    else req.session.signOut();
    next();
  };
}
