import type PgBoss from 'pg-boss';
import type { PoaInboxConsumeOptions, PoaInboxConsumer, PoaInboxJob, PoaJobOutcome } from '../poa-inbox.ts';
import { inboxUnavailable, queryRows, watchedDb } from './pg-boss-db.ts';
import type { PgBossInboxSql } from './pg-boss-inbox-sql.ts';
import { runJobProcess } from '../run-job-process.ts';

/** What a consumer needs of its inbox. @internal */
export interface PgBossQueue {
  readonly boss: PgBoss;
  readonly queue: string;
  readonly backoffMs: number;
  readonly pollingIntervalMs: number;
  readonly sql: PgBossInboxSql;
  /** Creates the queue once (and again after a failure). */
  readonly ready: () => Promise<void>;
  /** Wakers of this inbox's consumers: an enqueue in this process wakes them at once. */
  readonly wakers: Set<() => void>;
}

/** The longest retry delay: a job due later than pg-boss's retention of waiting jobs (14 days) would be archived unrun. */
export const MAX_RETRY_DELAY_MS = 86_400_000;

/**
 * A consumer of one pg-boss queue: its own loop over `boss.fetch` (one job at a time, while a slot
 * is free), `boss.complete` for a success, and one conditional statement for a failure (the backoff
 * in milliseconds, or dead at once), each guarded by the attempt so that a stale attempt (one that
 * pg-boss's expiry handed to someone else) changes nothing.
 *
 * @internal
 */
export function consumePgBossQueue(
  { boss, queue, backoffMs, pollingIntervalMs, sql, ready, wakers }: PgBossQueue,
  process: (job: PoaInboxJob) => Promise<PoaJobOutcome>,
  options: PoaInboxConsumeOptions,
): PoaInboxConsumer {
  if (typeof process !== 'function') throw new TypeError('p100-webhooks/inbox/pg-boss: `process` must be a function.');
  if (typeof options !== 'object' || options === null) throw new TypeError('p100-webhooks/inbox/pg-boss: consume options must be an object.');
  const { concurrency, onError } = options;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) throw new TypeError('p100-webhooks/inbox/pg-boss: `concurrency` must be a whole number from 1.');
  if (typeof onError !== 'function') throw new TypeError('p100-webhooks/inbox/pg-boss: `onError` must be a function.');

  let closed = false;
  let woken = false;
  let nap: { readonly timer: ReturnType<typeof setTimeout>; readonly resolve: () => void } | undefined;
  const running = new Set<Promise<void>>();
  const retryTimers = new Set<ReturnType<typeof setTimeout>>();

  const report = (error: unknown): void => {
    try {
      onError(error);
    } catch {
      // onError's own failure changes nothing.
    }
  };
  const wake = (): void => {
    if (nap === undefined) {
      woken = true;
      return;
    }
    const { timer, resolve } = nap;
    nap = undefined;
    clearTimeout(timer);
    resolve();
  };
  const sleep = (ms: number): Promise<void> => {
    if (woken || closed) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      nap = {
        timer: setTimeout(() => {
          nap = undefined;
          resolve();
        }, ms),
        resolve,
      };
    });
  };
  /** A retry due sooner than the next poll wakes this consumer when it is due. */
  const wakeAfter = (ms: number): void => {
    if (ms >= pollingIntervalMs || closed) return;
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      wake();
    }, ms + 5);
    retryTimers.add(timer);
  };

  const record = async (job: PgBoss.JobWithMetadata<unknown>, attempt: number, outcome: PoaJobOutcome): Promise<void> => {
    const watched = watchedDb(boss);
    if (outcome.ok) {
      // `{}` as the output: pg-boss reads a third argument as the output, the options come fourth.
      await boss.complete(queue, job.id, {}, { db: watched.db });
      watched.check();
      return;
    }
    const delayMs = Math.min(backoffMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
    const rows = await queryRows(boss, sql.fail, [queue, job.id, job.retryCount, outcome.retry, delayMs, JSON.stringify({ code: outcome.code })]);
    if (rows[0]?.['state'] === 'retry') wakeAfter(delayMs);
  };

  const run = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const attempt = job.retryCount + 1;
    const handed: PoaInboxJob = { id: job.id, data: job.data, attempt, maxAttempts: job.retryLimit + 1 };
    const outcome = await runJobProcess(process, handed, report, 'p100-webhooks/inbox/pg-boss');
    try {
      await record(job, attempt, outcome);
    } catch (cause) {
      // The job stays active; pg-boss's expiry hands it back as a failed attempt.
      report(inboxUnavailable(`record the outcome of job ${job.id}`, cause));
    }
  };

  const start = (job: PgBoss.JobWithMetadata<unknown>): void => {
    const task = run(job).finally(() => {
      running.delete(task);
      wake();
    });
    running.add(task);
  };

  const take = async (batchSize: number): Promise<readonly PgBoss.JobWithMetadata<unknown>[]> => {
    await ready();
    const watched = watchedDb(boss);
    const jobs = await boss.fetch<unknown>(queue, { batchSize, includeMetadata: true, db: watched.db });
    if (jobs.length === 0) watched.check();
    return jobs;
  };

  const loop = (async () => {
    while (!closed) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await sleep(pollingIntervalMs);
        continue;
      }
      let jobs: readonly PgBoss.JobWithMetadata<unknown>[];
      try {
        // One job per fetch: a batch comes back in the order of pg-boss's UPDATE ... RETURNING,
        // which is not the queue's, and the worker relies on the queue's order (one user's
        // deliveries in arrival order). A fetch per free slot, then, and one per poll when idle.
        jobs = await take(1);
      } catch (cause) {
        report(inboxUnavailable(`take jobs from the queue ${JSON.stringify(queue)}`, cause));
        await sleep(pollingIntervalMs);
        continue;
      }
      // Jobs fetched before close() are already this consumer's: they run, and close() waits for them.
      for (const job of jobs) start(job);
      if (jobs.length === 0) await sleep(pollingIntervalMs);
    }
  })();

  wakers.add(wake);
  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        closed = true;
        wakers.delete(wake);
        for (const timer of retryTimers) clearTimeout(timer);
        retryTimers.clear();
        wake();
        await loop;
        while (running.size > 0) await Promise.all(running);
      })();
      return closing;
    },
  };
}
