// The last handlers: 404 for unknown paths, a 4xx page for malformed requests
// (body too large, broken encoding), 503 when the database cannot be used just
// now, and a 500 page that leaks nothing. Every 5xx is logged with its cause,
// never with the request's body (answers) or headers (cookies).
import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailable, isLockError } from '../../../db/connection.ts';
import { translator } from '../../i18n/messages.ts';
import type { Logger } from '../../log.ts';
import { isLanguage } from '../../survey/types.ts';
import { messagePage, ownUrl, type RenderPage } from '../render.ts';

/** Seconds to wait after a lock (another program writing for a moment) and after anything worse (a full disk). */
export const RETRY_AFTER_SECONDS = { locked: 5, unavailable: 60 } as const;

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

/** The cause of a failure, for the log: name, code, message and stack; nothing of the request. */
function causeOf(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { name: err.name, ...(typeof code === 'string' ? { code } : {}), message: err.message, stack: err.stack };
}

/**
 * What was posted, as name/value pairs to post again from the 503 page; none
 * when it held a password, which is never written into a page (the person types it again).
 */
function postedFields(body: unknown): Array<{ name: string; value: string }> {
  if (typeof body !== 'object' || body === null) return [];
  const posted = Object.entries(body as Record<string, unknown>);
  if (posted.some(([name]) => name === 'password')) return [];
  return posted.flatMap(([name, value]) => {
    // The old form token is not posted again: the page has a fresh one.
    if (name === '_csrf') return [];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((v): v is string => typeof v === 'string').map((v) => ({ name, value: v }));
  });
}

export function errorHandler(render: RenderPage, log: Logger) {
  return async (err: unknown, req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.headersSent) {
      log.error({ cause: causeOf(err), method: req.method, path: req.path }, 'request failed after the answer began');
      next(err);
      return;
    }
    const status = clientErrorStatus(err);
    // Language and session are missing when the failure came before they were set (the database could not be read).
    const asked = req.query?.['lang'];
    const t = res.locals.t ?? translator(isLanguage(asked) ? asked : 'nb');
    res.locals.t = t;
    res.locals.lang ??= isLanguage(asked) ? asked : 'nb';
    const page = (() => {
      if (status !== undefined) return messagePage(t, 'bad-request', status, 'badRequest.title', 'badRequest.body');
      if (isDatabaseUnavailable(err)) {
        res.set('Retry-After', String(isLockError(err) ? RETRY_AFTER_SECONDS.locked : RETRY_AFTER_SECONDS.unavailable));
        log.error({ cause: causeOf(err), method: req.method, path: req.path, status: 503 }, 'database unavailable');
        const fields = req.method === 'POST' && req.session ? postedFields(req.body) : [];
        return {
          view: 'unavailable',
          status: 503,
          title: t('unavailable.title'),
          page: 'unavailable',
          // Posted answers come back as hidden fields of a form that posts them again: nothing to retype.
          locals: { retry: fields.length > 0 ? { action: ownUrl(req), fields } : null, again: ownUrl(req) },
        };
      }
      log.error({ cause: causeOf(err), method: req.method, path: req.path, status: 500 }, 'request failed');
      return messagePage(t, 'server-error', 500, 'serverError.title', 'serverError.body');
    })();
    try {
      if (!req.session) throw new Error('no session to render with');
      await render(req, res, page);
    } catch (renderError) {
      // The page itself could not be made (the session or a template needs what failed): plain text, still in the right language.
      if (!res.headersSent) res.status(page.status ?? 500).type('text').send(`${page.title}\n`);
      if (req.session) log.error({ cause: causeOf(renderError), path: req.path }, 'error page failed');
    }
  };
}
