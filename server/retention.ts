// The cleanup: expired sessions, old session notes, and every row past its
// retention (see the rule in time.ts). Run at start and on a timer by main.ts.
// It works in batches and yields between them, so a backlog of a hundred
// thousand expired sessions never holds the server still (issue 12, point 3).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Connection } from '../db/connection.ts';
import { retentionStore } from '../db/retention.ts';
import type { SessionStore } from '../db/sessions.ts';
import type { Config } from './config.ts';
import { addDays, osloDate, retentionCutoff } from './time.ts';

export type RetentionSettings = Pick<Config, 'draftDays' | 'helpRequestDays' | 'responseRetentionDays'>;

/** How many rows one cleanup deleted; responses of closed rounds are counted without their answers. */
export interface CleanupCounts {
  readonly sessions: number;
  readonly notes: number;
  readonly drafts: number;
  readonly helpRequests: number;
  readonly responses: number;
}

/**
 * How the cleanup shares the server: rows go a chunk at a time (a response takes
 * its answers, about thirty rows, and its classification with it, hence its
 * smaller chunk), chunks are taken for up to `sliceMs` in one transaction, and
 * then the cleanup yields so waiting requests go first. On a slow or busy
 * machine a slice holds fewer chunks; it never holds the server much longer.
 */
export const CLEANUP_PACE = { rows: 25, responses: 2, sliceMs: 20 } as const;

/** How the cleanup lets other work in between slices; tests count the turns. */
export type Pause = () => Promise<unknown>;

/**
 * Deletes what is due on the day of `now` in Oslo, a batch per transaction.
 * Sessions first: ending one detaches its drafts saved with a resume code
 * (db/sessions.ts), which then live on for draftDays. A note made by an ending
 * session lives through the day after (long enough to be told what happened).
 */
export async function cleanUp(
  conn: Connection,
  stores: { readonly sessions: Pick<SessionStore, 'endExpiredBatch' | 'removeNotesBatch'> },
  settings: RetentionSettings,
  now: Date,
  pause: Pause = nextTurn,
  sliceMs: number = CLEANUP_PACE.sliceMs,
): Promise<CleanupCounts> {
  const today = osloDate(now);
  const retention = retentionStore(conn);
  /** Runs `chunk` until it comes back short, in slices of about `sliceMs`, yielding between them. */
  const inBatches = async (limit: number, chunk: (limit: number) => number): Promise<number> => {
    let total = 0;
    for (;;) {
      const slice = conn.transaction((): { done: number; finished: boolean } => {
        const until = performance.now() + sliceMs;
        let done = 0;
        for (;;) {
          const n = chunk(limit);
          done += n;
          if (n < limit) return { done, finished: true };
          if (performance.now() >= until) return { done, finished: false };
        }
      })();
      total += slice.done;
      if (slice.finished) return total;
      await pause();
    }
  };
  const { rows } = CLEANUP_PACE;
  const sessions = await inBatches(rows, (limit) => stores.sessions.endExpiredBatch(now.getTime(), today, limit));
  const notes = await inBatches(rows, (limit) => stores.sessions.removeNotesBatch(addDays(today, -1), limit));
  const drafts = await inBatches(rows, (limit) => retention.removeDraftsBefore(retentionCutoff(today, settings.draftDays), limit));
  const helpRequests = await inBatches(rows, (limit) =>
    retention.removeHelpRequestsBefore(retentionCutoff(today, settings.helpRequestDays), limit),
  );
  // Off unless configured: survey data is deleted by hand unless the municipality set a period.
  const days = settings.responseRetentionDays;
  const responses =
    days === undefined
      ? 0
      : await inBatches(CLEANUP_PACE.responses, (limit) =>
          retention.removeResponsesOfRoundsClosedBefore(retentionCutoff(today, days), limit),
        );
  // Fold the write-ahead log into the database and empty it: its older page
  // images still hold rows deleted since (a session ended by a submission, with
  // the time it was last used). Busy while an export reads; the next run tries again.
  conn.pragma('wal_checkpoint(TRUNCATE)');
  return { sessions, notes, drafts, helpRequests, responses };
}

/** What the scheduler logs: counts and an error's message, never a row. */
export interface CleanupLog {
  info(counts: CleanupCounts, message: string): void;
  error(details: { readonly error: string }, message: string): void;
}

/**
 * Runs `run` now and then every `intervalMs`, until the returned function is
 * called; a run still going when the next is due is not started twice. A failed
 * run is logged and the next one tries again: a locked database or a full disk
 * must not take the survey down. The timer does not keep the process alive.
 */
export function scheduleCleanup(run: () => Promise<CleanupCounts>, options: { readonly intervalMs: number; readonly log: CleanupLog }): () => void {
  const { log } = options;
  let running = false;
  const once = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const counts = await run();
      if (Object.values(counts).some((n) => n > 0)) log.info(counts, 'cleanup deleted expired and stale rows');
    } catch (error) {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'cleanup failed; trying again at the next interval');
    } finally {
      running = false;
    }
  };
  void once();
  const timer = setInterval(() => void once(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
