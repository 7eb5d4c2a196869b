// Login throttling (issue 5, point 1): after a few failed sign-ins for one
// username, or many from one client, further attempts wait, longer each time.
// Counted for any username typed, known or not, so the wait says nothing about
// who has an account. Kept in memory: a restart forgets it, and nothing about a
// client is written anywhere.

interface Record_ {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
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

export interface LoginKeys {
  readonly username: string;
  readonly client: string;
}

export class LoginThrottle {
  readonly #records = new Map<string, Record_>();

  /** Milliseconds to wait before this attempt may be tried; 0 when it may go ahead. */
  waitMs(keys: LoginKeys, now: number): number {
    return Math.max(0, ...this.#keys(keys).map(([key]) => (this.#records.get(key)?.blockedUntil ?? 0) - now));
  }

  fail(keys: LoginKeys, now: number): void {
    this.#forgetOld(now);
    for (const [key, free] of this.#keys(keys)) {
      const record = this.#records.get(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
      record.failures += 1;
      record.lastFailure = now;
      const over = record.failures - free;
      if (over >= 0) record.blockedUntil = now + Math.min(LOGIN_LIMITS.firstWaitMs * 2 ** over, LOGIN_LIMITS.longestWaitMs);
      this.#records.set(key, record);
    }
  }

  /** A right password clears its username's count; the client's count runs down on its own. */
  succeed(keys: LoginKeys): void {
    this.#records.delete(`user:${keys.username.toLowerCase()}`);
  }

  #keys(keys: LoginKeys): Array<[string, number]> {
    return [
      [`user:${keys.username.toLowerCase()}`, LOGIN_LIMITS.perUsername],
      [`client:${keys.client}`, LOGIN_LIMITS.perClient],
    ];
  }

  #forgetOld(now: number): void {
    for (const [key, record] of this.#records) {
      if (now - record.lastFailure > FORGET_AFTER_MS && record.blockedUntil <= now) this.#records.delete(key);
    }
  }
}
