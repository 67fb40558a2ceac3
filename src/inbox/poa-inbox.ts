import type { PoaDeliveryInbox, PoaInboxMessage } from '../core/poa-delivery-inbox.ts';
import type { PoaWebhookErrorCode } from '../core/poa-webhook-error.ts';

/**
 * Where a queued delivery stands: `waiting` (queued, or due again after a failure), `active` (a
 * worker holds it), `done` (processed), or `dead` (failed every attempt, or could not be processed
 * at all: kept for `replay`).
 *
 * @example
 * ```ts
 * import type { PoaInboxState } from 'p100-webhooks/inbox';
 *
 * const state: PoaInboxState = 'dead';
 * ```
 */
export type PoaInboxState = 'waiting' | 'active' | 'done' | 'dead';

/**
 * One queued delivery as `list` shows it. The message is what was queued; the last failure is kept
 * as its code only (never an error's text, which may hold a customer's data).
 *
 * @example
 * ```ts
 * import type { PoaInboxEntry } from 'p100-webhooks/inbox';
 *
 * const line = (entry: PoaInboxEntry) => `${entry.id} ${entry.state} ${entry.attempts} ${entry.lastErrorCode ?? '-'}`;
 * ```
 */
export interface PoaInboxEntry {
  /** The engine's job id. */
  readonly id: string;
  readonly state: PoaInboxState;
  /** The queued message; `undefined` when what is stored is not one (a job written by someone else). */
  readonly message: PoaInboxMessage | undefined;
  /** How many times a worker started it. */
  readonly attempts: number;
  /** The code of its last failure, if it failed. */
  readonly lastErrorCode: string | undefined;
  /** When it was queued, in milliseconds since the epoch. */
  readonly enqueuedAt: number;
}

/**
 * One job handed to a worker: its id, the data as stored (the worker checks that it is a
 * {@link PoaInboxMessage}), and which attempt this is.
 *
 * @example
 * ```ts
 * import type { PoaInboxJob } from 'p100-webhooks/inbox';
 *
 * const describe = (job: PoaInboxJob) => `${job.id}: attempt ${job.attempt} of ${job.maxAttempts}`;
 * ```
 */
export interface PoaInboxJob {
  readonly id: string;
  readonly data: unknown;
  /** This attempt, from 1. */
  readonly attempt: number;
  /** The attempts the engine allows before the job is dead. */
  readonly maxAttempts: number;
}

/**
 * How a worker ended one job: done, or failed with a code. A failure with `retry: true` is tried
 * again after the engine's backoff while attempts are left, then is dead; `retry: false` (a job
 * that can never succeed, such as one that is not a message) is dead at once.
 *
 * @example
 * ```ts
 * import type { PoaJobOutcome } from 'p100-webhooks/inbox';
 *
 * const outcome: PoaJobOutcome = { ok: false, code: 'HANDLER_FAILED', retry: true };
 * ```
 */
export type PoaJobOutcome = { readonly ok: true } | { readonly ok: false; readonly code: PoaWebhookErrorCode; readonly retry: boolean };

/**
 * How a worker consumes an inbox: how many jobs at once in this process, and where the engine's own
 * failures (a lost connection while polling) are reported.
 *
 * @example
 * ```ts
 * import type { PoaInboxConsumeOptions } from 'p100-webhooks/inbox';
 *
 * const options: PoaInboxConsumeOptions = { concurrency: 4, onError: (error) => console.error(error) };
 * ```
 */
export interface PoaInboxConsumeOptions {
  /** Jobs processed at once by this consumer; at least 1. */
  readonly concurrency: number;
  /** The engine's own failures; the consumer keeps going. */
  readonly onError: (error: unknown) => void;
}

/**
 * A running consumer of an inbox.
 *
 * @example
 * ```ts
 * import type { PoaInboxConsumer } from 'p100-webhooks/inbox';
 *
 * async function shutDown(consumer: PoaInboxConsumer) {
 *   await consumer.close();
 * }
 * ```
 */
export interface PoaInboxConsumer {
  /**
   * Stops taking jobs and resolves once every job in flight has ended and its outcome was recorded
   * by the engine. A process that dies instead hands its jobs back through the engine's own recovery
   * (BullMQ's stalled jobs, pg-boss's expiry), as a failed attempt.
   */
  close(): Promise<void>;
}

/**
 * A durable inbox on a queue engine: what the receiver queues into (`enqueue`), what
 * `startPoaWorker` consumes (`consume`), and what the CLI lists, replays and purges.
 * `createPgBossInbox` (`p100-webhooks/inbox/pg-boss`) and `createBullMqInbox`
 * (`p100-webhooks/inbox/bullmq`) make one.
 *
 * @example
 * ```ts
 * import { createMemoryInbox, type PoaInbox } from 'p100-webhooks/inbox';
 *
 * const inbox: PoaInbox = createMemoryInbox();
 * console.log((await inbox.list({ states: ['dead'] })).length);
 * ```
 */
export interface PoaInbox extends PoaDeliveryInbox {
  /** The engine's name, for logs: `'pg-boss'`, `'bullmq'`, `'memory'`. */
  readonly engine: string;
  /** Queues one delivery; resolves with its job id once the engine acknowledged a durable write. */
  enqueue(message: PoaInboxMessage): Promise<string>;
  /** Starts handing jobs to `process`, one call per job, at most `concurrency` at once. */
  consume(process: (job: PoaInboxJob) => Promise<PoaJobOutcome>, options: PoaInboxConsumeOptions): PoaInboxConsumer;
  /** The queued deliveries in the given states (default: all), oldest first, at most `limit` (default 100). */
  list(options?: { readonly states?: readonly PoaInboxState[]; readonly limit?: number }): Promise<readonly PoaInboxEntry[]>;
  /** Puts one dead delivery back in the queue with its attempts renewed; `false` when no dead delivery has this id. */
  replay(id: string): Promise<boolean>;
  /** Puts every dead delivery back in the queue; resolves with how many. */
  replayDead(): Promise<number>;
  /** Deletes every dead delivery; resolves with how many. */
  purgeDead(): Promise<number>;
}

/**
 * The retry policy every engine takes at creation: attempts before a delivery is dead, and the
 * exponential backoff between them (`backoffMs`, then twice that, and so on).
 *
 * @example
 * ```ts
 * import type { PoaInboxRetryOptions } from 'p100-webhooks/inbox';
 *
 * const retry: PoaInboxRetryOptions = { maxAttempts: 10, backoffMs: 1_000 };
 * ```
 */
export interface PoaInboxRetryOptions {
  /** Attempts before a delivery is dead. @default 10 */
  readonly maxAttempts?: number;
  /** The first retry's delay; each next one doubles. @default 1000 */
  readonly backoffMs?: number;
}
