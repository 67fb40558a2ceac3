import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { PoaInboxConsumeOptions, PoaInboxConsumer, PoaInboxJob, PoaJobOutcome } from '../poa-inbox.ts';
import { p100Backoff } from './bullmq-backoff.ts';
import { inboxUnavailable } from './bullmq-inbox-error.ts';
import { runJobProcess } from '../run-job-process.ts';

/** What a consumer needs of its inbox. @internal */
export interface BullMqQueue {
  readonly queue: Queue;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly lockDuration: number;
  readonly stalledInterval: number;
}

/** An error whose message is the code only: BullMQ stores the message as the job's `failedReason`. */
function failure(code: string, dead: boolean): Error {
  const error = dead ? new UnrecoverableError(code) : new Error(code);
  // The jobs are queued with `stackTraceLimit: 0` (no stack is stored); this is in case one was not.
  error.stack = code;
  return error;
}

/**
 * A consumer of one BullMQ queue: a BullMQ `Worker` on the queue's name, prefix and connection, with
 * `concurrency` jobs at once. A success completes the job; a failure is thrown as an error whose
 * message is its code: retried with the inbox's backoff while attempts are left, and an
 * `UnrecoverableError` (dead at once) for `retry: false` or the last attempt. A job whose lock ran
 * out (its worker died) comes back through BullMQ's stalled check as the next attempt, counted by
 * BullMQ's `attemptsStarted`; one that stalled on its last attempt is dead as `HANDLER_TIMEOUT`.
 *
 * @internal
 */
export function consumeBullMqQueue(
  { queue, maxAttempts, backoffMs, lockDuration, stalledInterval }: BullMqQueue,
  process: (job: PoaInboxJob) => Promise<PoaJobOutcome>,
  options: PoaInboxConsumeOptions,
): PoaInboxConsumer {
  if (typeof process !== 'function') throw new TypeError('p100-webhooks/inbox/bullmq: `process` must be a function.');
  if (typeof options !== 'object' || options === null) throw new TypeError('p100-webhooks/inbox/bullmq: consume options must be an object.');
  const { concurrency, onError } = options;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) throw new TypeError('p100-webhooks/inbox/bullmq: `concurrency` must be a whole number from 1.');
  if (typeof onError !== 'function') throw new TypeError('p100-webhooks/inbox/bullmq: `onError` must be a function.');

  const report = (error: unknown): void => {
    try {
      onError(error);
    } catch {
      // onError's own failure changes nothing.
    }
  };

  const run = async (job: Job): Promise<void> => {
    // BullMQ counts every start, a stalled one too: a killed worker's attempt is an attempt.
    const attempt = Math.max(job.attemptsStarted, job.attemptsMade + 1);
    if (attempt > maxAttempts) throw failure('HANDLER_TIMEOUT', true);
    const handed: PoaInboxJob = { id: String(job.id), data: job.data, attempt, maxAttempts };
    const outcome = await runJobProcess(process, handed, report, 'p100-webhooks/inbox/bullmq');
    if (outcome.ok) return;
    throw failure(outcome.code, !outcome.retry || attempt >= maxAttempts);
  };

  const worker = new Worker(queue.name, run, {
    connection: queue.opts.connection,
    ...(queue.opts.prefix === undefined ? {} : { prefix: queue.opts.prefix }),
    concurrency,
    lockDuration,
    stalledInterval,
    // Each stall is an attempt (see `run`): BullMQ must not fail the job on its own before.
    maxStalledCount: maxAttempts,
    settings: { backoffStrategy: (attemptsMade: number) => p100Backoff(attemptsMade, backoffMs) },
  });
  worker.on('error', (cause) => report(inboxUnavailable(`take or record jobs of the queue ${JSON.stringify(queue.name)}`, cause)));

  let closing: Promise<void> | undefined;
  return {
    close() {
      // BullMQ's close waits for the jobs in flight and for their outcome to be written.
      closing ??= worker.close();
      return closing;
    },
  };
}
