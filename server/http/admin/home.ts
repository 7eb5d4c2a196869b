// The admin home page: the rounds with their state and response counts, and
// where to go next. Each round's own page has its downloads.
import { Router } from 'express';
import type { Services } from '../services.ts';
import { staffPaths } from '../staff/paths.ts';
import { roundPhase } from '../../rounds/phase.ts';
import { osloDate } from '../../time.ts';
import { roundPaths } from '../citizen/round-pages.ts';
import { adminPaths } from './paths.ts';
import { PHASE_TEXT } from './rounds.ts';
import type { RenderPage } from '../render.ts';

export function adminHomeRouter(services: Services, render: RenderPage): Router {
  const { stores, clock } = services;
  const router = Router();
  router.get('/admin', async (req, res) => {
    await render(req, res, {
      view: 'admin/index',
      title: res.locals.t('admin.title'),
      page: 'admin',
      locals: {
        rounds: stores.rounds.listWithCounts().map((round) => ({
          ...round,
          href: adminPaths.round(round),
          citizenHref: roundPaths.start(round),
          phase: res.locals.t(PHASE_TEXT[roundPhase(round, osloDate(clock()))]),
        })),
        user: res.locals.user,
        helpRequestCount: stores.helpRequests.count(),
        staffHref: staffPaths.home,
        paths: adminPaths,
      },
    });
  });

  return router;
}
