// Server-side sessions. The browser holds only a random token in an HttpOnly,
// SameSite=Lax cookie (the one cookie the service sets, strictly necessary); the
// data lives in SQLite under the token's SHA-256. Changes are written at once,
// so a redirect never races the save.
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ENDED_NOTE_MS, type SessionEnd, type SessionStore } from '../../db/sessions.ts';
import type { Clock } from '../time.ts';
import { LANGUAGES } from '../survey/types.ts';

export const SESSION_COOKIE = 'sid';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Extending the expiry costs a write; doing it at most once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;
/** A signed-in session ends this long after sign-in, however active: a workday (issue 5, absolute expiry). */
export const SIGNED_IN_MAX_MS = 12 * 60 * 60_000;
/** «Jeg trenger mer tid» multiplies the idle limit by this (WCAG 2.2.1 asks for at least ten). */
export const EXTRA_TIME_FACTOR = 10;

const sessionData = z.object({
  csrf: z.string(),
  lang: z.enum(LANGUAGES).optional(),
  userId: z.number().int().optional(),
  /** When a staff member or admin signed in (epoch ms); citizens' sessions hold no time. */
  signedInAt: z.number().int().optional(),
  /** Slug of the round this session just submitted, for the receipt and double submits. */
  submitted: z.string().optional(),
  /** A shared device (library PC, `?kiosk=1`): responses get shared_device = 1. */
  kiosk: z.boolean().optional(),
  /** «Jeg trenger mer tid»: the idle limit is EXTRA_TIME_FACTOR times longer. */
  extraTime: z.boolean().optional(),
  /** The code this session's saved draft was saved or resumed with, to show it again. */
  resumeCode: z.string().optional(),
  /** A staff member's last start: its round and language are offered again, and keyed entry goes on in it. */
  staffStart: z.object({ round: z.string(), language: z.enum(LANGUAGES) }).optional(),
  /** What happened to the answers of the session before this one (for the timeout page). */
  expired: z.enum(['kept', 'deleted', 'unknown']).optional(),
});
export type SessionData = z.infer<typeof sessionData>;

/** What a browser's session cookie pointed to when it no longer opens a live session. */
export interface LostSession {
  readonly ended: SessionEnd;
  /** Whether answers saved with a code outlived it; undefined when nothing is known any more. */
  readonly kept: boolean | undefined;
}

/** What a successor session inherits from an ended one: nothing that holds or opens answers. */
const carried = (data: SessionData | undefined, how: SessionEnd): Partial<SessionData> => ({
  ...(data?.lang ? { lang: data.lang } : {}),
  ...(data?.kiosk ? { kiosk: true } : {}),
  ...(how === 'submitted' && data?.submitted ? { submitted: data.submitted } : {}),
  // Who needed more time before still needs it.
  ...(how === 'expired' && data?.extraTime ? { extraTime: true } : {}),
});

const newToken = (): string => randomBytes(32).toString('base64url');
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function parseData(json: string): SessionData | undefined {
  try {
    const parsed = sessionData.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export class Session {
  #idHash: string;
  #data: SessionData;
  #expiresAt: number;

  constructor(
    private readonly store: SessionStore,
    private readonly res: Response,
    private readonly baseIdleMs: number,
    private readonly clock: Clock,
    idHash: string,
    data: SessionData,
    expiresAt: number,
  ) {
    this.#idHash = idHash;
    this.#data = data;
    this.#expiresAt = expiresAt;
  }

  get idHash(): string {
    return this.#idHash;
  }

  get data(): Readonly<SessionData> {
    return this.#data;
  }

  /** The idle limit of this session, in milliseconds. */
  get idleMs(): number {
    return idleMsOf(this.#data, this.baseIdleMs);
  }

  /** When this session ends if nothing more happens (epoch ms). */
  get expiresAt(): number {
    return this.#expiresAt;
  }

  update(patch: Partial<SessionData>): void {
    this.#data = { ...this.#data, ...patch };
    this.#persist();
  }

  /** Restarts the idle limit now (the timeout warning's «Fortsett»). */
  extend(): void {
    this.#persist();
  }

  /** A new id and CSRF token (on login: defeats session fixation); keeps only what `keep` says. */
  regenerate(keep: Partial<Omit<SessionData, 'csrf'>>): void {
    this.store.remove(this.#idHash);
    this.#start(keep);
  }

  /**
   * Ends the session server-side, leaving a note (db/sessions.ts). After a
   * submission or the idle limit the browser gets a successor session at once,
   * carrying language, shared-device mode and the receipt or what became of the
   * answers; after the citizen left, the cookie is cleared.
   */
  end(how: SessionEnd): void {
    const before = this.#data;
    const kept = this.store.end(this.#idHash, how, this.clock().getTime() + ENDED_NOTE_MS);
    if (how === 'submitted') {
      this.#start(carried(before, how));
    } else if (how === 'expired') {
      this.#start({ ...carried(before, how), expired: kept ? 'kept' : 'deleted' });
    } else {
      this.res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.res.req.secure, path: '/' });
    }
  }

  #start(data: Partial<Omit<SessionData, 'csrf'>>): void {
    const token = newToken();
    this.#idHash = hashToken(token);
    this.#data = { ...data, csrf: randomBytes(32).toString('base64url') };
    this.#persist();
    this.res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.res.req.secure,
      path: '/',
    });
  }

  #persist(): void {
    this.#expiresAt = this.clock().getTime() + this.idleMs;
    this.store.save(this.#idHash, JSON.stringify(this.#data), this.#expiresAt);
  }

  static start(store: SessionStore, res: Response, idleMs: number, clock: Clock, data: Partial<SessionData> = {}): Session {
    const session = new Session(store, res, idleMs, clock, '', { csrf: '' }, 0);
    session.#start(data);
    return session;
  }
}

function idleMsOf(data: SessionData, baseIdleMs: number): number {
  return data.extraTime ? baseIdleMs * EXTRA_TIME_FACTOR : baseIdleMs;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its request type this way.
  namespace Express {
    interface Request {
      session: Session;
      /** The browser sent a session cookie that no longer opens a live session, and what became of it. */
      sessionLost: LostSession | undefined;
    }
  }
}

export function sessions(options: { store: SessionStore; idleMinutes: number; clock: Clock }) {
  const baseIdleMs = options.idleMinutes * 60_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const now = options.clock().getTime();
    req.sessionLost = undefined;
    let inherited: Partial<SessionData> = {};
    if (token !== undefined && TOKEN.test(token)) {
      const idHash = hashToken(token);
      const row = options.store.get(idHash);
      const data = row ? parseData(row.data) : undefined;
      // A signed-in session past its absolute limit ends like an idle one: the next page asks for the password.
      const pastWorkday = data?.signedInAt !== undefined && now - data.signedInAt >= SIGNED_IN_MAX_MS;
      if (row && data && row.ended === null && row.expiresAt > now && !pastWorkday) {
        const idleMs = idleMsOf(data, baseIdleMs);
        let expiresAt = row.expiresAt;
        if (now - (expiresAt - idleMs) > TOUCH_INTERVAL_MS) {
          expiresAt = now + idleMs;
          options.store.touch(idHash, expiresAt);
        }
        req.session = new Session(options.store, res, baseIdleMs, options.clock, idHash, data, expiresAt);
        next();
        return;
      }
      if (row && row.ended === null) {
        // Past its limit just now: end it here (unsaved answers go) rather than wait for the cleanup.
        const kept = options.store.end(idHash, 'expired', now + ENDED_NOTE_MS);
        req.sessionLost = { ended: 'expired', kept };
      } else if (row) {
        req.sessionLost = { ended: row.ended ?? 'expired', kept: row.kept };
      } else {
        // Gone altogether (its note's day is over, or a made-up cookie): nothing is known.
        req.sessionLost = { ended: 'expired', kept: undefined };
      }
      inherited = carried(data, req.sessionLost.ended);
    } else if (token !== undefined) {
      req.sessionLost = { ended: 'expired', kept: undefined };
    }
    req.session = Session.start(options.store, res, baseIdleMs, options.clock, inherited);
    next();
  };
}
