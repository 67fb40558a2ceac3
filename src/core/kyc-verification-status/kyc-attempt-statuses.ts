/**
 * Every `attemptStatus` a KYC Verification Status webhook can carry, as P100's docs list them: the
 * state of the user's latest verification attempt.
 *
 * @example
 * ```ts
 * import { KYC_ATTEMPT_STATUSES } from 'p100-webhooks';
 *
 * for (const status of KYC_ATTEMPT_STATUSES) console.log(status);
 * ```
 */
export const KYC_ATTEMPT_STATUSES = ['PENDING', 'VERIFICATION', 'REJECTED_BY_PROVIDER', 'SUCCESSFUL'] as const;

/**
 * One KYC `attemptStatus`: `'PENDING' | 'VERIFICATION' | 'REJECTED_BY_PROVIDER' | 'SUCCESSFUL'`.
 *
 * @example
 * ```ts
 * import type { KycAttemptStatus } from 'p100-webhooks';
 *
 * const status: KycAttemptStatus = 'REJECTED_BY_PROVIDER';
 * ```
 */
export type KycAttemptStatus = (typeof KYC_ATTEMPT_STATUSES)[number];
