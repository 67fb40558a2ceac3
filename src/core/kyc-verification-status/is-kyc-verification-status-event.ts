import { checkKycVerificationStatusPayload } from './check-kyc-verification-status-payload.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';

/**
 * Tells whether a value is a valid KYC Verification Status payload (extra fields allowed). It never throws:
 * use {@link validateKycVerificationStatusEvent} to learn why a value is refused.
 *
 * @param value - Anything, such as a parsed JSON body.
 * @returns `true` exactly when {@link validateKycVerificationStatusEvent} would accept it.
 * @example
 * ```ts
 * import { isKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const body: unknown = JSON.parse('{"externalUserId":"u-1","verificationStatus":"NOT_VERIFIED","attemptStatus":"PENDING"}');
 * if (isKycVerificationStatusEvent(body)) console.log(body.verificationStatus);
 * ```
 */
export function isKycVerificationStatusEvent(value: unknown): value is KycVerificationStatusEvent {
  return checkKycVerificationStatusPayload(value).success;
}
