// What the request log says (issue 12, point 5). A line per request with its
// time would be a trail of when each citizen answered and sent: sorted against
// the rising response ids it dates every response to the millisecond. So only
// the sign-in and admin pages, where staff act under their own names, get a
// line each. Every other request (citizen pages, staff interviews and keyed
// paper forms, static files, health checks) is counted, and the counts go out
// once a day, at midnight in Norway, dated and nothing finer. Failures are still
// logged one by one, with their cause, by the error handler.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../log.ts';

/** Paths logged one by one: staff and admins at work under their own accounts, none of it a response. */
const LOGGED_ONE_BY_ONE = /^\/(admin(\/|$)|login$|logout$)/;
/**
 * A round's data files are the exception: a timed download, whose length
 * follows its row count, would date the last responses in it. They are
 * counted per day in the audit log (migration 006) and here.
 */
const ROUND_FILE = /^\/admin\/rounds\/[^/]+\/[^/]+\.[A-Za-z]+$/;

/** Which part of the service a counted request was for. */
function familyOf(path: string): string {
  if (path.startsWith('/s/')) return 'survey';
  if (path.startsWith('/staff')) return 'staff';
  if (path.startsWith('/assets/')) return 'assets';
  if (ROUND_FILE.test(path)) return 'data';
  if (path === '/healthz') return 'health';
  return 'pages';
}

/** Upper bounds (ms) of the duration buckets; the last bucket takes the rest. */
const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;

interface Counts {
  requests: number;
  byStatus: Record<string, number>;
  buckets: number[];
  slowestMs: number;
}

export interface DailySummary {
  readonly date: string;
  readonly requests: Readonly<Record<string, { requests: number; byStatus: Record<string, number>; p50Ms: number; p99Ms: number; slowestMs: number }>>;
}

export interface RequestLog {
  readonly middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** Writes the counts so far as one line dated `date` (the day they belong to) and starts again; main.ts calls it at midnight. */
  flush(date: string): DailySummary | undefined;
}

/** The upper bound of the bucket that holds the q-th quantile (the slowest request for the open-ended last bucket). */
function quantile(counts: Counts, q: number): number {
  let seen = 0;
  for (let i = 0; i < counts.buckets.length; i++) {
    seen += counts.buckets[i]!;
    if (seen >= q * counts.requests) return BUCKETS_MS[i] ?? counts.slowestMs;
  }
  return counts.slowestMs;
}

export function requestLog(log: Logger): RequestLog {
  let counts = new Map<string, Counts>();

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (LOGGED_ONE_BY_ONE.test(req.path) && !ROUND_FILE.test(req.path)) {
        // Method, path and status only: no query string, body, cookie, IP address or user agent.
        log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) }, 'request');
        return;
      }
      const family = familyOf(req.path);
      const entry = counts.get(family) ?? { requests: 0, byStatus: {}, buckets: new Array<number>(BUCKETS_MS.length + 1).fill(0), slowestMs: 0 };
      entry.requests += 1;
      const status = `${Math.floor(res.statusCode / 100)}xx`;
      entry.byStatus[status] = (entry.byStatus[status] ?? 0) + 1;
      const bucket = BUCKETS_MS.findIndex((limit) => ms <= limit);
      entry.buckets[bucket === -1 ? BUCKETS_MS.length : bucket]! += 1;
      entry.slowestMs = Math.max(entry.slowestMs, Math.round(ms));
      counts.set(family, entry);
    });
    next();
  };

  return {
    middleware,
    flush(date) {
      if (counts.size === 0) return undefined;
      const summary: DailySummary = {
        date,
        requests: Object.fromEntries(
          [...counts].map(([family, c]) => [
            family,
            {
              requests: c.requests,
              byStatus: c.byStatus,
              p50Ms: quantile(c, 0.5),
              p99Ms: quantile(c, 0.99),
              slowestMs: c.slowestMs,
            },
          ]),
        ),
      };
      counts = new Map();
      log.info(summary, 'requests of the day');
      return summary;
    },
  };
}
