// GET /healthz (shared/contract.md): 200 when the app can read and write its
// database, 503 within two seconds when it cannot (issue 12, point 4). The
// check writes nothing to the database: it takes the write lock and lets go
// (db/connection.ts), and proves the disk takes a write with a small file of
// its own beside the database, kept for a few seconds so a flood of checks
// cannot turn into a flood of disk writes.
import { randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import type { SurveyDatabase } from '../../db/connection.ts';
import { RETRY_AFTER_SECONDS } from './middleware/errors.ts';
import { waitForWriteLock } from './middleware/write-gate.ts';

/** Within the contract's two seconds: the lock wait and the disk probe run side by side. */
const LOCK_WAIT_MS = 1500;
const DISK_PROBE_TIMEOUT_MS = 1500;
/** How long a disk probe's answer stands. */
const DISK_PROBE_FRESH_MS = 5000;
/** One page of SQLite's: a disk with less room than this could not take the next write. */
const PROBE_BYTES = 4096;

type Problem = 'database unreadable' | 'database locked' | 'database not writable' | 'disk not writable';

export function healthCheck(db: SurveyDatabase, dataDir: string) {
  let disk: { at: number; ok: Promise<boolean> } | undefined;

  const probeDisk = async (): Promise<boolean> => {
    const file = join(dataDir, `.healthz-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const handle = await open(file, 'w');
      try {
        await handle.write(Buffer.alloc(PROBE_BYTES));
        await handle.datasync();
      } finally {
        await handle.close();
      }
      return true;
    } catch {
      return false;
    } finally {
      await unlink(file).catch(() => undefined);
    }
  };

  const diskWritable = (): Promise<boolean> => {
    const now = Date.now();
    if (!disk || now - disk.at > DISK_PROBE_FRESH_MS) {
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DISK_PROBE_TIMEOUT_MS).unref());
      disk = { at: now, ok: Promise.race([probeDisk(), timeout]) };
    }
    return disk.ok;
  };

  const problem = async (): Promise<Problem | undefined> => {
    try {
      db.conn.prepare('SELECT count(*) FROM schema_migrations').get();
    } catch {
      return 'database unreadable';
    }
    const diskOk = diskWritable();
    try {
      await waitForWriteLock(db.conn, LOCK_WAIT_MS);
    } catch (err) {
      return (err as { name?: string }).name === 'DatabaseLocked' ? 'database locked' : 'database not writable';
    }
    return (await diskOk) ? undefined : 'disk not writable';
  };

  return async (_req: Request, res: Response): Promise<void> => {
    const found = await problem();
    res.set('Cache-Control', 'no-store');
    if (found === undefined) res.json({ status: 'ok' });
    else res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS.locked)).json({ status: 'unavailable', problem: found });
  };
}
