// Everything a citizen sees: the survey round's pages below `/s/:slug`, each
// with its round loaded once (round-pages.ts), and the service's own pages.
import { Router } from 'express';
import type { RenderPage } from '../render.ts';
import type { Services } from '../services.ts';
import { helpRouter } from './help.ts';
import { infoRouter } from './info.ts';
import { leavingRouter } from './leaving.ts';
import { printRouter } from './print.ts';
import { resumeRouter } from './resume.ts';
import { roundPages } from './round-pages.ts';
import { surveyRouter } from './survey.ts';

export function citizenRouter(services: Services, render: RenderPage): Router {
  const router = Router();
  router.use('/s/:slug', roundPages(services, render));
  // The survey's own pages first: nearly every request is one of them.
  for (const routes of [surveyRouter, leavingRouter, resumeRouter, helpRouter, printRouter, infoRouter]) {
    router.use(routes(services, render));
  }
  return router;
}
