// Everything under /admin: the data a token may fetch first, then the pages
// only a signed-in admin sees.
import { Router } from 'express';
import { requireRole } from '../auth.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../views.ts';
import { exportRouter } from './exports.ts';
import { adminHomeRouter } from './home.ts';
import { usersRouter } from './users.ts';

export function adminRouter(services: Services, render: RenderPage): Router {
  const router = Router();
  router.use('/admin', requireRole(render, 'admin'));
  router.use(exportRouter(services));
  router.use(adminHomeRouter(services, render));
  router.use(usersRouter(services, render));
  return router;
}
