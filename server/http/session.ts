// Server-side sessions. The browser holds only a random token in an HttpOnly,
// SameSite=Lax cookie (the one cookie the service sets, strictly necessary); the
// data lives in SQLite under the token's SHA-256. Changes are written at once,
// so a redirect never races the save.
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { SessionStore } from '../../db/sessions.ts';
import type { Clock } from '../time.ts';
import { LANGUAGES } from '../survey/types.ts';

export const SESSION_COOKIE = 'sid';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Extending the expiry costs a write; doing it at most once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

const sessionData = z.object({
  csrf: z.string(),
  lang: z.enum(LANGUAGES).optional(),
  userId: z.number().int().optional(),
  /** Slug of the round this session just submitted, for the receipt and double submits. */
  submitted: z.string().optional(),
});
export type SessionData = z.infer<typeof sessionData>;

const newToken = (): string => randomBytes(32).toString('base64url');
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class Session {
  #idHash: string;
  #data: SessionData;

  constructor(
    private readonly store: SessionStore,
    private readonly res: Response,
    private readonly idleMs: number,
    private readonly clock: Clock,
    idHash: string,
    data: SessionData,
  ) {
    this.#idHash = idHash;
    this.#data = data;
  }

  get idHash(): string {
    return this.#idHash;
  }

  get data(): Readonly<SessionData> {
    return this.#data;
  }

  update(patch: Partial<SessionData>): void {
    this.#data = { ...this.#data, ...patch };
    this.#persist();
  }

  /** A new id and CSRF token (on login: defeats session fixation); keeps only what `keep` says. */
  regenerate(keep: Partial<Omit<SessionData, 'csrf'>>): void {
    this.store.remove(this.#idHash);
    this.#start(keep);
  }

  /** Deletes the session and, by cascade, its drafts; the browser gets a fresh one. */
  destroy(): void {
    this.regenerate({});
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
    this.store.save(this.#idHash, JSON.stringify(this.#data), this.clock().getTime() + this.idleMs);
  }

  static start(store: SessionStore, res: Response, idleMs: number, clock: Clock): Session {
    const session = new Session(store, res, idleMs, clock, '', { csrf: '' });
    session.#start({});
    return session;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its request type this way.
  namespace Express {
    interface Request {
      session: Session;
      /** The browser sent a session cookie that had expired or was unknown. */
      sessionLost: boolean;
    }
  }
}

export function sessions(options: { store: SessionStore; idleMinutes: number; clock: Clock }) {
  const idleMs = options.idleMinutes * 60_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const now = options.clock().getTime();
    req.sessionLost = false;
    if (token !== undefined && TOKEN.test(token)) {
      const idHash = hashToken(token);
      const row = options.store.get(idHash);
      const data = row && row.expiresAt > now ? sessionData.safeParse(JSON.parse(row.data)) : undefined;
      if (row && data?.success) {
        if (now - (row.expiresAt - idleMs) > TOUCH_INTERVAL_MS) options.store.touch(idHash, now + idleMs);
        req.session = new Session(options.store, res, idleMs, options.clock, idHash, data.data);
        next();
        return;
      }
      // Expired now, or gone: delete what is left (its drafts go with it).
      if (row) options.store.remove(idHash);
      req.sessionLost = true;
    } else if (token !== undefined) {
      req.sessionLost = true;
    }
    req.session = Session.start(options.store, res, idleMs, options.clock);
    next();
  };
}
