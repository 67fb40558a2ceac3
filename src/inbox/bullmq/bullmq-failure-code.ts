import { FAILURE_CODE } from '../run-job-process.ts';

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
  if (FAILURE_CODE.test(failedReason)) return failedReason;
  return STALLED.test(failedReason) ? 'HANDLER_TIMEOUT' : undefined;
}
