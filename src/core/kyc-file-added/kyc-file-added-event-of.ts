import type { KycFileStatus } from './kyc-file-statuses.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';

/**
 * The member of {@link KycFileAddedEvent} whose `status` is `S`.
 *
 * @example
 * ```ts
 * import type { KycFileAddedEventOf } from 'p100-webhooks';
 *
 * const event: KycFileAddedEventOf<'ERROR'> = { externalUserId: 'u-1', status: 'ERROR' };
 * ```
 */
export type KycFileAddedEventOf<S extends KycFileStatus> = Extract<KycFileAddedEvent, { status: S }>;
