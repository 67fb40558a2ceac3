/** A failure code as stored: the code only, never a message (a message may hold a customer's data). @internal */
export const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** What BullMQ itself writes as the failure of a job its stalled checker gave up on. */
const STALLED = /stalled more than allowable limit/;

/**
 * The code of a job's last failure as BullMQ stored it (its `failedReason`): ours (the code only), or
 * BullMQ's own stalled-job failure as `HANDLER_TIMEOUT`; anything else is no code.
 *
 * @internal
 */
export function failureCodeOf(failedReason: unknown): string | undefined {
  if (typeof failedReason !== 'string') return undefined;
  if (CODE.test(failedReason)) return failedReason;
  return STALLED.test(failedReason) ? 'HANDLER_TIMEOUT' : undefined;
}
