// The express app factory. Nothing listens here: main.ts does, and tests build
// one app per file on a temporary database.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { SurveyDatabase } from '../../db/connection.ts';
import { readSecret } from '../../db/secrets.ts';
import { createStores } from '../../db/stores.ts';
import { HashingQueue } from '../auth/hashing-queue.ts';
import { DEFAULT_COST, type HashCost } from '../auth/password.ts';
import type { Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { checkInstrument } from '../survey/check.ts';
import { CURRENT_RULE, type SegmentRule } from '../survey/classify.ts';
import { instrument as defaultInstrument } from '../survey/definition.ts';
import type { Instrument } from '../survey/types.ts';
import { systemClock, type Clock } from '../time.ts';
import { TOKEN_FILES } from './admin/exports.ts';
import { adminRouter } from './admin/index.ts';
import { adminPaths } from './admin/paths.ts';
import { citizenRouter } from './citizen/index.ts';
import { STAFF_PATHS, staffRouter } from './staff/index.ts';
import { ASSETS_PATH, loadAssets } from './assets.ts';
import { under } from './audience.ts';
import { healthCheck } from './health.ts';
import { lostSession } from './middleware/lost-session.ts';
import { language } from './middleware/language.ts';
import { roundFile } from './middleware/api-token.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { currentUser } from './middleware/current-user.ts';
import { errorHandler, notFound } from './middleware/errors.ts';
import { requestLog, type RequestLog } from './middleware/request-log.ts';
import { sessions } from './middleware/session.ts';
import { writeGate } from './middleware/write-gate.ts';
import type { Services } from './services.ts';
import { pageRenderer } from './render.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PUBLIC_DIR = join(ROOT, 'public');
const VIEWS_DIR = join(ROOT, 'views');

export interface AppOptions {
  /** Another questionnaire (tests); defaults to the instrument in server/survey/definition.ts. */
  readonly instrument?: Instrument;
  /** Another segment rule (tests of reclassification); defaults to the current one in server/survey/classify.ts. */
  readonly rule?: SegmentRule;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** The request log, when the caller flushes its daily counts (main.ts at midnight, tests at will). */
  readonly requestLog?: RequestLog;
  /** scrypt's cost; tests pass a cheap one so that signing in takes milliseconds. */
  readonly passwordCost?: HashCost;
}

export function createApp(config: Config, db: SurveyDatabase, options: AppOptions = {}): Express {
  const instrument = options.instrument ?? defaultInstrument;
  const problems = checkInstrument(instrument);
  if (problems.length > 0) throw new Error(`The instrument has problems:\n  ${problems.join('\n  ')}`);

  const log = options.log ?? createLogger(config.logLevel);
  const services: Services = {
    config,
    instrument,
    rule: options.rule ?? CURRENT_RULE,
    clock: options.clock ?? systemClock,
    log,
    db,
    stores: createStores(db.conn),
    hashing: new HashingQueue(),
    passwordCost: options.passwordCost ?? DEFAULT_COST,
  };
  // Requests never wait on another program's lock synchronously, which would stop
  // the whole server: a write waits in the write gate, asynchronously, instead.
  db.conn.pragma('busy_timeout = 0');
  const assets = loadAssets(PUBLIC_DIR);
  const render = pageRenderer({
    viewsDir: VIEWS_DIR,
    cache: config.production,
    stylesheets: { all: assets.url('app.css'), staff: assets.url('admin.css') },
    favicon: assets.url('favicon.svg'),
    timeoutScript: assets.url('timeout.js'),
  });

  const app = express();
  app.disable('x-powered-by');
  // Pages are never cached (no-store) and files are immutable: an ETag would be a hash of every page for nothing.
  app.set('etag', false);
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
  app.use((options.requestLog ?? requestLog(log)).middleware);
  app.use(ASSETS_PATH, assets.serve);
  app.get('/healthz', healthCheck(db, config.dataDir));

  app.use((_req, res, next) => {
    // Pages may show answers or admin data: never keep them in a cache (shared computers).
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(
    sessions({
      store: services.stores.sessions,
      idleMinutes: config.sessionIdleMinutes,
      clock: services.clock,
      csrfKey: readSecret(db.conn, 'csrf'),
    }),
  );
  app.use(currentUser(services.stores.users));
  // `?lang=` on a data file picks its labels' language, not the admin's.
  app.use(language({ remember: (req) => !TOKEN_FILES.has(roundFile(req.path) ?? '') }));
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 500 }));
  app.use('/s/:slug', lostSession());
  app.use(csrfProtection(render));
  app.use(writeGate(db.conn));

  app.use(under(STAFF_PATHS, staffRouter(services, render)));
  app.use(under([adminPaths.home], adminRouter(services, render)));
  app.use(citizenRouter(services, render));

  app.use(notFound(render));
  app.use(errorHandler(render, log));
  return app;
}
