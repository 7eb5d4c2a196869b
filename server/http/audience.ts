// Which routers a request goes through, by the first segment of its path.
// Staff and admin pages live under prefixes of their own, so a citizen's
// request passes none of their middleware and routes on its way, and theirs
// none of the citizen's. The path is left whole: routes and links share one
// set of addresses (admin/paths.ts, staff/paths.ts, citizen/round-pages.ts).
import { Router } from 'express';

/** Sends a request to `routes` when its path begins with the first segment of one of `paths`. */
export function under(paths: readonly string[], routes: Router): Router {
  // Lower case, as express matches routes: /Admin reaches the admin pages, and their guard.
  const firstSegments = new Set(paths.map((path) => path.split('/')[1]!.toLowerCase()));
  const gate = Router();
  gate.use((req, _res, next) => {
    const end = req.path.indexOf('/', 1);
    next(firstSegments.has(req.path.slice(1, end === -1 ? undefined : end).toLowerCase()) ? undefined : 'router');
  });
  gate.use(routes);
  return gate;
}
