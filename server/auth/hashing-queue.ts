// A small queue in front of password hashing (issue 12, point 1). Each scrypt
// call takes 128 MiB and one of libuv's four worker threads for a good part of a
// second; twenty at once took the server to 628 MiB and left static files and
// other file work waiting for a thread. One at a time keeps three threads for
// everyone else; a long queue is refused, so a flood of sign-ins gets a quick
// "try again" instead of a wait that grows without end.

/** Seconds a refused sign-in is told to wait: the line moves a hash every fraction of a second. */
export const HASHING_RETRY_AFTER_SECONDS = 5;

/** The queue is full: the caller should answer 503 with Retry-After. */
export class HashingBusy extends Error {
  override readonly name = 'HashingBusy';
  constructor() {
    super('too many password checks waiting');
  }
}

export class HashingQueue {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    /** Hashes that may run at once. */
    readonly concurrency = 1,
    /** Hashes that may wait for their turn; one more is refused. */
    readonly maxWaiting = 16,
  ) {}

  /** Runs `task` when a place is free; rejects with HashingBusy at once when too many wait. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.maxWaiting) throw new HashingBusy();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the place straight to the next in line, or give it back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  /** Tasks running and waiting now (for tests and the bench). */
  get load(): { readonly running: number; readonly waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }
}
