import type { KycAttemptStatus } from './kyc-attempt-statuses.ts';

/**
 * Tells whether a value is one of the four KYC `attemptStatus` values (case-sensitive).
 *
 * @param value - Anything.
 * @returns `true` for `'PENDING'`, `'VERIFICATION'`, `'REJECTED_BY_PROVIDER'` or `'SUCCESSFUL'`.
 * @example
 * ```ts
 * import { isKycAttemptStatus } from 'p100-webhooks';
 *
 * isKycAttemptStatus('SUCCESSFUL'); // true
 * isKycAttemptStatus('successful'); // false
 * ```
 */
export function isKycAttemptStatus(value: unknown): value is KycAttemptStatus {
  return value === 'PENDING' || value === 'VERIFICATION' || value === 'REJECTED_BY_PROVIDER' || value === 'SUCCESSFUL';
}
