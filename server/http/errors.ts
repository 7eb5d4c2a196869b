// The last handlers: 404 for unknown paths, a 4xx page for malformed requests
// (body too large, broken encoding), and a 500 page that leaks nothing.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../log.ts';
import { messagePage, type RenderPage } from './views.ts';

export function notFound(render: RenderPage) {
  return async (req: Request, res: Response): Promise<void> => {
    await render(req, res, messagePage(res.locals.t, 'not-found', 404, 'notFound.title', 'notFound.body'));
  };
}

function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function errorHandler(render: RenderPage, log: Logger) {
  return async (err: unknown, req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = clientErrorStatus(err);
    // Language and session may be missing if the failure came before they were set.
    if (!res.locals.t || !req.session) {
      res.status(status ?? 500).type('text').send(status ? 'Bad request' : 'Internal error');
      return;
    }
    const { t } = res.locals;
    if (status !== undefined) {
      await render(req, res, messagePage(t, 'bad-request', status, 'badRequest.title', 'badRequest.body'));
      return;
    }
    // Message and stack only: never the request body (answers) or headers (cookies).
    log.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err), path: req.path }, 'request failed');
    await render(req, res, messagePage(t, 'server-error', 500, 'serverError.title', 'serverError.body'));
  };
}
