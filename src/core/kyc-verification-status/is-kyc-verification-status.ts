import type { KycVerificationStatus } from './kyc-verification-statuses.ts';

/**
 * Tells whether a value is one of the three verification statuses of a KYC Verification Status `verificationStatus` (case-sensitive).
 *
 * @param value - Anything.
 * @returns `true` for `'NOT_VERIFIED'`, `'VERIFIED'`, `'EXPIRED'`.
 * @example
 * ```ts
 * import { isKycVerificationStatus } from 'p100-webhooks';
 *
 * isKycVerificationStatus('NOT_VERIFIED'); // true
 * isKycVerificationStatus('not_verified'); // false
 * ```
 */
export function isKycVerificationStatus(value: unknown): value is KycVerificationStatus {
  return value === 'NOT_VERIFIED' || value === 'VERIFIED' || value === 'EXPIRED';
}
