import type { PoaInboxMessage } from '../core/poa-delivery-inbox.ts';
import type { PoaInbox, PoaInboxEntry, PoaInboxJob, PoaInboxRetryOptions, PoaInboxState, PoaJobOutcome } from './poa-inbox.ts';
import { runJobProcess } from './run-job-process.ts';
import { resolveRetry } from './resolve-retry.ts';

interface Job {
  readonly id: string;
  readonly data: unknown;
  readonly enqueuedAt: number;
  state: PoaInboxState;
  attempts: number;
  dueAt: number;
  lastErrorCode: string | undefined;
}

/**
 * An inbox in this process's memory, for tests, the demo and trying the worker out: **not
 * durable** (a restart loses what is queued) and not shared between processes. Production uses
 * `createPgBossInbox` or `createBullMqInbox`.
 *
 * @param options - The retry policy (attempts, backoff).
 * @returns An inbox whose jobs live as long as the process.
 * @example
 * ```ts
 * import { createMemoryInbox } from 'p100-webhooks/inbox';
 *
 * const inbox = createMemoryInbox({ maxAttempts: 3, backoffMs: 10 });
 * const id = await inbox.enqueue({
 *   v: 1, webhook: 'poaVerificationStatus', event: { externalUserId: 'u-1', status: 'APPROVED' },
 *   receivedAt: Date.now(), method: 'POST', url: null, headers: {},
 * });
 * console.log((await inbox.list())[0]?.id === id); // true
 * ```
 */
export function createMemoryInbox(options: PoaInboxRetryOptions = {}): PoaInbox {
  const { maxAttempts, backoffMs } = resolveRetry(options);
  const jobs: Job[] = [];
  const wakers = new Set<() => void>();
  let ids = 0;
  const wake = (): void => {
    for (const waker of wakers) waker();
  };
  const entry = (job: Job): PoaInboxEntry => ({
    id: job.id,
    state: job.state,
    message: job.data as PoaInboxMessage,
    attempts: job.attempts,
    lastErrorCode: job.lastErrorCode,
    enqueuedAt: job.enqueuedAt,
  });
  const revive = (job: Job): void => {
    Object.assign(job, { state: 'waiting', attempts: 0, dueAt: 0, lastErrorCode: undefined });
  };
  return {
    engine: 'memory',
    async enqueue(message) {
      const job: Job = { id: String(++ids), data: structuredClone(message), enqueuedAt: Date.now(), state: 'waiting', attempts: 0, dueAt: 0, lastErrorCode: undefined };
      jobs.push(job);
      wake();
      return job.id;
    },
    consume(process, { concurrency, onError }) {
      let closed = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const running = new Set<Promise<void>>();
      const end = (job: Job, outcome: PoaJobOutcome): void => {
        if (outcome.ok) job.state = 'done';
        else {
          job.lastErrorCode = outcome.code;
          if (outcome.retry && job.attempts < maxAttempts) {
            job.state = 'waiting';
            job.dueAt = Date.now() + backoffMs * 2 ** (job.attempts - 1);
          } else job.state = 'dead';
        }
      };
      const pump = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (closed) return;
        const now = Date.now();
        let next = Number.POSITIVE_INFINITY;
        for (const job of jobs) {
          if (running.size >= concurrency) return;
          if (job.state !== 'waiting') continue;
          if (job.dueAt > now) {
            next = Math.min(next, job.dueAt);
            continue;
          }
          job.state = 'active';
          job.attempts += 1;
          const handed: PoaInboxJob = { id: job.id, data: structuredClone(job.data), attempt: job.attempts, maxAttempts };
          const run = runJobProcess(process, handed, onError, 'p100-webhooks/inbox')
            .then((outcome) => end(job, outcome))
            .finally(() => {
              running.delete(run);
              pump();
            });
          running.add(run);
        }
        if (next !== Number.POSITIVE_INFINITY) timer = setTimeout(pump, next - now);
      };
      wakers.add(pump);
      queueMicrotask(pump);
      return {
        async close() {
          closed = true;
          wakers.delete(pump);
          if (timer !== undefined) clearTimeout(timer);
          await Promise.all(running);
        },
      };
    },
    async list({ states, limit = 100 } = {}) {
      return jobs.filter((job) => states === undefined || states.includes(job.state)).slice(0, limit).map(entry);
    },
    async replay(id) {
      const job = jobs.find((candidate) => candidate.id === id && candidate.state === 'dead');
      if (job === undefined) return false;
      revive(job);
      wake();
      return true;
    },
    async replayDead() {
      const dead = jobs.filter((job) => job.state === 'dead');
      dead.forEach(revive);
      wake();
      return dead.length;
    },
    async purgeDead() {
      let purged = 0;
      for (let i = jobs.length - 1; i >= 0; i--) {
        if ((jobs[i] as Job).state === 'dead') {
          jobs.splice(i, 1);
          purged++;
        }
      }
      return purged;
    },
  };
}
