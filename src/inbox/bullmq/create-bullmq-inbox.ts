import type { Job, JobType, Queue } from 'bullmq';
import type { PoaInbox, PoaInboxEntry, PoaInboxState } from '../poa-inbox.ts';
import { readInboxMessage } from '../read-inbox-message.ts';
import { BACKOFF_TYPE } from './bullmq-backoff.ts';
import { failureCodeOf } from './bullmq-failure-code.ts';
import { inboxUnavailable } from './bullmq-inbox-error.ts';
import { type BullMqInboxOptions, resolveBullMqInboxOptions } from './bullmq-inbox-options.ts';
import { consumeBullMqQueue } from './consume-bullmq-queue.ts';

const STATES: readonly PoaInboxState[] = ['waiting', 'active', 'done', 'dead'];
/** BullMQ's job states for each of the inbox's. */
const TYPES: Readonly<Record<PoaInboxState, readonly JobType[]>> = {
  waiting: ['waiting', 'delayed', 'prioritized', 'paused', 'waiting-children'],
  active: ['active'],
  done: ['completed'],
  dead: ['failed'],
};
const STATE_OF: Readonly<Record<string, PoaInboxState>> = Object.fromEntries(
  Object.entries(TYPES).flatMap(([state, types]) => types.map((type) => [type, state as PoaInboxState])),
);
/** The name of every job the inbox queues. */
const JOB_NAME = 'poa-delivery';
/** How many dead jobs `replayDead` and `purgeDead` handle per round trip. */
const PAGE = 500;

const isQueue = (queue: unknown): queue is Queue =>
  typeof queue === 'object' &&
  queue !== null &&
  typeof (queue as { name?: unknown }).name === 'string' &&
  typeof (queue as { opts?: unknown }).opts === 'object' &&
  ['add', 'getJobs', 'getJob', 'clean'].every((name) => typeof (queue as unknown as Record<string, unknown>)[name] === 'function');

const byAge = (a: Job, b: Job): number => a.timestamp - b.timestamp || Number(a.id) - Number(b.id) || String(a.id).localeCompare(String(b.id));

function entryOf(job: Job, state: PoaInboxState): PoaInboxEntry {
  const read = readInboxMessage(job.data);
  return {
    id: String(job.id),
    state,
    message: read.ok ? read.message : undefined,
    // The start that found no attempt left (a last attempt that stalled) ran no handler: not counted.
    attempts: Math.min(Math.max(job.attemptsStarted, job.attemptsMade), job.opts.attempts ?? Number.POSITIVE_INFINITY),
    // A done job's earlier failures are over (as the other engines do).
    lastErrorCode: state === 'done' ? undefined : failureCodeOf(job.failedReason),
    enqueuedAt: job.timestamp,
  };
}

/**
 * A durable inbox on [BullMQ](https://docs.bullmq.io) 5 (Redis): `enqueue` resolves once Redis
 * acknowledged the job's write (durable as far as Redis's persistence makes it: run it with
 * `appendonly yes`), workers on any number of processes share the queue (each job to one of them),
 * failures are retried with exponential backoff, and a delivery that keeps failing stays in the queue
 * as dead (BullMQ's `failed`) for `list`, `replay` and `purgeDead`. A worker that dies mid-job loses
 * nothing: once its lock ran out (`lockDuration`), another worker's stalled check hands the job back
 * as a failed attempt.
 *
 * Give it your BullMQ `Queue` (you own its connection; close it after the worker). `consume` opens a
 * BullMQ `Worker` on the same queue name, prefix and connection. See docs/inbox-bullmq.md.
 *
 * @param queue - A BullMQ `Queue` (bullmq 5); Redis must run with `maxmemory-policy noeviction`.
 * @param options - The retry policy, `lockDuration`, `stalledInterval` and `removeOnComplete`.
 * @returns The inbox, for an adapter's `inbox` option and for `startPoaWorker`.
 * @throws TypeError when `queue` is not a BullMQ `Queue` or an option is invalid. Its operations
 *   reject with a `PoaWebhookError` `INBOX_UNAVAILABLE` (the cause says why) when Redis fails.
 * @example
 * ```ts
 * import { Queue } from 'bullmq';
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { startPoaWorker } from 'p100-webhooks/inbox';
 * import { createBullMqInbox } from 'p100-webhooks/inbox/bullmq';
 *
 * const queue = new Queue('p100-poa-verification', { connection: { host: '127.0.0.1', port: 6379 } });
 * const inbox = createBullMqInbox(queue, { maxAttempts: 10, backoffMs: 1_000 });
 *
 * export default { fetch: createFetchHandler({ secret: () => process.env.P100_WEBHOOK_SECRET, inbox }) };
 * startPoaWorker({ inbox, onEvent: async (event) => console.log(event.externalUserId, event.status) });
 * ```
 */
export function createBullMqInbox(queue: Queue, options: BullMqInboxOptions = {}): PoaInbox {
  if (!isQueue(queue)) throw new TypeError('p100-webhooks/inbox/bullmq: `queue` must be a BullMQ Queue (bullmq 5).');
  const { maxAttempts, backoffMs, lockDuration, stalledInterval, removeOnComplete } = resolveBullMqInboxOptions(options);
  const jobOptions = {
    attempts: maxAttempts,
    backoff: { type: BACKOFF_TYPE, delay: backoffMs },
    removeOnComplete,
    removeOnFail: false,
    // No stack is stored: a failure is its code only.
    stackTraceLimit: 0,
  };

  const guarded = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw inboxUnavailable(what, cause);
    }
  };

  const revive = async (job: Job): Promise<boolean> => {
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    } catch (error) {
      // Someone else replayed or purged it meanwhile: no longer a dead job.
      if ((await job.getState()) !== 'failed') return false;
      throw error;
    }
  };

  /** Every dead job, a page at a time, each handed to `each`; how many `each` counted. */
  const eachDead = async (each: (job: Job) => Promise<boolean>): Promise<number> => {
    let count = 0;
    let skipped = 0;
    for (;;) {
      const jobs = (await queue.getJobs(['failed'], skipped, skipped + PAGE - 1, true)).filter((job): job is Job => job !== undefined);
      if (jobs.length === 0) return count;
      for (const job of jobs) {
        if (await each(job)) count++;
        else skipped++;
      }
    }
  };

  return {
    engine: 'bullmq',
    async enqueue(message) {
      const job = await guarded('queue the delivery', () => queue.add(JOB_NAME, message, jobOptions));
      if (job.id === undefined) throw inboxUnavailable('queue the delivery', new Error('BullMQ answered no job id.'));
      return String(job.id);
    },
    consume(process, consumeOptions) {
      return consumeBullMqQueue({ queue, maxAttempts, backoffMs, lockDuration, stalledInterval }, process, consumeOptions);
    },
    async list({ states = STATES, limit = 100 } = {}) {
      if (!(Array.isArray(states) && states.every((state) => STATES.includes(state)))) {
        throw new TypeError(`p100-webhooks/inbox/bullmq: \`states\` must be a list of ${STATES.join(', ')}.`);
      }
      if (!(Number.isSafeInteger(limit) && limit >= 0)) throw new TypeError('p100-webhooks/inbox/bullmq: `limit` must be a whole number from 0.');
      if (limit === 0 || states.length === 0) return [];
      return guarded('list the queue', async () => {
        const seen = new Map<string, { job: Job; state: PoaInboxState }>();
        for (const state of new Set<PoaInboxState>(states)) {
          for (const type of TYPES[state]) {
            // The oldest `limit` of each BullMQ state; merged and cut to `limit` below.
            for (const job of await queue.getJobs([type], 0, limit - 1, true)) {
              if (job !== undefined && job.id !== undefined && !seen.has(job.id)) seen.set(job.id, { job, state: STATE_OF[type] as PoaInboxState });
            }
          }
        }
        return [...seen.values()]
          .sort((a, b) => byAge(a.job, b.job))
          .slice(0, limit)
          .map(({ job, state }) => entryOf(job, state));
      });
    },
    async replay(id) {
      if (typeof id !== 'string' || id === '') return false;
      return guarded(`replay the job ${id}`, async () => {
        const job = await queue.getJob(id);
        if (job === undefined || job.name !== JOB_NAME || (await job.getState()) !== 'failed') return false;
        return revive(job);
      });
    },
    replayDead: () => guarded('replay the dead jobs', () => eachDead(revive)),
    purgeDead: () =>
      guarded('purge the dead jobs', async () => {
        let count = 0;
        for (;;) {
          const removed = await queue.clean(0, PAGE, 'failed');
          count += removed.length;
          if (removed.length < PAGE) return count;
        }
      }),
  };
}
