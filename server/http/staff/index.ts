// Everything staff see (admins too, who may do all that staff do): signing in
// and out, their own account, the staff page with its interview and assisted
// starts, and keying paper forms.
import { Router } from 'express';
import type { RenderPage } from '../render.ts';
import type { Services } from '../services.ts';
import { adminPaths } from '../admin/paths.ts';
import { accountRouter } from './account.ts';
import { staffHomeRouter } from './home.ts';
import { paperEntryRouter } from './paper-entry.ts';
import { staffPaths } from './paths.ts';
import { signInRouter } from './sign-in.ts';

/** Where staff pages live: signing in and out, the account, the staff page and paper forms below it. */
export const STAFF_PATHS = [staffPaths.signIn, staffPaths.signOut, adminPaths.password, staffPaths.home] as const;

export function staffRouter(services: Services, render: RenderPage): Router {
  const router = Router();
  for (const routes of [signInRouter, accountRouter, staffHomeRouter, paperEntryRouter]) router.use(routes(services, render));
  return router;
}
