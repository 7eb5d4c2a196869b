// The express app factory. Nothing listens here: main.ts does, and tests build
// one app per file on a temporary database.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { SurveyDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import type { Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { checkInstrument } from '../survey/check.ts';
import { instrument as defaultInstrument } from '../survey/definition.ts';
import type { Instrument } from '../survey/types.ts';
import { systemClock, type Clock } from '../time.ts';
import { adminRouter } from './admin.ts';
import { authRouter } from './auth.ts';
import { citizenRouter } from './citizen.ts';
import { csrfProtection } from './csrf.ts';
import { errorHandler, notFound } from './errors.ts';
import { helpRouter } from './help.ts';
import { infoRouter } from './info.ts';
import { afterLostSession, leavingRouter } from './leaving.ts';
import { paperEntryRouter } from './paper-entry.ts';
import { printRouter } from './print.ts';
import { resumeRouter } from './resume.ts';
import type { Services } from './services.ts';
import { sessions } from './session.ts';
import { staffRouter } from './staff.ts';
import { usersRouter } from './users.ts';
import { language, pageRenderer } from './views.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PUBLIC_DIR = join(ROOT, 'public');
const VIEWS_DIR = join(ROOT, 'views');

export interface AppOptions {
  /** Another questionnaire (tests); defaults to the instrument in server/survey/definition.ts. */
  readonly instrument?: Instrument;
  readonly clock?: Clock;
  readonly log?: Logger;
}

/** Adds a content hash to an asset URL so it can be cached for long and still change on deploy. */
function assetUrl(file: string): string {
  const hash = createHash('sha256').update(readFileSync(join(PUBLIC_DIR, file))).digest('hex').slice(0, 12);
  return `/assets/${file}?v=${hash}`;
}

function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Method, path and status only: no query string, body, cookie, IP address or user agent.
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  };
}

export function createApp(config: Config, db: SurveyDatabase, options: AppOptions = {}): Express {
  const instrument = options.instrument ?? defaultInstrument;
  const problems = checkInstrument(instrument);
  if (problems.length > 0) throw new Error(`The instrument has problems:\n  ${problems.join('\n  ')}`);

  const services: Services = {
    config,
    instrument,
    clock: options.clock ?? systemClock,
    log: options.log ?? createLogger(config.logLevel),
    db,
    stores: createStores(db.conn),
  };
  const render = pageRenderer({
    viewsDir: VIEWS_DIR,
    cache: config.production,
    stylesheet: assetUrl('app.css'),
    favicon: assetUrl('favicon.svg'),
    timeoutScript: assetUrl('timeout.js'),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        // Self-hosted assets only, and no inline script or style anywhere.
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
        },
      },
    }),
  );
  app.use(requestLog(services.log));
  app.use('/assets', express.static(PUBLIC_DIR, { index: false, maxAge: '365d', immutable: true }));

  app.get('/healthz', (_req, res) => {
    try {
      db.conn.prepare('SELECT 1').get();
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'error' });
    }
  });

  app.use((_req, res, next) => {
    // Pages may show answers or admin data: never keep them in a cache (shared computers).
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(sessions({ store: services.stores.sessions, idleMinutes: config.sessionIdleMinutes, clock: services.clock }));
  app.use(language());
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 500 }));
  app.use(afterLostSession());
  app.use(csrfProtection(render));

  app.use(authRouter(services, render));
  app.use(adminRouter(services, render));
  app.use(usersRouter(services, render));
  app.use(staffRouter(services, render));
  app.use(paperEntryRouter(services, render));
  app.use(helpRouter(services, render));
  app.use(resumeRouter(services, render));
  app.use(leavingRouter(services, render));
  app.use(printRouter(services, render));
  app.use(citizenRouter(services, render));
  app.use(infoRouter(services, render));

  app.use(notFound(render));
  app.use(errorHandler(render, services.log));
  return app;
}
