// Login throttling (issue 5, point 1; issue 12, point 1): after a few failed
// sign-ins for one username, or many from one client, further attempts wait,
// longer each time. Counted for any username typed, known or not, so the wait
// says nothing about who has an account. Kept in memory: a restart forgets it,
// and nothing about a client is written anywhere.
//
// An attempt is counted as a failure when it begins, before the password is
// checked, and forgiven only if the password was right: checking takes a
// fraction of a second, and twenty attempts sent at once must not all pass the
// check for a wait that none of them has yet been counted into.

interface Record_ {
  /** Attempts that failed, by sequence number, oldest first. */
  settled: number[];
  /** Attempts still being checked: counted as failures until they succeed. */
  readonly pending: Set<number>;
  blockedUntil: number;
  lastAttempt: number;
}

/** Free failures before the first wait, and the first wait; every further failure doubles it. */
export const LOGIN_LIMITS = {
  perUsername: 5,
  /** Higher: staff at one library or office share an address. */
  perClient: 20,
  firstWaitMs: 15_000,
  longestWaitMs: 15 * 60_000,
} as const;

/** Records untouched this long are forgotten, so the map cannot grow without bound. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** Failures remembered per key; past this many the wait is at its longest anyway. */
const REMEMBERED_FAILURES = 64;

export interface LoginKeys {
  readonly username: string;
  readonly client: string;
}

/** One attempt in progress: settle it with fail, succeed or release. */
export interface LoginAttempt {
  readonly seq: number;
  readonly username: string;
  readonly client: string;
}

export class LoginThrottle {
  readonly #records = new Map<string, Record_>();
  #seq = 0;

  /**
   * Begins an attempt: counts it at once and returns it, or returns how many
   * milliseconds to wait when this username or client is held.
   */
  begin(keys: LoginKeys, now: number): { readonly attempt: LoginAttempt } | { readonly waitMs: number } {
    const attempt: LoginAttempt = { seq: ++this.#seq, username: userKey(keys.username), client: clientKey(keys.client) };
    const waitMs = Math.max(0, ...[attempt.username, attempt.client].map((key) => (this.#records.get(key)?.blockedUntil ?? 0) - now));
    if (waitMs > 0) return { waitMs };
    this.#forgetOld(now);
    for (const [key, free] of [
      [attempt.username, LOGIN_LIMITS.perUsername],
      [attempt.client, LOGIN_LIMITS.perClient],
    ] as const) {
      const record = this.#records.get(key) ?? { settled: [], pending: new Set<number>(), blockedUntil: 0, lastAttempt: now };
      record.pending.add(attempt.seq);
      record.lastAttempt = now;
      const over = record.settled.length + record.pending.size - free;
      if (over >= 0) record.blockedUntil = now + Math.min(LOGIN_LIMITS.firstWaitMs * 2 ** over, LOGIN_LIMITS.longestWaitMs);
      this.#records.set(key, record);
    }
    return { attempt };
  }

  /** A wrong password (or unknown or locked user): the attempt stays counted. */
  fail(attempt: LoginAttempt): void {
    for (const key of [attempt.username, attempt.client]) {
      const record = this.#records.get(key);
      if (!record?.pending.delete(attempt.seq)) continue;
      record.settled.push(attempt.seq);
      if (record.settled.length > REMEMBERED_FAILURES) record.settled.shift();
    }
  }

  /**
   * The right password: this attempt, and its username's failures that had
   * already failed when it began, are forgiven. Attempts that began after it,
   * or were still being checked, stay counted: a success must not wipe what a
   * guesser sent alongside it. The client's count runs down on its own.
   */
  succeed(attempt: LoginAttempt): void {
    this.release(attempt);
    const record = this.#records.get(attempt.username);
    if (!record) return;
    record.settled = record.settled.filter((seq) => seq > attempt.seq);
    if (record.settled.length + record.pending.size < LOGIN_LIMITS.perUsername) record.blockedUntil = 0;
  }

  /** Neither right nor wrong (the server could not check it now): not counted. */
  release(attempt: LoginAttempt): void {
    for (const key of [attempt.username, attempt.client]) this.#records.get(key)?.pending.delete(attempt.seq);
  }

  #forgetOld(now: number): void {
    for (const [key, record] of this.#records) {
      if (now - record.lastAttempt > FORGET_AFTER_MS && record.blockedUntil <= now && record.pending.size === 0) this.#records.delete(key);
    }
  }
}

const userKey = (username: string): string => `user:${username.toLowerCase()}`;
const clientKey = (client: string): string => `client:${client}`;
