// The Wilson score interval for a share (Wilson 1927; Newcombe 1998, method 3,
// which this follows): unlike the textbook p ± z·√(p(1−p)/n) it stays inside
// 0–1 and keeps its stated coverage for small bases and shares near 0 or 1,
// which is what a municipality with a few hundred answers has.

/** The standard normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * The 95 % interval of `share` observed over a base of `n` (a count, or a
 * weighted sample's effective size, which need not be whole). Null for an
 * empty base: there is nothing to estimate.
 */
export function wilson(share: number, n: number, z: number = Z_95): Interval | null {
  if (!(n > 0)) return null;
  const p = Math.min(1, Math.max(0, share));
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
