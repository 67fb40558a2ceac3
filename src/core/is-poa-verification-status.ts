import type { PoaVerificationStatus } from './poa-verification-statuses.ts';

/**
 * Tells whether a value is one of the four statuses (case-sensitive).
 *
 * @param value - Anything.
 * @returns `true` for `'WAITING'`, `'APPROVED'`, `'REJECTED'` or `'QUESTIONED'`.
 * @example
 * ```ts
 * import { isPoaVerificationStatus } from 'p100-webhooks';
 *
 * isPoaVerificationStatus('APPROVED'); // true
 * isPoaVerificationStatus('approved'); // false
 * ```
 */
export function isPoaVerificationStatus(value: unknown): value is PoaVerificationStatus {
  return value === 'WAITING' || value === 'APPROVED' || value === 'REJECTED' || value === 'QUESTIONED';
}
