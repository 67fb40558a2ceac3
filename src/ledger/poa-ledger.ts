import type { PoaDeliveryLedger } from '../core/poa-delivery-ledger.ts';
import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import type { PoaLedgerStore } from './poa-ledger-store.ts';

/**
 * Options of {@link createPoaLedger}.
 *
 * @example
 * ```ts
 * import { createMemoryLedgerStore, type PoaLedgerOptions } from 'p100-webhooks/ledger';
 *
 * const options: PoaLedgerOptions = { store: createMemoryLedgerStore(), retryHorizonMs: 600_000, leaseMs: 10_000 };
 * ```
 */
export interface PoaLedgerOptions {
  /** Where records and leases live: shared by every receiver that must agree. */
  readonly store: PoaLedgerStore;
  /** How long P100 may still be retrying a delivery: a status applied less than this ago is never applied again. @default 600000 */
  readonly retryHorizonMs?: number;
  /** A claim not renewed for this long is free again (it is renewed while the handler runs). @default 10000 */
  readonly leaseMs?: number;
  /** How long a delivery waits while another delivery for the same user runs, before 503 `DELIVERY_IN_PROGRESS`. @default 2000 */
  readonly waitMs?: number;
  /** The clock, in ms since the epoch (fractions are dropped); every receiver sharing a store should have an NTP-synced one. @default Date.now */
  readonly now?: () => number;
}

/**
 * What the ledger holds about a user: the status applied last, its round and when.
 *
 * @example
 * ```ts
 * import type { PoaLedgerState } from 'p100-webhooks/ledger';
 *
 * const state: PoaLedgerState = { status: 'APPROVED', round: 1, appliedAt: new Date() };
 * ```
 */
export interface PoaLedgerState {
  readonly status: PoaVerificationStatus;
  readonly round: number;
  readonly appliedAt: Date;
}

/**
 * A delivery ledger: pass it as the `ledger` option of any adapter (or of `handlePoaWebhook`), and
 * call {@link PoaLedger.recordUpload} where the partner uploads a document (Add POA File).
 *
 * @example
 * ```ts
 * import { createMemoryLedgerStore, createPoaLedger, type PoaLedger } from 'p100-webhooks/ledger';
 *
 * const ledger: PoaLedger = createPoaLedger({ store: createMemoryLedgerStore() });
 * await ledger.recordUpload('u-1');
 * console.log(await ledger.get('u-1')); // undefined: no status applied yet
 * ```
 */
export interface PoaLedger extends PoaDeliveryLedger {
  /**
   * Records the partner's own upload of a document for the user (its Add POA File call), which
   * opens a new round: the WAITING that follows is the new round's, not a retry.
   *
   * @throws TypeError (as a rejection) for a user id that is not a non-empty string of at most 256 characters.
   */
  recordUpload(externalUserId: string): Promise<void>;
  /** The user's state, or `undefined` when no status was applied yet. */
  get(externalUserId: string): Promise<PoaLedgerState | undefined>;
}
