// What a request from a citizen's page left open after «Avslutt» gets (issue 4):
// told the answers were deleted or saved, instead of a bare «Siden er utløpt».
// Mounted on the round pages (`/s/:slug`) before the CSRF check: its cookie
// should be gone, but a request already on its way still carries it. Sessions
// that were submitted or timed out need nothing here: their notes hand the
// receipt and the timeout page to the routes.
import type { NextFunction, Request, Response } from 'express';
import { roundPaths } from '../citizen/round-pages.ts';

/** Round pages (below `/s/:slug`) a citizen may land on after leaving, shown as they are. */
const SHOWN_AFTER_LEAVING = new Set(['/', '/resume', '/ended', '/print']);

export function lostSession() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const ended = req.sessionEnded;
    if (ended !== 'deleted' && ended !== 'saved') return next();
    if (req.method === 'GET' && SHOWN_AFTER_LEAVING.has(req.path)) return next();
    res.redirect(303, `${roundPaths.ended({ slug: encodeURIComponent(String(req.params['slug'])) })}?answers=${ended}`);
  };
}
