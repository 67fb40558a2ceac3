import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';

/**
 * One accepted delivery as the receiver queues it in inbox mode: the checked event and what the
 * worker needs to rebuild the handler's context. Plain JSON, so every engine stores it as is. The
 * `authorization`, `proxy-authorization` and `cookie` headers are never kept.
 *
 * @example
 * ```ts
 * import type { PoaInboxMessage } from 'p100-webhooks';
 *
 * const message: PoaInboxMessage = {
 *   v: 1,
 *   webhook: 'poaVerificationStatus',
 *   event: { externalUserId: 'user-1', status: 'APPROVED' },
 *   receivedAt: Date.now(),
 *   method: 'POST',
 *   url: '/webhook/poa-verification/status',
 *   headers: { 'content-type': 'application/json' },
 * };
 * ```
 */
export interface PoaInboxMessage {
  /** The layout's version; a worker refuses a layout it does not know. */
  readonly v: 1;
  /** The webhook the delivery came to. */
  readonly webhook: 'poaVerificationStatus';
  /** The checked event (only its typed fields). */
  readonly event: PoaVerificationEvent;
  /** When the receiver got the request, in milliseconds since the epoch. */
  readonly receivedAt: number;
  /** The request's method (always `POST` for an accepted delivery). */
  readonly method: string;
  /** The request target, or `null` when the adapter did not know it. */
  readonly url: string | null;
  /** The request's headers, names in lower case, without the secret-bearing ones. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What the receiver needs of an inbox (`createPgBossInbox` from `p100-webhooks/inbox/pg-boss` and
 * `createBullMqInbox` from `p100-webhooks/inbox/bullmq` make one): queue one delivery durably.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryInbox } from 'p100-webhooks';
 *
 * const queued: unknown[] = [];
 * const inbox: PoaDeliveryInbox = { enqueue: async (message) => void queued.push(message) };
 * ```
 */
export interface PoaDeliveryInbox {
  /**
   * Queues one delivery. Resolves only once the queue acknowledged a durable write; rejects (or
   * never settles) otherwise, and the receiver then answers 503 `INBOX_UNAVAILABLE`.
   *
   * @param message - The delivery to queue.
   */
  enqueue(message: PoaInboxMessage): Promise<unknown>;
}
