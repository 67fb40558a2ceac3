/**
 * P100's delivery schedule and the SDK's defaults, scaled down by one factor so a simulation of
 * minutes of P100 traffic runs in seconds with every ratio kept (DELIVERY-GUARANTEES.md, "What P100
 * does"): 5 attempts, each retry 8, 16, 32 and 64 s after the previous failure; the retry horizon H
 * of 10 minutes; the ledger's 10 s lease; the receiver's 25 s handler timeout. P100 documents no
 * request timeout: the simulated P100 gives up on an attempt after 30 s.
 */
export interface P100Timings {
  /** Delays before the 2nd..5th attempt, each after the previous failure. */
  readonly retryDelaysMs: readonly number[];
  /** The retry horizon H the ledger is given. */
  readonly retryHorizonMs: number;
  readonly leaseMs: number;
  readonly handlerTimeoutMs: number;
  /** How long the simulated P100 waits for an answer before counting the attempt failed. */
  readonly clientTimeoutMs: number;
  /** The longest time from an event's first attempt to the start of its last. */
  readonly retrySpanMs: number;
}

/** The real figures, in ms. */
export const P100_REAL = { retryDelaysMs: [8_000, 16_000, 32_000, 64_000], retryHorizonMs: 600_000, leaseMs: 10_000, handlerTimeoutMs: 25_000, clientTimeoutMs: 30_000 } as const;

/** P100's figures divided by `1 / scale` (e.g. `scale` 1/200: 8 s becomes 40 ms, H becomes 3 s). */
export function scaleP100Timings(scale: number): P100Timings {
  if (!(scale > 0 && scale <= 1)) throw new TypeError(`scale must be in (0, 1], got ${scale}`);
  const s = (ms: number): number => Math.max(1, Math.round(ms * scale));
  const retryDelaysMs = P100_REAL.retryDelaysMs.map(s);
  const clientTimeoutMs = s(P100_REAL.clientTimeoutMs);
  return {
    retryDelaysMs,
    retryHorizonMs: s(P100_REAL.retryHorizonMs),
    leaseMs: s(P100_REAL.leaseMs),
    handlerTimeoutMs: s(P100_REAL.handlerTimeoutMs),
    clientTimeoutMs,
    retrySpanMs: retryDelaysMs.reduce((a, b) => a + b, 0) + 4 * clientTimeoutMs,
  };
}
