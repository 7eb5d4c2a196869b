// Server-side sessions, stored only when something needs storing (issue 12,
// point 3). The browser holds one HttpOnly, SameSite=Lax cookie with a random
// token; a session's data lives in SQLite under the token's SHA-256 from the
// first request that changes something (a POST that starts the survey, signs in,
// asks for more time). Until then the session is pending: nothing is written,
// and the cookie itself carries the visitor's choices of language and shared
// device, which are theirs to set anyway (`?lang=`, `?kiosk=1`).
//
// A session that ends leaves a dated note (db/sessions.ts) under the same
// token, so a browser coming back with the cookie is told what happened: the
// receipt after a submission, the timeout page after the idle limit.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../../../db/connection.ts';
import type { NoteFields, SessionEnd, SessionNote, SessionStore } from '../../../db/sessions.ts';
import { isLanguage, LANGUAGES } from '../../survey/types.ts';
import { osloDate, type Clock } from '../../time.ts';
import { isSafeMethod } from '../methods.ts';

export const SESSION_COOKIE = 'sid';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** The cookie's mark for a shared device, after the token and an optional language: `<token>.en.k`. */
const KIOSK_FLAG = 'k';
/** Extending the expiry costs a write; doing it at most once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;
/** A signed-in session ends this long after sign-in, however active: a workday (issue 5, absolute expiry). */
export const SIGNED_IN_MAX_MS = 12 * 60 * 60_000;
/** «Jeg trenger mer tid» multiplies the idle limit by this (WCAG 2.2.1 asks for at least ten). */
export const EXTRA_TIME_FACTOR = 10;

const sessionData = z.object({
  lang: z.enum(LANGUAGES).optional(),
  userId: z.number().int().optional(),
  /** The user's session generation at sign-in; a password, role or status change raises it (db/users.ts). */
  userGeneration: z.number().int().optional(),
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
  expired: z.enum(['kept', 'deleted']).optional(),
});
export type SessionData = z.infer<typeof sessionData>;

/** What a pending session keeps in its cookie: nothing but choices a visitor can make in a link. */
const PREFERENCES = new Set<keyof SessionData>(['lang', 'kiosk']);

/** What a note hands on to the browser that comes back: nothing that holds or opens answers. */
function inheritedFrom(note: SessionNote): SessionData {
  return {
    ...(note.lang !== null && isLanguage(note.lang) ? { lang: note.lang } : {}),
    ...(note.kiosk ? { kiosk: true } : {}),
    ...(note.ended === 'submitted' && note.round ? { submitted: note.round } : {}),
    // Who needed more time before still needs it.
    ...(note.ended === 'expired' ? { expired: note.kept ? 'kept' : 'deleted', ...(note.extraTime ? { extraTime: true } : {}) } : {}),
  };
}

function noteFieldsOf(data: SessionData | undefined, round: string | null = null): NoteFields {
  return { lang: data?.lang ?? null, kiosk: data?.kiosk === true, extraTime: data?.extraTime === true, round };
}

const newToken = (): string => randomBytes(32).toString('base64url');
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `<token>[.<lang>][.k]`; undefined when the token is not one of ours in shape. Unknown marks are ignored. */
function parseCookie(value: string): { token: string; preferences: SessionData } | undefined {
  const [token = '', ...marks] = value.split('.');
  if (!TOKEN.test(token)) return undefined;
  const preferences: SessionData = {};
  for (const mark of marks) {
    if (isLanguage(mark)) preferences.lang = mark;
    else if (mark === KIOSK_FLAG) preferences.kiosk = true;
  }
  return { token, preferences };
}

function parseData(json: string): SessionData | undefined {
  try {
    const parsed = sessionData.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Session rows read back, by their text: a session's data changes a few times
 * in its life and is read on every request, so it is checked once per change.
 * Frozen, since every request with that text shares the object.
 */
const readData = (() => {
  const MAX = 1000;
  const known = new Map<string, Readonly<SessionData> | undefined>();
  return (json: string): Readonly<SessionData> | undefined => {
    if (known.has(json)) return known.get(json);
    const data = parseData(json);
    if (known.size >= MAX) known.delete(known.keys().next().value!);
    if (data?.staffStart) Object.freeze(data.staffStart);
    known.set(json, data && Object.freeze(data));
    return known.get(json);
  };
})();

function idleMsOf(data: SessionData, baseIdleMs: number): number {
  return data.extraTime ? baseIdleMs * EXTRA_TIME_FACTOR : baseIdleMs;
}

interface SessionContext {
  readonly store: SessionStore;
  readonly req: Request;
  readonly res: Response;
  readonly baseIdleMs: number;
  readonly clock: Clock;
  /** The key that signs CSRF tokens (db/secrets.ts). */
  readonly csrfKey: Buffer;
}

export class Session {
  readonly #ctx: SessionContext;
  /** The cookie's token: the stored row's, a note's, or a pending one's; undefined until one is needed. */
  #token: string | undefined;
  /** The last token's hash: drafts and notes are looked up by it several times a request. */
  #hashed: { readonly token: string; readonly hash: string } | undefined;
  /** The last token's CSRF value: a page prints it in each of its forms. */
  #signed: { readonly token: string; readonly csrf: string } | undefined;
  #stored: boolean;
  #data: SessionData;
  #expiresAt: number;

  private constructor(ctx: SessionContext, token: string | undefined, stored: boolean, data: SessionData, expiresAt: number) {
    this.#ctx = ctx;
    this.#token = token;
    this.#stored = stored;
    this.#data = data;
    this.#expiresAt = expiresAt;
  }

  /** `idHash`: the token's hash, which the middleware computed to find the row. */
  static stored(ctx: SessionContext, token: string, idHash: string, data: SessionData, expiresAt: number): Session {
    const session = new Session(ctx, token, true, data, expiresAt);
    session.#hashed = { token, hash: idHash };
    return session;
  }

  static pending(ctx: SessionContext, token: string | undefined, data: SessionData): Session {
    return new Session(ctx, token, false, data, 0);
  }

  get data(): Readonly<SessionData> {
    return this.#data;
  }

  /** Whether this session has a row (and so may hold drafts). */
  get isStored(): boolean {
    return this.#stored;
  }

  /** The key drafts are stored under; for a pending session it finds nothing, since nothing was stored. */
  get idHash(): string {
    if (this.#token === undefined) return '';
    if (this.#hashed?.token !== this.#token) this.#hashed = { token: this.#token, hash: hashToken(this.#token) };
    return this.#hashed.hash;
  }

  /** The idle limit of this session, in milliseconds. */
  get idleMs(): number {
    return idleMsOf(this.#data, this.#ctx.baseIdleMs);
  }

  /** When this session ends if nothing more happens (epoch ms); for a pending session, a full idle limit from now. */
  get expiresAt(): number {
    return this.#stored ? this.#expiresAt : this.#ctx.clock().getTime() + this.idleMs;
  }

  /**
   * The CSRF token for this session's forms: an HMAC of the cookie's token, so a
   * form can be shown (and its first POST checked) before any row exists. Draws
   * a token and sets the cookie when the visitor has none yet.
   */
  get csrfToken(): string {
    if (this.#token === undefined) {
      this.#token = newToken();
      this.#writePendingCookie();
    }
    if (this.#signed?.token !== this.#token) this.#signed = { token: this.#token, csrf: this.#sign(this.#token) };
    return this.#signed.csrf;
  }

  /** Whether a posted `_csrf` value belongs to this browser's cookie. */
  checkCsrf(sent: unknown): boolean {
    if (this.#token === undefined || typeof sent !== 'string') return false;
    const expected = Buffer.from(this.#sign(this.#token));
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Changes the session's data. A stored session is written at once. A pending
   * one keeps a choice of language or shared device in its cookie, and is
   * stored by a POST that sets anything else (the first request that needs a row).
   */
  update(patch: Partial<SessionData>): void {
    this.#data = { ...this.#data, ...patch };
    // A new idle limit counts from now.
    const extend = 'extraTime' in patch;
    if (this.#stored) return this.#save(extend);
    const keys = Object.keys(patch) as Array<keyof SessionData>;
    if (!isSafeMethod(this.#ctx.req.method) && keys.some((k) => !PREFERENCES.has(k))) {
      this.store();
      return;
    }
    if (keys.some((k) => PREFERENCES.has(k))) {
      this.#token ??= newToken();
      this.#writePendingCookie();
    }
  }

  /**
   * The session's row, made now if the session is pending; returns the key to
   * store drafts under. Only a request that changes something may call it: a
   * visitor who only looks never leaves a row.
   */
  store(): string {
    if (!this.#stored) {
      if (isSafeMethod(this.#ctx.req.method)) throw new Error(`a ${this.#ctx.req.method} request may not store a session`);
      // A new token, never the one the browser came with: a cookie planted by someone else opens nothing of theirs.
      this.#begin(this.#data);
    }
    return this.idHash;
  }

  /** Restarts the idle limit now (the timeout warning's «Fortsett»). */
  extend(): void {
    if (this.#stored) this.#save(true);
  }

  /** A new session for a signed-in user (a new token defeats session fixation); the old one goes without a note. */
  signIn(data: Required<Pick<SessionData, 'userId' | 'userGeneration' | 'signedInAt'>> & Pick<SessionData, 'lang'>): void {
    if (this.#stored) this.#ctx.store.remove(this.idHash);
    this.#begin(data);
  }

  /** Signs out: the row goes without a note; the browser keeps only its language, in a pending session. */
  signOut(): void {
    if (this.#stored) this.#ctx.store.remove(this.idHash);
    this.#stored = false;
    this.#data = this.#data.lang ? { lang: this.#data.lang } : {};
    this.#token = newToken();
    this.#writePendingCookie();
  }

  /**
   * Ends the session server-side, leaving a dated note (db/sessions.ts). After a
   * submission or the idle limit the cookie stays and points at the note, which
   * hands on language, shared-device mode and the receipt or what became of the
   * answers; after the citizen left, the cookie is cleared.
   */
  end(how: SessionEnd, submittedRound: string | null = null): void {
    const note = noteFieldsOf(this.#data, how === 'submitted' ? submittedRound : null);
    let kept = false;
    if (this.#stored) kept = this.#ctx.store.end(this.idHash, how, note, osloDate(this.#ctx.clock()));
    this.#stored = false;
    if (how === 'submitted' || how === 'expired') {
      this.#data = inheritedFrom({ ended: how, kept, ...note });
      return;
    }
    const { lang, kiosk } = this.#data;
    this.#data = { ...(lang ? { lang } : {}), ...(kiosk ? { kiosk } : {}) };
    this.#token = undefined;
    const { res } = this.#ctx;
    this.#replaceCookie(() => res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: res.req.secure, path: '/' }));
  }

  #sign(token: string): string {
    return createHmac('sha256', this.#ctx.csrfKey).update(`csrf:${token}`).digest('base64url');
  }

  #begin(data: SessionData): void {
    const token = newToken();
    const expiresAt = this.#ctx.clock().getTime() + idleMsOf(data, this.#ctx.baseIdleMs);
    // Stored first: if the database refuses, this session stays as it was, and the
    // 503 page's form still carries the token of the browser's own cookie.
    this.#ctx.store.insert(hashToken(token), JSON.stringify(data), expiresAt);
    this.#token = token;
    this.#stored = true;
    this.#data = data;
    this.#expiresAt = expiresAt;
    this.#setCookie(token);
  }

  #save(extend: boolean): void {
    if (extend) this.#expiresAt = this.#ctx.clock().getTime() + this.idleMs;
    this.#ctx.store.save(this.idHash, JSON.stringify(this.#data), this.#expiresAt);
  }

  #writePendingCookie(): void {
    const marks = [this.#data.lang, this.#data.kiosk ? KIOSK_FLAG : undefined].filter((m) => m !== undefined);
    this.#setCookie([this.#token, ...marks].join('.'));
  }

  #setCookie(value: string): void {
    const { res } = this.#ctx;
    this.#replaceCookie(() => res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: res.req.secure, path: '/' }));
  }

  /** One Set-Cookie for the session per response: the last word replaces any earlier one. */
  #replaceCookie(write: () => void): void {
    const { res } = this.#ctx;
    const before = res.getHeader('Set-Cookie');
    const others = (Array.isArray(before) ? before : before === undefined ? [] : [String(before)]).filter(
      (c) => !c.startsWith(`${SESSION_COOKIE}=`),
    );
    if (others.length > 0) res.setHeader('Set-Cookie', others);
    else res.removeHeader('Set-Cookie');
    write();
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares its request type this way.
  namespace Express {
    interface Request {
      session: Session;
      /** How the session the browser's cookie points at ended, when it has; undefined for a live or new one. */
      sessionEnded: SessionEnd | undefined;
    }
  }
}

export function sessions(options: { store: SessionStore; idleMinutes: number; clock: Clock; csrfKey: Buffer }) {
  const { store, clock, csrfKey } = options;
  const baseIdleMs = options.idleMinutes * 60_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    const ctx: SessionContext = { store, req, res, baseIdleMs, clock, csrfKey };
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const parsed = cookie === undefined ? undefined : parseCookie(cookie);
    req.sessionEnded = undefined;
    if (!parsed) {
      req.session = Session.pending(ctx, undefined, {});
      return next();
    }
    const { token, preferences } = parsed;
    const idHash = hashToken(token);
    const row = store.get(idHash);
    if (row) {
      const now = clock().getTime();
      const data = readData(row.data);
      // A signed-in session past its absolute limit ends like an idle one: the next page asks for the password.
      const pastWorkday = data?.signedInAt !== undefined && now - data.signedInAt >= SIGNED_IN_MAX_MS;
      if (data && row.expiresAt > now && !pastWorkday) {
        const idleMs = idleMsOf(data, baseIdleMs);
        let expiresAt = row.expiresAt;
        if (now - (expiresAt - idleMs) > TOUCH_INTERVAL_MS) {
          const extended = now + idleMs;
          try {
            store.touch(idHash, extended);
            expiresAt = extended;
          } catch (err) {
            // A locked database must not stop someone reading a page; the next request extends the limit.
            if (!isDatabaseUnavailable(err)) throw err;
          }
        }
        req.session = Session.stored(ctx, token, idHash, data, expiresAt);
        return next();
      }
      // Past its limit just now, or unreadable: end it here (unsaved answers go) rather than wait for the cleanup.
      const note = { ended: 'expired' as const, ...noteFieldsOf(data) };
      const kept = store.end(idHash, 'expired', note, osloDate(clock()));
      req.sessionEnded = 'expired';
      req.session = Session.pending(ctx, token, { ...inheritedFrom({ ...note, kept }), ...preferences });
      return next();
    }
    const note = store.note(idHash);
    req.sessionEnded = note?.ended;
    // Choices made since (a language link on the receipt) are in the cookie and win over the note's.
    req.session = Session.pending(ctx, token, { ...(note ? inheritedFrom(note) : {}), ...preferences });
    next();
  };
}
