// The help requests citizens sent (citizen/help.ts), for an admin to follow up
// and delete.
import { Router } from 'express';
import { z } from 'zod';
import type { RenderPage } from '../render.ts';
import type { Services } from '../services.ts';
import { adminPaths } from './paths.ts';

/** A request id in a URL: the digits of a positive integer no larger than the store's ids. */
const requestId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);

export function helpRequestsRouter(services: Services, render: RenderPage): Router {
  const { stores, config } = services;
  const router = Router();

  router.get(adminPaths.helpRequests, async (req, res) => {
    await render(req, res, {
      view: 'admin/help',
      title: res.locals.t('helpAdmin.title'),
      page: 'admin-help',
      back: adminPaths.home,
      locals: { requests: stores.helpRequests.list(), days: config.helpRequestDays },
    });
  });

  router.post(`${adminPaths.helpRequests}/:id/delete`, (req, res, next) => {
    const id = requestId.safeParse(req.params['id']);
    // Not a request id, or one already deleted (another admin, a second click): not found.
    if (!id.success || !stores.helpRequests.remove(id.data)) return next();
    res.redirect(303, adminPaths.helpRequests);
  });

  return router;
}
