/**
 * The pauses P100 makes between delivery attempts, in milliseconds: it retries a delivery that was
 * not answered with a 2xx after about 8, 16, 32 and 64 seconds, so 5 attempts in all.
 *
 * @example
 * ```ts
 * import { P100_RETRY_DELAYS_MS } from 'p100-webhooks/testing';
 *
 * const attempts = P100_RETRY_DELAYS_MS.length + 1; // 5
 * const totalSeconds = P100_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) / 1000; // 120
 * ```
 */
export const P100_RETRY_DELAYS_MS: readonly [8000, 16000, 32000, 64000] = Object.freeze([8000, 16000, 32000, 64000] as const);
