// The admin home page: the rounds with their response counts, and where to go next.
import { Router } from 'express';
import type { Services } from '../services.ts';
import { staffPaths } from '../staff-paths.ts';
import { adminPaths } from './paths.ts';
import type { RenderPage } from '../views.ts';

export function adminHomeRouter(services: Services, render: RenderPage): Router {
  const { stores } = services;
  const router = Router();
  router.get('/admin', async (req, res) => {
    await render(req, res, {
      view: 'admin/index',
      title: res.locals.t('admin.title'),
      page: 'admin',
      locals: { rounds: stores.rounds.listWithCounts(), user: res.locals.user, helpRequestCount: stores.helpRequests.count(), staffHref: staffPaths.home, paths: adminPaths },
    });
  });

  return router;
}
