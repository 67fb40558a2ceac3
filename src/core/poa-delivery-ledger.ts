import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaVerificationStatus } from './poa-verification-statuses.ts';
import type { PoaWebhookContext } from './poa-webhook-options.ts';

/**
 * What the delivery ledger decided for one accepted delivery: `applied` (the handler ran and the
 * change was recorded), `duplicate` (the current status again), `stale` (a late retry of a status
 * applied less than the retry horizon ago) or `anomaly` (a change after APPROVED that cannot be a
 * retry and has no upload behind it: acknowledged, not applied, reported).
 *
 * @example
 * ```ts
 * import type { PoaDecision } from 'p100-webhooks';
 *
 * const decision: PoaDecision = 'stale';
 * ```
 */
export type PoaDecision = 'applied' | 'duplicate' | 'stale' | 'anomaly';

/**
 * The record of one decided delivery, handed to `onDecision`: the receipt id minted for this
 * delivery (sortable by time), the user, the status delivered, the decision and its round.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryRecord } from 'p100-webhooks';
 *
 * const log = (record: PoaDeliveryRecord) => console.log(record.receiptId, record.externalUserId, record.status, record.decision, record.round);
 * ```
 */
export interface PoaDeliveryRecord {
  /** Minted for this delivery: 26 characters of Crockford base 32 that sort by time (the ULID layout). */
  readonly receiptId: string;
  /** The user the delivery is about. */
  readonly externalUserId: string;
  /** The status delivered. */
  readonly status: PoaVerificationStatus;
  /** What the ledger decided. */
  readonly decision: PoaDecision;
  /** The round of the status when `applied`; else the user's current round. */
  readonly round: number;
}

/**
 * How one delivery goes through a ledger: the delivery's context (handed to the store, and to the
 * handler), who hears the decision, and optionally the receipt id to use.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryOptions } from 'p100-webhooks';
 *
 * const options: PoaDeliveryOptions = {
 *   context: { receivedAt: new Date(), method: 'POST', url: undefined, header: () => undefined },
 *   onDecision: (record) => console.log(record.decision),
 * };
 * ```
 */
export interface PoaDeliveryOptions {
  /** The delivery's context: handed to the store's claim (a transactional store keys its transaction by it) and to `onDecision`. */
  readonly context: PoaWebhookContext;
  /** Hears the decision once it is recorded. If it throws, nothing changes. */
  readonly onDecision?: ((record: PoaDeliveryRecord, context: PoaWebhookContext) => void) | undefined;
  /** The receipt id to use; one is minted when absent. */
  readonly receiptId?: string | undefined;
}

/**
 * The effect a ledger runs for an `applied` delivery: the handler, with the delivery's context.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryApply } from 'p100-webhooks';
 *
 * const apply: PoaDeliveryApply = (event, context) => console.log(event.status, context.receivedAt);
 * ```
 */
export type PoaDeliveryApply = (event: PoaVerificationEvent, context: PoaWebhookContext) => unknown;

/**
 * What the receiver needs of a ledger (`createPoaLedger` from `p100-webhooks/ledger` makes one):
 * decide one delivery and run `apply` only when it is `applied`. Resolves with the record once the
 * decision is recorded; rejects with a `PoaWebhookError` (`DELIVERY_IN_PROGRESS`,
 * `LEDGER_UNAVAILABLE`, `HANDLER_FAILED`) otherwise.
 *
 * @example
 * ```ts
 * import type { PoaDeliveryLedger } from 'p100-webhooks';
 * import { createMemoryLedgerStore, createPoaLedger } from 'p100-webhooks/ledger';
 *
 * const ledger: PoaDeliveryLedger = createPoaLedger({ store: createMemoryLedgerStore() });
 * ```
 */
export interface PoaDeliveryLedger {
  /**
   * Decides one delivery and runs `apply` only when it is `applied`, recording the change after
   * `apply` succeeded.
   *
   * @param event - The checked event.
   * @param apply - The effect: the handler of the event, called with the event and `options.context` (its own failure records nothing).
   * @param options - The context, who hears the decision, and optionally the receipt id.
   * @returns The record of the decision.
   */
  deliver(event: PoaVerificationEvent, apply: PoaDeliveryApply, options: PoaDeliveryOptions): Promise<PoaDeliveryRecord>;
}
