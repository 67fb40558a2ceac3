import { checkKycFileAddedPayload } from './check-kyc-file-added-payload.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';

/**
 * Tells whether a value is a valid KYC File Added payload (extra fields allowed). It never throws:
 * use {@link validateKycFileAddedEvent} to learn why a value is refused.
 *
 * @param value - Anything, such as a parsed JSON body.
 * @returns `true` exactly when {@link validateKycFileAddedEvent} would accept it.
 * @example
 * ```ts
 * import { isKycFileAddedEvent } from 'p100-webhooks';
 *
 * const body: unknown = JSON.parse('{"externalUserId":"u-1","status":"ADDED"}');
 * if (isKycFileAddedEvent(body)) console.log(body.status);
 * ```
 */
export function isKycFileAddedEvent(value: unknown): value is KycFileAddedEvent {
  return checkKycFileAddedPayload(value).success;
}
