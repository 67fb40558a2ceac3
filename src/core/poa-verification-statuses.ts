/**
 * Every status a POA Verification Status webhook can carry, in lifecycle order.
 *
 * @example
 * ```ts
 * import { POA_VERIFICATION_STATUSES } from 'p100-webhooks';
 *
 * for (const status of POA_VERIFICATION_STATUSES) console.log(status);
 * ```
 */
export const POA_VERIFICATION_STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'] as const;

/**
 * One Proof of Address verification status: `'WAITING' | 'APPROVED' | 'REJECTED' | 'QUESTIONED'`.
 *
 * @example
 * ```ts
 * import type { PoaVerificationStatus } from 'p100-webhooks';
 *
 * const status: PoaVerificationStatus = 'APPROVED';
 * ```
 */
export type PoaVerificationStatus = (typeof POA_VERIFICATION_STATUSES)[number];
