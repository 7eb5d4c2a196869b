// A small seeded random source for synthetic data: the same seed gives the same
// numbers on every machine and Node version (Math.random cannot be seeded), so
// a seeded data set can be made again exactly. Not for anything secret.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** An integer in [0, n). */
  below(n: number): number;
  /** A standard normal draw (mean 0, sd 1). */
  normal(): number;
  /** One of the values, each with its weight (weights need not sum to 1; zero never comes). */
  pick<T>(weighted: ReadonlyArray<readonly [T, number]>): T;
}

/**
 * Four 32-bit words from any seed text (cyrb128): nearby seeds such as "1" and
 * "2" give unrelated states, so their data sets share nothing.
 */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand, a few ns a number. */
export function seededRandom(seed: string): Random {
  let [a, b, c, d] = hashSeed(seed);
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still carry the seed's structure; sfc32's authors discard a few.
  for (let i = 0; i < 15; i++) next();

  let spareNormal: number | undefined;
  return {
    next,
    chance: (p) => next() < p,
    below: (n) => Math.floor(next() * n),
    normal: () => {
      // Box–Muller gives two draws; the second is kept for the next call.
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    pick: <T>(weighted: ReadonlyArray<readonly [T, number]>): T => {
      let total = 0;
      for (const [, weight] of weighted) total += weight;
      let at = next() * total;
      for (const [value, weight] of weighted) {
        if (weight <= 0) continue;
        at -= weight;
        if (at < 0) return value;
      }
      // Rounding can leave a sliver at the end: the last value with a weight takes it.
      const last = [...weighted].reverse().find(([, weight]) => weight > 0);
      if (!last) throw new RangeError('pick needs at least one positive weight');
      return last[0];
    },
  };
}
