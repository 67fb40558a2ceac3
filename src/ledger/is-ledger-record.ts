import { isPoaVerificationStatus } from '../core/is-poa-verification-status.ts';
import { POA_VERIFICATION_STATUSES } from '../core/poa-verification-statuses.ts';
import type { PoaLedgerRecord } from './poa-ledger-record.ts';

const count = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Whether a store's answer is a record the decision can trust: order numbers and times that are
 * non-negative integers, a known status or none, marks that fit. A store written for this package
 * reads its rows strictly already; this keeps a third-party store's garbage from becoming a decision.
 *
 * @internal
 */
export function isLedgerRecord(value: unknown): value is PoaLedgerRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const { status, lastApplied } = r;
  if (!['seq', 'round', 'appliedAt', 'appliedSeq', 'uploadSeq', 'uploadAt'].every((key) => count(r[key]))) return false;
  if (status !== undefined && !isPoaVerificationStatus(status)) return false;
  if (typeof lastApplied !== 'object' || lastApplied === null) return false;
  return POA_VERIFICATION_STATUSES.every((s) => {
    const mark = (lastApplied as Record<string, unknown>)[s];
    return mark === undefined || (typeof mark === 'object' && mark !== null && count((mark as Record<string, unknown>)['at']) && count((mark as Record<string, unknown>)['seq']));
  });
}
