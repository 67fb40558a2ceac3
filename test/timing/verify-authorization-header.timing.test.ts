import { describe, expect, it } from 'vitest';
import { verifyAuthorizationHeader } from '../../src/index.ts';

/**
 * Statistical timing test of `verifyAuthorizationHeader`: rejecting a wrong token must take the same
 * time whether the token differs from the secret in its first byte, its last byte, or its length.
 *
 * Method: many rounds; in each round every variant is timed over a batch of calls with
 * `process.hrtime.bigint()`, in a freshly shuffled order (interleaved, so drift and noise from the
 * other processes of a shared machine hit every variant alike). Variants are compared by the ratio of
 * their medians and by the median and trimmed mean of per-round ratios, with generous bounds
 * (0.7..1.3); a statistical test on a shared machine may retry twice, a real leak fails every attempt.
 * The same harness run on a naive early-exit comparison must find the leak (ratio > 2), so the test
 * has the power to fail.
 */
const ROUNDS = 151;
const WARMUP_ROUNDS = 15;

type Check = (header: string) => boolean;

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function trimmedMean(values: readonly number[], trim = 0.2): number {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * trim);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

let sink = 0;

/** Per-batch times (ns) of each variant, interleaved in random order round after round. */
function measure(check: Check, variants: Readonly<Record<string, string>>, batch: number): Record<string, number[]> {
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const name of shuffle([...names])) {
      const header = variants[name] as string;
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) if (check(header)) sink++;
      const elapsed = Number(process.hrtime.bigint() - start);
      if (round >= WARMUP_ROUNDS) samples[name]?.push(elapsed);
    }
  }
  return samples;
}

/**
 * How much slower `a` is than `b`: the ratio of their medians, and the median and 25%-trimmed mean of
 * the per-round ratios (a and b timed in the same round share that moment's noise).
 */
function ratios(samples: Record<string, number[]>, a: string, b: string): { median: number; pairedMedian: number; pairedTrimmed: number } {
  const sa = samples[a] as number[];
  const sb = samples[b] as number[];
  const paired = sa.map((v, i) => v / (sb[i] as number));
  return { median: median(sa) / median(sb), pairedMedian: median(paired), pairedTrimmed: trimmedMean(paired, 0.25) };
}

function randomSecret(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

const flip = (text: string, index: number): string =>
  text.slice(0, index) + String.fromCharCode(text.charCodeAt(index) ^ 1) + text.slice(index + 1);

/** Flat strings, as headers read from a socket are (not ropes built by concatenation). */
const flat = (text: string): string => new TextDecoder().decode(new TextEncoder().encode(text));

function variantsOf(secret: string): Record<string, string> {
  return {
    firstByte: flat(`Bearer ${flip(secret, 0)}`),
    lastByte: flat(`Bearer ${flip(secret, secret.length - 1)}`),
    shorter: flat(`Bearer ${secret.slice(0, -1)}`),
    longer: flat(`Bearer ${secret}x`),
  };
}

/** What a naive comparison does: stop at the first differing character. */
function naiveEqual(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (given.charCodeAt(i) !== expected.charCodeAt(i)) return false;
  return true;
}

describe('verifyAuthorizationHeader timing', { retry: 2 }, () => {
  it.each([
    { secretLength: 32, batch: 4_000 },
    { secretLength: 4_096, batch: 150 },
  ])('should take the same time to reject a token differing in its first byte, last byte or length ($secretLength-character secret)', ({ secretLength, batch }) => {
    const secret = randomSecret(secretLength);
    const variants = variantsOf(secret);
    for (const header of Object.values(variants)) expect(verifyAuthorizationHeader(header, secret)).toBe(false);
    expect(verifyAuthorizationHeader(`Bearer ${secret}`, secret)).toBe(true);

    const samples = measure((header) => verifyAuthorizationHeader(header, secret), variants, batch);
    for (const other of ['firstByte', 'shorter', 'longer']) {
      const r = ratios(samples, other, "lastByte");
      expect({ other, ...r }).toEqual({
        other,
        median: expect.toBeWithin(0.7, 1.3),
        pairedMedian: expect.toBeWithin(0.7, 1.3),
        pairedTrimmed: expect.toBeWithin(0.7, 1.3),
      });
    }
  });

  it('should detect the leak of a naive early-exit comparison with the same harness (the test has power)', () => {
    const secret = randomSecret(4_096);
    const variants = variantsOf(secret);
    const samples = measure((header) => naiveEqual(header.slice(7), secret), { firstByte: variants.firstByte as string, lastByte: variants.lastByte as string }, 150);
    expect(ratios(samples, 'lastByte', 'firstByte').median).toBeGreaterThan(2);
    expect(sink).toBeGreaterThanOrEqual(0);
  });
});

declare module 'vitest' {
  interface AsymmetricMatchersContaining {
    toBeWithin(min: number, max: number): unknown;
  }
}

expect.extend({
  toBeWithin(received: number, min: number, max: number) {
    return {
      pass: received >= min && received <= max,
      message: () => `expected ${received} to be within ${min}..${max}`,
    };
  },
});
