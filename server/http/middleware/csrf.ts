// CSRF protection: every state-changing request must echo the `_csrf` token of
// the form it came from, which is an HMAC of the browser's session cookie
// (middleware/session.ts). Signed rather than stored, so a form works before
// any session row exists, and a token is worth nothing without its cookie.
import type { NextFunction, Request, Response } from 'express';
import { messagePage, type RenderPage } from '../render.ts';
import { isSafeMethod } from '../methods.ts';


export function csrfProtection(render: RenderPage) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const body: unknown = req.body;
    const sent = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['_csrf'] : undefined;
    if (isSafeMethod(req.method) || req.session.checkCsrf(sent)) {
      next();
      return;
    }
    // Most often a page from before the session ended or the browser was cleared: say so plainly.
    await render(req, res, messagePage(res.locals.t, 'expired', 403, 'expired.title', 'expired.body'));
  };
}
