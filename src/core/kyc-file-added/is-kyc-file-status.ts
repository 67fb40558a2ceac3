import type { KycFileStatus } from './kyc-file-statuses.ts';

/**
 * Tells whether a value is one of the two file statuses of a KYC File Added `status` (case-sensitive).
 *
 * @param value - Anything.
 * @returns `true` for `'ADDED'`, `'ERROR'`.
 * @example
 * ```ts
 * import { isKycFileStatus } from 'p100-webhooks';
 *
 * isKycFileStatus('ADDED'); // true
 * isKycFileStatus('added'); // false
 * ```
 */
export function isKycFileStatus(value: unknown): value is KycFileStatus {
  return value === 'ADDED' || value === 'ERROR';
}
