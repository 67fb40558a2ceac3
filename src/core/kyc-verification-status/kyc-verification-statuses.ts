/**
 * Every verificationStatus value a KYC Verification Status webhook can carry, as P100's docs list them.
 *
 * @example
 * ```ts
 * import { KYC_VERIFICATION_STATUSES } from 'p100-webhooks';
 *
 * for (const status of KYC_VERIFICATION_STATUSES) console.log(status);
 * ```
 */
export const KYC_VERIFICATION_STATUSES = ['NOT_VERIFIED', 'VERIFIED', 'EXPIRED'] as const;

/**
 * One KYC Verification Status `verificationStatus`: `'NOT_VERIFIED' | 'VERIFIED' | 'EXPIRED'`.
 *
 * @example
 * ```ts
 * import type { KycVerificationStatus } from 'p100-webhooks';
 *
 * const status: KycVerificationStatus = 'EXPIRED';
 * ```
 */
export type KycVerificationStatus = (typeof KYC_VERIFICATION_STATUSES)[number];
