/**
 * Every status value a KYC File Added webhook can carry, as P100's docs list them.
 *
 * @example
 * ```ts
 * import { KYC_FILE_STATUSES } from 'p100-webhooks';
 *
 * for (const status of KYC_FILE_STATUSES) console.log(status);
 * ```
 */
export const KYC_FILE_STATUSES = ['ADDED', 'ERROR'] as const;

/**
 * One KYC File Added `status`: `'ADDED' | 'ERROR'`.
 *
 * @example
 * ```ts
 * import type { KycFileStatus } from 'p100-webhooks';
 *
 * const status: KycFileStatus = 'ERROR';
 * ```
 */
export type KycFileStatus = (typeof KYC_FILE_STATUSES)[number];
