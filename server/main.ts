// Entry point: configuration, database, first-start set-up, then listen.
// SIGTERM/SIGINT stop accepting, finish requests in flight, close the database, exit 0.
// A start that cannot work (bad settings, a database that cannot be opened or
// written) says why in plain words and exits 1, without a stack trace.
import { DatabaseOpenError, openDatabase } from '../db/connection.ts';
import { createStores } from '../db/stores.ts';
import { bootstrapAdmin, seedDemoRound } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './http/app.ts';
import { requestLog } from './http/middleware/request-log.ts';
import { createLogger } from './log.ts';
import { cleanUp, scheduleCleanup } from './retention.ts';
import { msUntilNextOsloMidnight, osloDate, systemClock } from './time.ts';

// Expired sessions need this cadence; drafts, help requests and responses of
// closed rounds ride along, so every retention is applied at least daily.
const CLEANUP_INTERVAL_MS = 10 * 60_000;
const SHUTDOWN_GRACE_MS = 10_000;

function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function start(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const db = openDatabase(config.databaseFile);
  const stores = createStores(db.conn);
  const today = osloDate(systemClock());

  if (seedDemoRound(stores.rounds, today)) log.info({ round: 'demo' }, 'created the demo round');
  const admin = await bootstrapAdmin(stores, config.admin, systemClock());
  if (admin.kind === 'generated') {
    // Printed once, on the first start of an empty data dir; never logged.
    process.stdout.write(
      `\nFirst admin created. Sign in at /login with\n  username: ${admin.username}\n  password: ${admin.password}\nThis password is not shown again.\n\n`,
    );
  } else if (admin.kind === 'from-environment') {
    log.info({ username: admin.username }, 'created the admin user from ADMIN_USERNAME');
  }

  const stopCleanup = scheduleCleanup(() => cleanUp(db.conn, stores, config, systemClock()), {
    intervalMs: CLEANUP_INTERVAL_MS,
    log,
  });

  // Counted requests are written once a day, at midnight in Norway, dated with the day that ended.
  const requests = requestLog(log);
  let midnight: NodeJS.Timeout;
  const atMidnight = (): void => {
    midnight = setTimeout(() => {
      requests.flush(osloDate(new Date(systemClock().getTime() - 60_000)));
      atMidnight();
    }, msUntilNextOsloMidnight(systemClock()));
    midnight.unref();
  };
  atMidnight();

  const app = createApp(config, db, { log, requestLog: requests });
  const server = app.listen(config.port, config.host, () => {
    log.info({ url: `http://${config.host}:${config.port}/` }, 'survey is running');
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    refuse(`Cannot listen on ${config.host}:${config.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`);
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    stopCleanup();
    clearTimeout(midnight);
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      log.warn('requests still running after the grace period; closing anyway');
      db.close();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

start().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseOpenError) refuse(err.message);
  throw err;
});
