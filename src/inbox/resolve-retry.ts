import type { PoaInboxRetryOptions } from './poa-inbox.ts';

/** The retry policy with its defaults, checked once: 10 attempts, 1 s doubling. @internal */
export function resolveRetry(options: PoaInboxRetryOptions): { readonly maxAttempts: number; readonly backoffMs: number } {
  const { maxAttempts = 10, backoffMs = 1_000 } = options;
  if (!(Number.isSafeInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= 1_000)) {
    throw new TypeError('p100-webhooks: `maxAttempts` must be a whole number from 1 to 1000.');
  }
  if (!(Number.isSafeInteger(backoffMs) && backoffMs >= 0 && backoffMs <= 86_400_000)) {
    throw new TypeError('p100-webhooks: `backoffMs` must be a whole number of milliseconds from 0 to 86400000.');
  }
  return { maxAttempts, backoffMs };
}
