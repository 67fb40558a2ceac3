import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import type { PoaLedgerRecord } from './poa-ledger-record.ts';

/**
 * What a claim asks of a store: a lease on one user, identified by a token unique to the delivery.
 *
 * @example
 * ```ts
 * import type { PoaLedgerLease } from 'p100-webhooks/ledger';
 *
 * const lease: PoaLedgerLease = { token: 'r-01J…', now: Date.now(), leaseMs: 10_000, context: {} };
 * ```
 */
export interface PoaLedgerLease {
  /** Unique per delivery; only the holder of the token may renew, commit or release. */
  readonly token: string;
  /** The receiver's clock (ms since the epoch). A lease whose expiry is at or before `now` is free. */
  readonly now: number;
  /** How long the lease holds unless renewed. */
  readonly leaseMs: number;
  /**
   * The delivery's context object (the one the handler receives). A store that runs the handler
   * inside its transaction uses it to hand the transaction to the handler.
   */
  readonly context: object;
}

/**
 * The change an applied delivery commits: the status, its round and when it was applied.
 *
 * @example
 * ```ts
 * import type { PoaLedgerChange } from 'p100-webhooks/ledger';
 *
 * const change: PoaLedgerChange = { status: 'APPROVED', round: 1, at: Date.now() };
 * ```
 */
export interface PoaLedgerChange {
  readonly status: PoaVerificationStatus;
  readonly round: number;
  readonly at: number;
}

/**
 * A held lease on one user, with the user's record as it was when the lease was taken.
 *
 * Every method is one atomic operation on the store's server, and only acts while the lease is
 * still this claim's (same token, not taken over after expiry).
 *
 * @example
 * ```ts
 * import type { PoaLedgerClaim } from 'p100-webhooks/ledger';
 *
 * async function finish(claim: PoaLedgerClaim) {
 *   if (!(await claim.commit({ status: 'APPROVED', round: 1, at: Date.now() }))) console.warn('lease lost');
 * }
 * ```
 */
export interface PoaLedgerClaim {
  /** The user's record when the lease was taken; `undefined` when nothing was recorded for the user yet (`seq` 0). */
  readonly record: PoaLedgerRecord | undefined;
  /** Extends the lease to `now + leaseMs`. Resolves `false` when the lease is no longer this claim's. */
  renew(now: number, leaseMs: number): Promise<boolean>;
  /**
   * Records the change and releases the lease, in one operation: `seq + 1` becomes the change's
   * `appliedSeq` and its status's `lastApplied` mark. An upload recorded while the lease was held
   * (`uploadSeq` above the claimed record's `seq`) is ordered after the change, since the user may
   * have reacted to the handler's effect: it takes `seq + 2`, which is also the new `seq`; otherwise
   * `seq` becomes `seq + 1` and the upload fields are kept. Resolves `false`, writing nothing, when
   * the lease is no longer this claim's.
   */
  commit(change: PoaLedgerChange): Promise<boolean>;
  /** Releases the lease and writes nothing else. Releasing a lease that is no longer this claim's does nothing. */
  release(): Promise<void>;
}

/**
 * Where a ledger keeps its records and leases: one small interface, one atomic server-side operation
 * per step, so receivers on many machines can share one store without read-then-write races.
 * Implementations: `createMemoryLedgerStore` (one process), and the SQLite, PostgreSQL, Redis and
 * DynamoDB stores in their own subpaths.
 *
 * A store rejects (any error) when it cannot be reached or answers something it cannot read; the
 * ledger then answers 503 `LEDGER_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import { createMemoryLedgerStore, type PoaLedgerStore } from 'p100-webhooks/ledger';
 *
 * const store: PoaLedgerStore = createMemoryLedgerStore();
 * console.log(await store.get('u-1')); // undefined
 * ```
 */
export interface PoaLedgerStore {
  /**
   * Takes the user's lease if it is free (none, released, or expired at `lease.now`), creating the
   * user's entry if needed, and reads the user's record, in one operation. Resolves `undefined` when
   * another delivery holds the lease.
   */
  claim(externalUserId: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined>;
  /** Records an upload at `at`, in one operation: `seq` becomes `seq + 1`, which is also `uploadSeq`. Leaves the lease alone. */
  recordUpload(externalUserId: string, at: number): Promise<void>;
  /** The user's record, or `undefined` when nothing was recorded for the user yet (`seq` 0; a lease alone is no record). */
  get(externalUserId: string): Promise<PoaLedgerRecord | undefined>;
}
