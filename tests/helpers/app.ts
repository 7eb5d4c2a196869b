// A real app on a temporary data dir, per test file. Nothing is mocked: the
// same factory, database, migrations and bootstrap as `npm start`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SurveyDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { hashPassword, type HashCost } from '../../server/auth/password.ts';
import { bootstrapAdmin, seedDemoRound } from '../../server/bootstrap.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createApp } from '../../server/http/app.ts';
import { requestLog } from '../../server/http/middleware/request-log.ts';
import { pino } from 'pino';
import type { Logger } from '../../server/log.ts';
import type { SegmentRule } from '../../server/survey/classify.ts';
import type { Instrument } from '../../server/survey/types.ts';

export const ADMIN = { username: 'kari.admin', password: 'correct horse battery staple' } as const;
/**
 * scrypt at a cost that takes a millisecond or two, for the accounts tests make:
 * a sign-in is in nearly every test file. The real cost is in the start-up and
 * bootstrap tests, and in the sign-in tests that need hashing to take its time.
 */
export const TEST_PASSWORD_COST: HashCost = { N: 2 ** 10, r: 8, p: 1 };
/** The fake clock's day: 23 November 2026, 23:30 in Oslo (22:30 UTC), so a UTC date would be wrong. */
export const FAKE_NOW = new Date('2026-11-23T22:30:00Z');

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly db: SurveyDatabase;
  readonly stores: ReturnType<typeof createStores>;
  readonly config: Config;
  /** Moves the fake clock. */
  advance(ms: number): void;
  /** The fake clock's time (epoch ms). */
  now(): number;
  /** Writes the request log's counts so far, as main.ts does at midnight. */
  flushRequestLog(): void;
  /** Every line the app logged, when made with `captureLog` (else always empty). */
  readonly logLines: readonly string[];
  close(): void;
}

export async function testApp(
  options: { instrument?: Instrument; rule?: SegmentRule; env?: Record<string, string>; log?: Logger; captureLog?: boolean } = {},
): Promise<TestApp> {
  const captured = options.captureLog ? capturingLog() : undefined;
  const log = captured?.log ?? options.log;
  const dir = mkdtempSync(join(tmpdir(), 'survey-test-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env });
  const db = openDatabase(config.databaseFile);
  const stores = createStores(db.conn);
  seedDemoRound(stores.rounds, '2026-01-01');
  await bootstrapAdmin(stores, ADMIN, new Date('2026-01-01T09:00:00Z'), TEST_PASSWORD_COST);
  let now = FAKE_NOW.getTime();
  const requests = log ? requestLog(log) : undefined;
  const app = createApp(config, db, {
    clock: () => new Date(now),
    passwordCost: TEST_PASSWORD_COST,
    ...(options.instrument ? { instrument: options.instrument } : {}),
    ...(options.rule ? { rule: options.rule } : {}),
    ...(log && requests ? { log, requestLog: requests } : {}),
  });
  return {
    app,
    db,
    stores,
    config,
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
    flushRequestLog: () => void requests?.flush('2026-11-23'),
    logLines: captured?.lines ?? [],
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds a staff member or admin straight to the app's database (the users page and command have tests of their own); returns the id. */
export async function addUser(
  target: TestApp,
  user: { readonly username: string; readonly password: string },
  role: 'staff' | 'admin' = 'staff',
  cost: HashCost = TEST_PASSWORD_COST,
): Promise<number> {
  const passwordHash = await hashPassword(user.password, cost);
  return target.stores.users.create({ username: user.username, passwordHash, role, createdDate: '2026-01-01' });
}

/** A logger that keeps every line it writes, for tests that read what was logged. */
export function capturingLog(): { readonly log: Logger; readonly lines: string[] } {
  const lines: string[] = [];
  return { log: pino({ level: 'debug', base: undefined }, { write: (line: string) => void lines.push(line) }), lines };
}
