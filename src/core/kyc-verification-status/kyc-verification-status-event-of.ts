import type { KycVerificationStatus } from './kyc-verification-statuses.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';

/**
 * The member of {@link KycVerificationStatusEvent} whose `verificationStatus` is `S`.
 *
 * @example
 * ```ts
 * import type { KycVerificationStatusEventOf } from 'p100-webhooks';
 *
 * const event: KycVerificationStatusEventOf<'EXPIRED'> = { externalUserId: 'u-1', verificationStatus: 'EXPIRED', attemptStatus: 'SUCCESSFUL' };
 * ```
 */
export type KycVerificationStatusEventOf<S extends KycVerificationStatus> = Extract<KycVerificationStatusEvent, { verificationStatus: S }>;
