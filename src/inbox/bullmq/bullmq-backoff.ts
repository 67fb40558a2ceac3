/** The name of the inbox's backoff strategy in a job's `backoff.type`. @internal */
export const BACKOFF_TYPE = 'p100-exponential';

/** The longest retry delay: one day, as the pg-boss engine's. @internal */
export const MAX_RETRY_DELAY_MS = 86_400_000;

/**
 * The inbox's backoff: `delay × 2^(failures − 1)`, BullMQ's `exponential` without its jitter,
 * capped at one day (BullMQ's own `exponential` is not capped: 1 s × 2^29 is 17 years).
 *
 * @internal
 */
export function p100Backoff(attemptsMade: number, delay: number): number {
  return Math.min(delay * 2 ** Math.max(attemptsMade - 1, 0), MAX_RETRY_DELAY_MS);
}
