// The round named in an admin address (`:slug`), loaded once for the routes
// below it into res.locals.round; an unknown slug falls through to 404.
import type { Router } from 'express';
import type { Stores } from '../services.ts';

export function loadRoundParam(router: Router, stores: Pick<Stores, 'rounds'>): void {
  router.param('slug', (_req, res, next, slug: string) => {
    const round = stores.rounds.bySlug(slug);
    if (!round) return next('route');
    res.locals.round = round;
    next();
  });
}
