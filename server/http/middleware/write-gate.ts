// A request that will write waits for the database's write lock without
// blocking anyone else (issue 12, point 4). better-sqlite3 is synchronous: a
// write that meets another program's lock would hold the whole server still
// for its busy timeout. So the request path runs with no busy timeout at all,
// and a POST first checks, every few milliseconds and asynchronously, that the
// lock can be had. After about a second it gives up with 503 (errors.ts), and
// the citizen's answers stay on their screen to send again.
import type { NextFunction, Request, Response } from 'express';
import { tryWriteLock, type Connection } from '../../../db/connection.ts';
import { isSafeMethod } from '../methods.ts';

/** How long a write may wait for another program's lock before the request is answered 503. */
export const WRITE_WAIT_MS = 1000;
const RETRY_EVERY_MS = 20;

/** The lock was not to be had in time. Its code is SQLite's, so the error handler treats it as the lock it is. */
export class DatabaseLocked extends Error {
  override readonly name = 'DatabaseLocked';
  readonly code = 'SQLITE_BUSY';
  constructor(waitedMs: number) {
    super(`another connection held the write lock for more than ${waitedMs} ms`);
  }
}

/** Resolves once a write could start; rejects with DatabaseLocked after `waitMs`. */
export async function waitForWriteLock(conn: Connection, waitMs: number = WRITE_WAIT_MS): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (tryWriteLock(conn) === 'busy') {
    if (Date.now() >= deadline) throw new DatabaseLocked(waitMs);
    await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
  }
}

export function writeGate(conn: Connection) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (isSafeMethod(req.method)) return next();
    waitForWriteLock(conn).then(() => next(), next);
  };
}
