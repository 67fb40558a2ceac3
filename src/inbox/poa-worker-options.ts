import type { PoaDeliveryLedger, PoaDeliveryRecord } from '../core/poa-delivery-ledger.ts';
import type { PoaVerificationEventOf } from '../core/poa-verification-event-of.ts';
import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';
import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import type { PoaWebhookError } from '../core/poa-webhook-error.ts';
import type { PoaWebhookContext } from '../core/poa-webhook-options.ts';
import type { PoaInbox } from './poa-inbox.ts';

/**
 * What a worker's handler learns about the delivery: the receiver's context, rebuilt from the
 * queued message (when it arrived, its method, URL and headers; never the `Authorization` header),
 * plus the job and its attempt. A handler written for the receiver's `PoaWebhookContext` works as is.
 *
 * @example
 * ```ts
 * import type { PoaWorkerContext } from 'p100-webhooks/inbox';
 *
 * const log = (context: PoaWorkerContext) => console.log(context.jobId, `attempt ${context.attempt}/${context.maxAttempts}`, context.receivedAt.toISOString());
 * ```
 */
export interface PoaWorkerContext extends PoaWebhookContext {
  /** The engine's job id (what `p100-webhooks inbox replay --id` takes). */
  readonly jobId: string;
  /** This attempt, from 1. */
  readonly attempt: number;
  /** The attempts allowed before the delivery is dead. */
  readonly maxAttempts: number;
}

/**
 * The worker's per-status handler map: every status, each with its narrowed event. A receiver's
 * `PoaEventHandlers` object is one.
 *
 * @example
 * ```ts
 * import type { PoaWorkerHandlers } from 'p100-webhooks/inbox';
 *
 * const on: PoaWorkerHandlers = {
 *   WAITING: () => {},
 *   APPROVED: async (event, context) => console.log('verified', event.externalUserId, context.attempt),
 *   REJECTED: () => {},
 *   QUESTIONED: () => {},
 * };
 * ```
 */
export type PoaWorkerHandlers = {
  readonly [S in PoaVerificationStatus]: (event: PoaVerificationEventOf<S>, context: PoaWorkerContext) => unknown;
};

/**
 * The options of {@link startPoaWorker} shared by both handler styles.
 *
 * @example
 * ```ts
 * import type { PoaWorkerBaseOptions } from 'p100-webhooks/inbox';
 * import { createMemoryInbox } from 'p100-webhooks/inbox';
 *
 * const base: PoaWorkerBaseOptions = { inbox: createMemoryInbox(), concurrency: 8 };
 * ```
 */
export interface PoaWorkerBaseOptions {
  /** The inbox the receivers queue into. */
  readonly inbox: PoaInbox;
  /**
   * The delivery ledger (`createPoaLedger` from `p100-webhooks/ledger`), strongly advised: the inbox
   * keeps arrival order, not event order, and a P100 retry is queued again. With it, a handler runs
   * only for a delivery decided `applied`; its claim also keeps one user to one delivery at a time
   * across every worker process.
   */
  readonly ledger?: PoaDeliveryLedger;
  /** Called once per delivery the ledger decided, with its record. If it throws, nothing changes. */
  readonly onDecision?: (record: PoaDeliveryRecord, context: PoaWorkerContext) => void;
  /**
   * Called for a queued delivery whose status this version does not know; without it such a
   * delivery is dead at once (code `UNKNOWN_STATUS`), to be replayed after an upgrade.
   */
  readonly onUnknownStatus?: (payload: { readonly externalUserId: string; readonly status: string }, context: PoaWorkerContext) => unknown;
  /**
   * Called for every failed attempt (the handler threw or timed out, the ledger failed, the message
   * was unreadable), with the error and its `cause`: this process's own log. The inbox keeps only the
   * code. If it throws, nothing changes.
   */
  readonly onError?: (error: PoaWebhookError, context: PoaWorkerContext | undefined) => void;
  /** Deliveries processed at once by this process (different users; one user's run one at a time). @default 4 */
  readonly concurrency?: number;
  /** How long a handler may run before the attempt fails with `HANDLER_TIMEOUT` (retried later). `Infinity` disables it. @default 25000 */
  readonly handlerTimeoutMs?: number;
  /**
   * The signals that stop the worker gracefully (stop taking jobs, finish those in flight, then let
   * the signal take its default course). `[]` to handle signals yourself with {@link PoaWorker.stop}.
   * @default ['SIGTERM', 'SIGINT'] where `process` exists
   */
  readonly signals?: readonly string[];
}

/**
 * Options of {@link startPoaWorker}: the base options plus exactly one of `on` (one handler per
 * status, checked for exhaustiveness) or `onEvent` (one handler for all).
 *
 * @example
 * ```ts
 * import { createMemoryInbox, type PoaWorkerOptions } from 'p100-webhooks/inbox';
 *
 * const options: PoaWorkerOptions = { inbox: createMemoryInbox(), onEvent: (event) => console.log(event.status) };
 * ```
 */
export type PoaWorkerOptions = PoaWorkerBaseOptions &
  (
    | { readonly on: PoaWorkerHandlers; readonly onEvent?: undefined }
    | { readonly on?: undefined; readonly onEvent: (event: PoaVerificationEvent, context: PoaWorkerContext) => unknown }
  );

/**
 * A running worker.
 *
 * @example
 * ```ts
 * import { createMemoryInbox, type PoaWorker, startPoaWorker } from 'p100-webhooks/inbox';
 *
 * const worker: PoaWorker = startPoaWorker({ inbox: createMemoryInbox(), onEvent: () => {}, signals: [] });
 * await worker.stop();
 * ```
 */
export interface PoaWorker {
  /**
   * Stops taking jobs and resolves once every delivery in flight has ended and its outcome is in the
   * inbox. Idempotent.
   */
  stop(): Promise<void>;
}
