// The cleanup: expired sessions, and every row past its retention (see the rule
// in time.ts). Run at start and on a timer by main.ts.
import type { Connection } from '../db/connection.ts';
import { retentionStore } from '../db/retention.ts';
import type { SessionStore } from '../db/sessions.ts';
import type { Config } from './config.ts';
import { osloDate, retentionCutoff } from './time.ts';

export type RetentionSettings = Pick<Config, 'draftDays' | 'helpRequestDays' | 'responseRetentionDays'>;

/** How many rows one cleanup deleted; responses of closed rounds are counted without their answers. */
export interface CleanupCounts {
  readonly sessions: number;
  readonly drafts: number;
  readonly helpRequests: number;
  readonly responses: number;
}

/**
 * Deletes what is due on the day of `now` in Oslo, each kind in its own
 * transaction. Sessions first: ending one detaches its drafts saved with a
 * resume code (db/sessions.ts), which then live on for draftDays.
 */
export function cleanUp(
  conn: Connection,
  stores: { readonly sessions: Pick<SessionStore, 'removeExpired'> },
  settings: RetentionSettings,
  now: Date,
): CleanupCounts {
  const today = osloDate(now);
  const retention = retentionStore(conn);
  const inTransaction = (remove: () => number): number => conn.transaction(remove)();
  const sessions = inTransaction(() => stores.sessions.removeExpired(now.getTime()));
  const drafts = inTransaction(() => retention.removeDraftsBefore(retentionCutoff(today, settings.draftDays)));
  const helpRequests = inTransaction(() => retention.removeHelpRequestsBefore(retentionCutoff(today, settings.helpRequestDays)));
  // Off unless configured: survey data is deleted by hand unless the municipality set a period.
  const days = settings.responseRetentionDays;
  const responses =
    days === undefined ? 0 : inTransaction(() => retention.removeResponsesOfRoundsClosedBefore(retentionCutoff(today, days)));
  return { sessions, drafts, helpRequests, responses };
}

/** What the scheduler logs: counts and an error's message, never a row. */
export interface CleanupLog {
  info(counts: CleanupCounts, message: string): void;
  error(details: { readonly error: string }, message: string): void;
}

/**
 * Runs `run` now and then every `intervalMs`, until the returned function is
 * called. A failed run is logged and the next one tries again: a locked
 * database or a full disk must not take the survey down. The timer does not keep the process alive.
 */
export function scheduleCleanup(run: () => CleanupCounts, options: { readonly intervalMs: number; readonly log: CleanupLog }): () => void {
  const { log } = options;
  const once = (): void => {
    try {
      const counts = run();
      if (Object.values(counts).some((n) => n > 0)) log.info(counts, 'cleanup deleted expired and stale rows');
    } catch (error) {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'cleanup failed; trying again at the next interval');
    }
  };
  once();
  const timer = setInterval(once, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
