// Retention: date arithmetic, the cleanup on a real database under a fake clock,
// and the scheduler that runs it at start and every interval.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { loadConfig } from '../../server/config.ts';
import { CLEANUP_PACE, cleanUp, scheduleCleanup, type CleanupCounts, type CleanupLog } from '../../server/retention.ts';
import { addDays, osloDate, retentionCutoff } from '../../server/time.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  vi.useRealTimers();
});

const NOTHING: CleanupCounts = { sessions: 0, notes: 0, drafts: 0, helpRequests: 0, responses: 0 };
const TEN_MINUTES = 10 * 60_000;
const DAY = 24 * 60 * 60_000;

/**
 * Half past midnight in Oslo on `date` (winter time), while UTC is still on the
 * day before: a cleanup that took the UTC date would be a day late.
 */
const justAfterMidnight = (date: string): Date => new Date(`${addDays(date, -1)}T23:30:00Z`);

/** A migrated database in a temporary data dir, configured from `env` as at start. */
function survey(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'survey-retention-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const db = openDatabase(config.databaseFile);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { conn } = db;
  const stores = createStores(conn);
  const count = (sql: string): number => Number(conn.prepare(sql).pluck().get());
  return {
    conn,
    stores,
    config,
    count,
    /** The cleanup as main.ts runs it, on the given Oslo day. */
    cleanUpOn: (date: string): Promise<CleanupCounts> => cleanUp(conn, stores, config, justAfterMidnight(date)),
    round(slug: string): number {
      return stores.rounds.create({ slug, title: slug, organisation: 'Kommune', mainLanguage: 'nb', createdDate: '2026-01-01' });
    },
    session(idHash: string, expiresAt: number): void {
      conn.prepare('INSERT INTO sessions (id_hash, data, expires_at) VALUES (?, ?, ?)').run(idHash, '{}', expiresAt);
    },
    draft(d: { roundId: number; updatedDate: string; sessionHash?: string; resumeHash?: string }): number {
      return Number(
        conn
          .prepare('INSERT INTO drafts (session_hash, round_id, answers, updated_date, resume_hash) VALUES (?, ?, ?, ?, ?)')
          .run(d.sessionHash ?? null, d.roundId, '{"age_group":3}', d.updatedDate, d.resumeHash ?? null).lastInsertRowid,
      );
    },
    helpRequest(id: number, receivedDate: string): void {
      conn
        .prepare('INSERT INTO help_requests (id, name, phone, received_date) VALUES (?, ?, ?, ?)')
        .run(id, 'Kari Nordmann', '12345678', receivedDate);
    },
    /** A submitted response with two answers and a classification, as a submission writes it. */
    response(roundId: number, submittedDate: string): number {
      const id = Number(
        conn
          .prepare(`INSERT INTO responses (round_id, language, submitted_date, instrument_version) VALUES (?, 'nb', ?, '1')`)
          .run(roundId, submittedDate).lastInsertRowid,
      );
      conn.prepare(`INSERT INTO answers (response_id, question_id, code) VALUES (?, 'age_group', 3), (?, 'bankid', 1)`).run(id, id);
      conn
        .prepare(
          `INSERT INTO classifications (response_id, rule_version, segment, reasons, svart_sarbar) VALUES (?, '1', 'utsatt', 'bankid', 0)`,
        )
        .run(id);
      return id;
    },
  };
}

const FAR_FUTURE = new Date('2100-01-01T00:00:00Z').getTime();

describe('dates', () => {
  it('adds calendar days across months, years, leap days and the change to summer time', () => {
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(addDays('2026-11-23', 30)).toBe('2026-12-23');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2027-01-14', -30)).toBe('2026-12-15');
    expect(addDays('2026-11-23', 90)).toBe('2027-02-21');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('23.11.2026', 1)).toThrow(RangeError);
    expect(() => addDays('2026-11-23', 1.5)).toThrow(RangeError);
  });

  it('puts the cut-off so that a row dated D is kept through D + N and goes the day after', () => {
    const saved = '2026-12-15';
    const keptUntil = addDays(saved, 30);
    expect(keptUntil).toBe('2027-01-14');
    // On the last day kept the row is not before the cut-off; the day after it is.
    expect(saved < retentionCutoff(keptUntil, 30)).toBe(false);
    expect(saved < retentionCutoff(addDays(keptUntil, 1), 30)).toBe(true);
  });

  it('takes the day in Oslo, not in UTC', () => {
    expect(osloDate(justAfterMidnight('2027-01-15'))).toBe('2027-01-15');
    expect(justAfterMidnight('2027-01-15').toISOString().slice(0, 10)).toBe('2027-01-14');
  });
});

describe('closing a round', () => {
  it('records the day once, and only for an open round', async () => {
    const s = survey();
    s.round('r');
    expect(s.stores.rounds.bySlug('r')).toMatchObject({ status: 'open', closedDate: null });
    expect(s.stores.rounds.close('r', '2026-11-23')).toBe(true);
    expect(s.stores.rounds.close('r', '2026-12-01')).toBe(false);
    expect(s.stores.rounds.close('missing', '2026-12-01')).toBe(false);
    expect(s.stores.rounds.bySlug('r')).toMatchObject({ status: 'closed', closedDate: '2026-11-23' });
    expect(s.stores.rounds.all().filter((r) => r.status === 'open')).toEqual([]);
  });
});

describe('cleanUp', () => {
  const D = '2026-11-23';

  it('keeps drafts 30 days after their last save by default, saved with a code or not', async () => {
    const s = survey();
    const roundId = s.round('r');
    const other = s.round('s');
    s.session('live', FAR_FUTURE);
    const withCode = s.draft({ roundId, updatedDate: D, resumeHash: 'a'.repeat(64) });
    const inSession = s.draft({ roundId, updatedDate: D, sessionHash: 'live' });
    const later = s.draft({ roundId: other, updatedDate: addDays(D, 1), resumeHash: 'b'.repeat(64) });
    const ids = () => s.conn.prepare('SELECT id FROM drafts ORDER BY id').pluck().all();

    expect(await s.cleanUpOn(addDays(D, 30))).toEqual(NOTHING);
    expect(ids()).toEqual([withCode, inSession, later]);
    expect(await s.cleanUpOn(addDays(D, 31))).toEqual({ ...NOTHING, drafts: 2 });
    expect(ids()).toEqual([later]);
    expect(await s.cleanUpOn(addDays(D, 32))).toEqual({ ...NOTHING, drafts: 1 });
  });

  it('keeps drafts DRAFT_DAYS when set', async () => {
    const s = survey({ DRAFT_DAYS: '7' });
    s.draft({ roundId: s.round('r'), updatedDate: D, resumeHash: 'a'.repeat(64) });
    expect((await s.cleanUpOn(addDays(D, 7))).drafts).toBe(0);
    expect((await s.cleanUpOn(addDays(D, 8))).drafts).toBe(1);
    expect(s.count('SELECT count(*) FROM drafts')).toBe(0);
  });

  it('keeps help requests 90 days after they came in by default, HELP_REQUEST_DAYS when set', async () => {
    const byDefault = survey();
    byDefault.helpRequest(734_221_907, D);
    byDefault.helpRequest(18_552_031, addDays(D, 1));
    expect(await byDefault.cleanUpOn(addDays(D, 90))).toEqual(NOTHING);
    expect(await byDefault.cleanUpOn(addDays(D, 91))).toEqual({ ...NOTHING, helpRequests: 1 });
    expect(byDefault.conn.prepare('SELECT id FROM help_requests').pluck().all()).toEqual([18_552_031]);

    const set = survey({ HELP_REQUEST_DAYS: '14' });
    set.helpRequest(5_002_117, D);
    expect((await set.cleanUpOn(addDays(D, 14))).helpRequests).toBe(0);
    expect((await set.cleanUpOn(addDays(D, 15))).helpRequests).toBe(1);
  });

  it('keeps the responses of closed rounds when RESPONSE_RETENTION_DAYS is not set, even years later', async () => {
    const s = survey();
    const roundId = s.round('r');
    s.response(roundId, '2026-11-01');
    s.stores.rounds.close('r', D);
    expect(await s.cleanUpOn(addDays(D, 3650))).toEqual(NOTHING);
    expect(s.count('SELECT count(*) FROM responses')).toBe(1);
    expect(s.count('SELECT count(*) FROM answers')).toBe(2);
    expect(s.count('SELECT count(*) FROM classifications')).toBe(1);
  });

  it('with RESPONSE_RETENTION_DAYS, deletes responses with their answers and classifications the day after closed date + N', async () => {
    const s = survey({ RESPONSE_RETENTION_DAYS: '30' });
    const closed = s.round('closed');
    const closedLater = s.round('closed-later');
    const open = s.round('open');
    const closedUndated = s.round('closed-undated');
    const gone = [s.response(closed, '2026-12-01'), s.response(closed, '2026-12-02')];
    const laterId = s.response(closedLater, '2026-12-01');
    const openId = s.response(open, '2026-01-02');
    const undatedId = s.response(closedUndated, '2026-01-02');
    s.stores.rounds.close('closed', '2026-12-15');
    s.stores.rounds.close('closed-later', '2026-12-20');
    // Closed by hand before the date was recorded: kept until deleted by hand.
    s.conn.prepare(`UPDATE rounds SET status = 'closed' WHERE slug = 'closed-undated'`).run();
    const responseIds = () => s.conn.prepare('SELECT id FROM responses ORDER BY id').pluck().all();

    expect(await s.cleanUpOn('2027-01-14')).toEqual(NOTHING);
    expect(responseIds()).toEqual([...gone, laterId, openId, undatedId]);

    expect(await s.cleanUpOn('2027-01-15')).toEqual({ ...NOTHING, responses: 2 });
    expect(responseIds()).toEqual([laterId, openId, undatedId]);
    for (const table of ['answers', 'classifications']) {
      expect(s.conn.prepare(`SELECT DISTINCT response_id FROM ${table} ORDER BY response_id`).pluck().all()).toEqual([
        laterId,
        openId,
        undatedId,
      ]);
    }

    expect(await s.cleanUpOn('2027-01-20')).toEqual({ ...NOTHING, responses: 1 });
    expect(await s.cleanUpOn('2036-01-01')).toEqual(NOTHING);
    expect(responseIds()).toEqual([openId, undatedId]);
  });

  it('ends expired sessions; a draft saved with a code survives, detached, and an unsaved one goes', async () => {
    const s = survey();
    const now = justAfterMidnight(D);
    const first = s.round('r');
    const second = s.round('s');
    s.session('expired', now.getTime() - 1);
    s.session('live', now.getTime() + TEN_MINUTES);
    s.draft({ roundId: first, updatedDate: D, sessionHash: 'expired' });
    const saved = s.draft({ roundId: second, updatedDate: D, sessionHash: 'expired', resumeHash: 'c'.repeat(64) });
    const live = s.draft({ roundId: first, updatedDate: D, sessionHash: 'live' });

    expect(await s.cleanUpOn(D)).toEqual({ ...NOTHING, sessions: 1 });
    expect(s.stores.sessions.get('expired')).toBeUndefined();
    expect(s.stores.sessions.note('expired')).toMatchObject({ ended: 'expired', kept: true });
    expect(s.stores.sessions.get('live')).toBeDefined();
    expect(s.conn.prepare('SELECT id, session_hash AS sessionHash FROM drafts ORDER BY id').all()).toEqual([
      { id: saved, sessionHash: null },
      { id: live, sessionHash: 'live' },
    ]);
    // The note is dated, never timed, and lives through the day after; the saved draft stays its DRAFT_DAYS.
    expect(s.conn.prepare('SELECT ended_date FROM session_notes').pluck().all()).toEqual([D]);
    s.conn.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').run(FAR_FUTURE, 'live');
    expect(await s.cleanUpOn(addDays(D, 1))).toEqual(NOTHING);
    expect(await s.cleanUpOn(addDays(D, 2))).toEqual({ ...NOTHING, notes: 1 });
    expect(s.conn.prepare('SELECT id_hash FROM sessions').pluck().all()).toEqual(['live']);
    expect(s.count('SELECT count(*) FROM drafts WHERE session_hash IS NULL')).toBe(1);
  });

  it('works through a backlog a slice at a time, letting other work in between', async () => {
    const s = survey();
    const now = justAfterMidnight(D);
    const backlog = 5 * CLEANUP_PACE.rows + 17;
    const insert = s.conn.prepare('INSERT INTO sessions (id_hash, data, expires_at) VALUES (?, ?, ?)');
    s.conn.transaction(() => {
      for (let i = 0; i < backlog; i++) insert.run(`expired-${i}`, '{"lang":"nn"}', now.getTime() - 1);
    })();
    // Rows gone between one pause and the next: never more than a batch.
    const goneByTurn: number[] = [];
    let before = backlog;
    const pause = async (): Promise<void> => {
      const left = s.count('SELECT count(*) FROM sessions');
      goneByTurn.push(before - left);
      before = left;
    };
    // A slice of no time at all: one chunk, then a turn for others.
    expect(await cleanUp(s.conn, s.stores, s.config, now, pause, 0)).toEqual({ ...NOTHING, sessions: backlog });
    expect(goneByTurn.length).toBeGreaterThanOrEqual(5);
    for (const gone of goneByTurn) expect(gone).toBeLessThanOrEqual(CLEANUP_PACE.rows);
    expect(s.count('SELECT count(*) FROM sessions')).toBe(0);
    expect(s.count("SELECT count(*) FROM session_notes WHERE lang = 'nn'")).toBe(backlog);
  });
});

describe('scheduleCleanup', () => {
  const logger = () => ({ info: vi.fn<CleanupLog['info']>(), error: vi.fn<CleanupLog['error']>() });

  it('runs at once, then every interval: 144 times a day at ten minutes', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => NOTHING);
    const log = logger();
    const stop = scheduleCleanup(run, { intervalMs: TEN_MINUTES, log });
    cleanups.push(stop);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(TEN_MINUTES - 1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(DAY);
    expect(run).toHaveBeenCalledTimes(2 + 144);
    // Nothing deleted, nothing logged.
    expect(log.info).not.toHaveBeenCalled();
  });

  it('logs the counts when something went, and a failed run by its message, and keeps running', async () => {
    vi.useFakeTimers();
    const deleted: CleanupCounts = { sessions: 3, notes: 2, drafts: 1, helpRequests: 0, responses: 0 };
    let runs = 0;
    const run = vi.fn(async (): Promise<CleanupCounts> => {
      runs += 1;
      if (runs === 2) throw new Error('database is locked');
      return runs === 3 ? deleted : NOTHING;
    });
    const log = logger();
    cleanups.push(scheduleCleanup(run, { intervalMs: TEN_MINUTES, log }));

    await vi.advanceTimersByTimeAsync(TEN_MINUTES);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]?.[0]).toEqual({ error: 'database is locked' });
    await vi.advanceTimersByTimeAsync(2 * TEN_MINUTES);
    expect(run).toHaveBeenCalledTimes(4);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.info.mock.calls[0]?.[0]).toEqual(deleted);
  });

  it('stops when told to', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => NOTHING);
    const stop = scheduleCleanup(run, { intervalMs: TEN_MINUTES, log: logger() });
    await vi.advanceTimersByTimeAsync(TEN_MINUTES);
    stop();
    await vi.advanceTimersByTimeAsync(DAY);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not start a run while the last one is still going', async () => {
    vi.useFakeTimers();
    let finish: (counts: CleanupCounts) => void = () => undefined;
    const run = vi.fn(() => new Promise<CleanupCounts>((resolve) => (finish = resolve)));
    cleanups.push(scheduleCleanup(run, { intervalMs: TEN_MINUTES, log: logger() }));
    await vi.advanceTimersByTimeAsync(3 * TEN_MINUTES);
    expect(run).toHaveBeenCalledTimes(1);
    finish(NOTHING);
    await vi.advanceTimersByTimeAsync(TEN_MINUTES);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('deletes a draft at the first run after midnight in Oslo on the day after its retention', async () => {
    // Fake timers move the system clock too: this is the cleanup exactly as main.ts runs it, for a month.
    const start = new Date('2026-12-15T11:00:00Z');
    vi.useFakeTimers({ now: start });
    const s = survey();
    s.draft({ roundId: s.round('r'), updatedDate: '2026-12-15', resumeHash: 'd'.repeat(64) });
    const log = logger();
    cleanups.push(scheduleCleanup(() => cleanUp(s.conn, s.stores, s.config, new Date()), { intervalMs: TEN_MINUTES, log }));

    // The last run on 14 January 2027, the last day kept, is at 23:50 in Oslo.
    await vi.advanceTimersByTimeAsync(new Date('2027-01-14T22:59:59Z').getTime() - start.getTime());
    expect(s.count('SELECT count(*) FROM drafts')).toBe(1);
    // The next falls at midnight.
    await vi.advanceTimersByTimeAsync(1000);
    expect(osloDate(new Date())).toBe('2027-01-15');
    expect(s.count('SELECT count(*) FROM drafts')).toBe(0);
    expect(log.info).toHaveBeenCalledOnce();
    expect(log.info).toHaveBeenCalledWith({ ...NOTHING, drafts: 1 }, expect.any(String));
    expect(log.error).not.toHaveBeenCalled();
  });
});
