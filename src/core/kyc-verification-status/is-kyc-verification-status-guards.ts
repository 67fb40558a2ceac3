import type { KycVerificationStatusEventOf } from './kyc-verification-status-event-of.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';

/**
 * Narrows a KYC Verification Status event to `NOT_VERIFIED`: the user has not (yet) completed or passed KYC.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.verificationStatus` is `'NOT_VERIFIED'`.
 * @example
 * ```ts
 * import { isKycNotVerified, parseKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const event = parseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"NOT_VERIFIED","attemptStatus":"PENDING"}');
 * if (isKycNotVerified(event)) console.log('not verified', event.externalUserId);
 * ```
 */
export function isKycNotVerified(event: KycVerificationStatusEvent): event is KycVerificationStatusEventOf<'NOT_VERIFIED'> {
  return event.verificationStatus === 'NOT_VERIFIED';
}

/**
 * Narrows a KYC Verification Status event to `VERIFIED`: the user passed KYC and is fully verified.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.verificationStatus` is `'VERIFIED'`.
 * @example
 * ```ts
 * import { isKycVerified, parseKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const event = parseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"VERIFIED","attemptStatus":"SUCCESSFUL"}');
 * if (isKycVerified(event)) console.log('verified', event.externalUserId);
 * ```
 */
export function isKycVerified(event: KycVerificationStatusEvent): event is KycVerificationStatusEventOf<'VERIFIED'> {
  return event.verificationStatus === 'VERIFIED';
}

/**
 * Narrows a KYC Verification Status event to `EXPIRED`: a previous verification expired: the user must verify again.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.verificationStatus` is `'EXPIRED'`.
 * @example
 * ```ts
 * import { isKycExpired, parseKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const event = parseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"EXPIRED","attemptStatus":"SUCCESSFUL"}');
 * if (isKycExpired(event)) console.log('verify again', event.externalUserId);
 * ```
 */
export function isKycExpired(event: KycVerificationStatusEvent): event is KycVerificationStatusEventOf<'EXPIRED'> {
  return event.verificationStatus === 'EXPIRED';
}
