// Everything under /admin. A request with an API token reaches the data files
// of a round and nothing else (middleware/api-token.ts); every other request
// needs a signed-in admin.
import { Router } from 'express';
import { requireRole } from '../middleware/require-role.ts';
import { apiTokenAccess } from '../middleware/api-token.ts';
import type { Services } from '../services.ts';
import type { RenderPage } from '../render.ts';
import { auditRouter } from './audit.ts';
import { codebookPageRouter, exportRouter, TOKEN_FILES } from './exports.ts';
import { helpRequestsRouter } from './help-requests.ts';
import { adminHomeRouter } from './home.ts';
import { posterRouter } from './posters.ts';
import { reclassifyRouter } from './reclassify.ts';
import { reportRouter } from './report.ts';
import { roundsRouter } from './rounds.ts';
import { tokensRouter } from './tokens.ts';
import { usersRouter } from './users.ts';

export function adminRouter(services: Services, render: RenderPage): Router {
  const router = Router();
  const adminOnly = requireRole(render, 'admin');
  router.use(apiTokenAccess({ tokens: services.stores.apiTokens, clock: services.clock, conn: services.db.conn, files: TOKEN_FILES }));
  router.use('/admin', (req, res, next) => (req.apiToken ? next() : adminOnly(req, res, next)));
  router.use(exportRouter(services));
  router.use(codebookPageRouter(services, render));
  router.use(reportRouter(services, render));
  router.use(adminHomeRouter(services, render));
  router.use(roundsRouter(services, render));
  router.use(posterRouter(services, render));
  router.use(auditRouter(services, render));
  router.use(tokensRouter(services, render));
  router.use(reclassifyRouter(services, render));
  router.use(usersRouter(services, render));
  router.use(helpRequestsRouter(services, render));
  return router;
}
