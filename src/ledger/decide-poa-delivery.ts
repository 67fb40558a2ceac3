import type { PoaDecision } from '../core/poa-delivery-ledger.ts';
import type { PoaVerificationStatus } from '../core/poa-verification-statuses.ts';
import type { PoaLedgerRecord } from './poa-ledger-record.ts';

/**
 * A decision and the round it belongs to: the new status's round when `applied`, else the user's
 * current round.
 *
 * @example
 * ```ts
 * import type { PoaDecisionResult } from 'p100-webhooks/ledger';
 *
 * const result: PoaDecisionResult = { decision: 'applied', round: 2 };
 * ```
 */
export interface PoaDecisionResult {
  readonly decision: PoaDecision;
  readonly round: number;
}

/**
 * The ledger's rules (DELIVERY-GUARANTEES.md, "The POA ledger's decision"), as a pure function of
 * the user's record, the delivered status, the time and the retry horizon. Applied in order:
 *
 * 1. no status yet: `applied` (round 1, or the round after the last one);
 * 2. the current status again, with no upload since it was applied: `duplicate`;
 * 3. a status applied less than `retryHorizonMs` ago, in any round: `stale` — except a WAITING with
 *    an upload recorded since that earlier WAITING, which is the new round's own and goes on;
 * 4. from WAITING: `applied` (in a new round when it is a WAITING after an upload);
 * 5. from REJECTED or QUESTIONED: with an upload since, `applied` in a new round; without, `stale`
 *    within the horizon of that status and `applied` in a new round after it;
 * 6. from APPROVED: with an upload since, `applied` in a new round; without, `stale` within the
 *    horizon and `anomaly` after it.
 *
 * @param record - The user's record before this delivery (`undefined`: nothing recorded yet).
 * @param status - The status delivered.
 * @param now - The time of the decision, in ms since the epoch.
 * @param retryHorizonMs - How long P100 may still be retrying a delivery.
 * @returns The decision and its round.
 * @example
 * ```ts
 * import { decidePoaDelivery } from 'p100-webhooks/ledger';
 *
 * const record = {
 *   seq: 2, status: 'REJECTED', round: 1, appliedAt: 86_000, appliedSeq: 2,
 *   lastApplied: { WAITING: { at: 0, seq: 1 }, REJECTED: { at: 86_000, seq: 2 } },
 *   uploadSeq: 0, uploadAt: 0,
 * } as const;
 * // P100's late retry of the first WAITING, 120 s after it was applied:
 * console.log(decidePoaDelivery(record, 'WAITING', 120_000, 600_000)); // { decision: 'stale', round: 1 }
 * ```
 */
export function decidePoaDelivery(
  record: PoaLedgerRecord | undefined,
  status: PoaVerificationStatus,
  now: number,
  retryHorizonMs: number,
): PoaDecisionResult {
  const current = record?.status;
  if (record === undefined || current === undefined) return { decision: 'applied', round: (record?.round ?? 0) + 1 };
  const { round } = record;
  const uploadSince = record.uploadSeq > record.appliedSeq;
  if (status === current && !uploadSince) return { decision: 'duplicate', round };
  const last = record.lastApplied[status];
  if (last !== undefined && now - last.at < retryHorizonMs && !(status === 'WAITING' && record.uploadSeq > last.seq)) {
    return { decision: 'stale', round };
  }
  if (current === 'WAITING') return { decision: 'applied', round: status === 'WAITING' ? round + 1 : round };
  if (uploadSince) return { decision: 'applied', round: round + 1 };
  if (now - record.appliedAt < retryHorizonMs) return { decision: 'stale', round };
  return current === 'APPROVED' ? { decision: 'anomaly', round } : { decision: 'applied', round: round + 1 };
}
