import type { PoaInboxJob, PoaJobOutcome } from './poa-inbox.ts';

/** A failure code as an engine stores it: the code only, never a message (a message may hold a customer's data). @internal */
export const FAILURE_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const HANDLER_FAILED: PoaJobOutcome = { ok: false, code: 'HANDLER_FAILED', retry: true };

const isOutcome = (outcome: unknown): outcome is PoaJobOutcome => {
  if (typeof outcome !== 'object' || outcome === null) return false;
  const { ok, code, retry } = outcome as Record<string, unknown>;
  return ok === true || (ok === false && typeof code === 'string' && FAILURE_CODE.test(code) && typeof retry === 'boolean');
};

/**
 * Runs an engine consumer's `process` for one job and returns its outcome. A rejection, or a value
 * that is not a job outcome (or whose code is not a storable code), is reported through `report`
 * and counts as a failed attempt (`HANDLER_FAILED`, retried).
 *
 * @param engine - The inbox subpath, for the report (`p100-webhooks/inbox/bullmq`).
 * @internal
 */
export async function runJobProcess(
  process: (job: PoaInboxJob) => Promise<PoaJobOutcome>,
  job: PoaInboxJob,
  report: (error: unknown) => void,
  engine: string,
): Promise<PoaJobOutcome> {
  try {
    const answered: unknown = await process(job);
    if (isOutcome(answered)) return answered;
    report(new TypeError(`${engine}: \`process\` resolved with something that is not a job outcome; the attempt counts as failed.`));
  } catch (error) {
    report(error);
  }
  return HANDLER_FAILED;
}
