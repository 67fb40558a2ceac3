import type { KycFileAddedEventOf } from './kyc-file-added-event-of.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';

/**
 * Narrows a KYC File Added event to `ADDED`: the file was accepted and queued for verification.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'ADDED'`.
 * @example
 * ```ts
 * import { isKycFileAdded, parseKycFileAddedEvent } from 'p100-webhooks';
 *
 * const event = parseKycFileAddedEvent('{"externalUserId":"u-1","status":"ADDED"}');
 * if (isKycFileAdded(event)) console.log('queued', event.externalUserId);
 * ```
 */
export function isKycFileAdded(event: KycFileAddedEvent): event is KycFileAddedEventOf<'ADDED'> {
  return event.status === 'ADDED';
}

/**
 * Narrows a KYC File Added event to `ERROR`: the file could not be processed.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'ERROR'`.
 * @example
 * ```ts
 * import { isKycFileError, parseKycFileAddedEvent } from 'p100-webhooks';
 *
 * const event = parseKycFileAddedEvent('{"externalUserId":"u-1","status":"ERROR"}');
 * if (isKycFileError(event)) console.log('upload again', event.externalUserId);
 * ```
 */
export function isKycFileError(event: KycFileAddedEvent): event is KycFileAddedEventOf<'ERROR'> {
  return event.status === 'ERROR';
}
