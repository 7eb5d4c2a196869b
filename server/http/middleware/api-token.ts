// `Authorization: Bearer <token>` (shared/contract.md, "Exports"): an API token
// opens the data files of /admin/rounds/<slug>/… and nothing else. A request
// that carries the header is judged by its token alone, never by a session
// cookie beside it. Tokens have their own rate limit, counted per token (and
// per address for tokens that do not exist).
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiToken, ApiTokenStore } from '../../../db/api-tokens.ts';
import { hashApiToken, looksLikeApiToken } from '../../auth/api-token.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import type { Clock } from '../../time.ts';
import { osloDate } from '../../time.ts';
import { isSafeMethod } from '../methods.ts';
import { waitForWriteLock } from './write-gate.ts';
import type { Connection } from '../../../db/connection.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its request type this way.
  namespace Express {
    interface Request {
      /** The API token this request came with, once checked. */
      apiToken?: Pick<ApiToken, 'id' | 'name'>;
    }
  }
}

/** Requests per token per minute: a BI tool's refresh fetches a handful of files. */
export const TOKEN_REQUESTS_PER_MINUTE = 60;

const BEARER = /^Bearer[ ]+(\S*)$/i;
const DATA_PATH = /^\/admin\/rounds\/[a-z0-9-]+\/([A-Za-z0-9.]+)$/;

/** The file a path names under a round (`export.csv` of `/admin/rounds/demo/export.csv`), if it names one. */
export const roundFile = (path: string): string | undefined => DATA_PATH.exec(path)?.[1];

function refuse(res: Response, status: 401 | 403 | 429, key: MessageKey): void {
  // 401 names the scheme so a client knows what to send (RFC 6750).
  if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="exports"');
  res.status(status).type('text/plain').send(`${res.locals.t(key)}\n`);
}

export function apiTokenAccess(options: {
  readonly tokens: ApiTokenStore;
  readonly clock: Clock;
  readonly conn: Connection;
  /** The file names under a round a token may fetch (export.csv, report.csv, …). */
  readonly files: ReadonlySet<string>;
}) {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: TOKEN_REQUESTS_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.apiToken ? `token:${req.apiToken.id}` : `address:${ipKeyGenerator(req.ip ?? '')}`),
    handler: (_req, res) => refuse(res, 429, 'api.tooMany'),
  });

  return (req: Request, res: Response, next: NextFunction): void => {
    // Only the Bearer scheme is ours: Basic credentials a proxy in front passes on are not a token.
    const match = BEARER.exec(req.get('authorization') ?? '');
    if (!match || !/^\/admin(\/|$)/.test(req.path)) return next();
    const token = looksLikeApiToken(match[1]!) ? options.tokens.live(hashApiToken(match[1]!)) : undefined;
    if (token) req.apiToken = { id: token.id, name: token.name };
    // Unknown tokens are counted too, per address, so guessing is as slow as using.
    limiter(req, res, () => {
      if (!token) return refuse(res, 401, 'api.unauthorized');
      const file = roundFile(req.path);
      if (!isSafeMethod(req.method) || file === undefined || !options.files.has(file)) return refuse(res, 403, 'api.dataOnly');
      // Noting the use is a write: it waits for the lock like a form post does (middleware/write-gate.ts).
      waitForWriteLock(options.conn).then(() => {
        options.tokens.markUsed(token.id, osloDate(options.clock()));
        next();
      }, next);
    });
  };
}
