// Resume codes: 40 random bits in Crockford's base32, read back forgivingly.
import { describe, expect, it } from 'vitest';
import { formatResumeCode, hashResumeCode, newResumeCode, normaliseResumeCode } from '../../server/survey/resume-code.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('new codes', () => {
  it('are 8 symbols from the 32-symbol alphabet (40 bits), without I, L, O or U', () => {
    for (let i = 0; i < 200; i++) {
      const code = newResumeCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(normaliseResumeCode(code)).toBe(code);
    }
    expect(ALPHABET).toHaveLength(32);
  });

  it('use every symbol in every position and do not repeat', () => {
    const codes = Array.from({ length: 4000 }, newResumeCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 0; position < 8; position++) {
      // 4000 draws over 32 symbols: each appears about 125 times; missing one means the bits are wrong.
      expect(new Set(codes.map((c) => c[position])).size, `position ${position}`).toBe(32);
    }
  });
});

describe('reading a typed code', () => {
  it.each([
    ['k7qm-3xta', 'K7QM3XTA'],
    [' K7QM 3XTA ', 'K7QM3XTA'],
    ['K7QM–3XTA', 'K7QM3XTA'],
    ['KOQM-3XTA', 'K0QM3XTA'],
    ['KIQM-3XTL', 'K1QM3XT1'],
    ['k.7.q.m.3.x.t.a', 'K7QM3XTA'],
  ])('%s reads as %s', (typed, code) => {
    expect(normaliseResumeCode(typed)).toBe(code);
  });

  it.each(['', 'K7QM-3XT', 'K7QM-3XTAA', 'K7QM-3XTU', 'K7QM-3XT!', 'ÆØÅK-3XTA'])('%s is not a code', (typed) => {
    expect(normaliseResumeCode(typed)).toBeUndefined();
  });
});

it('is shown in two groups of four and stored only as a SHA-256 hash', () => {
  expect(formatResumeCode('K7QM3XTA')).toBe('K7QM-3XTA');
  const hash = hashResumeCode('K7QM3XTA');
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(hash).toBe(hashResumeCode(normaliseResumeCode('k7qm 3xta')!));
  expect(hash).not.toBe(hashResumeCode('K7QM3XTB'));
});
