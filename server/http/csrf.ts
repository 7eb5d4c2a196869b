// Synchronizer-token CSRF protection: every state-changing request must echo the
// session's token in the `_csrf` field. The token lives server-side with the session.
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { messagePage, type RenderPage } from './views.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function matches(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

export function csrfProtection(render: RenderPage) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const body: unknown = req.body;
    const sent = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['_csrf'] : undefined;
    if (SAFE_METHODS.has(req.method) || matches(sent, req.session.data.csrf)) {
      next();
      return;
    }
    // Most often an expired session (the token went with it) or an old tab: say so plainly.
    await render(req, res, messagePage(res.locals.t, 'expired', 403, 'expired.title', 'expired.body'));
  };
}
