// Resume codes for "save and continue later": short enough to write down or read
// aloud, long enough that guessing one (rate-limited) is hopeless.
//
// Crockford's base32 alphabet (https://www.crockford.com/base32.html): digits and
// capital letters without I, L, O and U. 8 symbols × 5 bits = 40 bits. Reading is
// forgiving the same way: case, spaces and dashes do not matter, O is read as 0,
// and I and L as 1, so a code copied by hand from a screen still works.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** A new random code, normalised (no dash): 40 bits from the system's CSPRNG. */
export function newResumeCode(): string {
  const bytes = randomBytes(5);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += ALPHABET[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** What a person typed, as a normalised code; undefined when it cannot be one. */
export function normaliseResumeCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return SHAPE.test(code) ? code : undefined;
}

/** Grouped in fours for reading: K7QM-3XTA. */
export function formatResumeCode(code: string): string {
  return `${code.slice(0, LENGTH / 2)}-${code.slice(LENGTH / 2)}`;
}

/** What the database keeps instead of the code itself. */
export function hashResumeCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
