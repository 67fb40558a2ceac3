import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';

/**
 * When a status was last applied to a user: the time (ms since the epoch, the receiver's clock) and
 * its place in the user's own order.
 *
 * @example
 * ```ts
 * import type { PoaLedgerMark } from 'p100-webhooks/ledger';
 *
 * const mark: PoaLedgerMark = { at: Date.now(), seq: 3 };
 * ```
 */
export interface PoaLedgerMark {
  readonly at: number;
  readonly seq: number;
}

/**
 * Everything the ledger keeps about one user, as a store reads it back. Every applied status and
 * every recorded upload takes the next number of the user's own order (`seq`), so "since" is decided
 * by those numbers, never by comparing clock readings.
 *
 * @example
 * ```ts
 * import type { PoaLedgerRecord } from 'p100-webhooks/ledger';
 *
 * const record: PoaLedgerRecord = {
 *   seq: 2, status: 'WAITING', round: 1, appliedAt: 1_700_000_000_000, appliedSeq: 2,
 *   lastApplied: { WAITING: { at: 1_700_000_000_000, seq: 2 } }, uploadSeq: 1, uploadAt: 1_699_999_990_000,
 * };
 * ```
 */
export interface PoaLedgerRecord {
  /** The last number used in the user's order; 0 when nothing was recorded. */
  readonly seq: number;
  /** The status applied last; `undefined` while only uploads (or claims) were recorded. */
  readonly status: PoaVerificationStatus | undefined;
  /** The round of `status`: 1 for the first, one more for each new round; 0 while `status` is unset. */
  readonly round: number;
  /** When `status` was applied (ms since the epoch); 0 while unset. */
  readonly appliedAt: number;
  /** The order number of `status`'s application; 0 while unset. */
  readonly appliedSeq: number;
  /** For each status, its last application in any round; absent when never applied. */
  readonly lastApplied: { readonly [S in PoaVerificationStatus]?: PoaLedgerMark };
  /** The order number of the last recorded upload; 0 when none. */
  readonly uploadSeq: number;
  /** When the last upload was recorded (ms since the epoch); 0 when none. */
  readonly uploadAt: number;
}
