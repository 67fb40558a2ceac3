import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaVerificationStatus } from './poa-verification-statuses.ts';

/**
 * The member of {@link PoaVerificationEvent} whose `status` is `S`.
 *
 * @example
 * ```ts
 * import type { PoaVerificationEventOf } from 'p100-webhooks';
 *
 * const approved: PoaVerificationEventOf<'APPROVED'> = { externalUserId: 'u-1', status: 'APPROVED' };
 * ```
 */
export type PoaVerificationEventOf<S extends PoaVerificationStatus> = Extract<PoaVerificationEvent, { status: S }>;
