import type { PoaRawBody } from '../read-json-body.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';
import { safeParseKycVerificationStatusEvent } from './safe-parse-kyc-verification-status-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed KYC Verification Status event, or throws.
 *
 * @param body - The raw body exactly as received.
 * @returns The typed event; fields other than `externalUserId`, `verificationStatus`, `attemptStatus` and `rejectionReason` are dropped.
 * @throws {@link PoaWebhookError} with code `EMPTY_BODY`, `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { parseKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const event = parseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"NOT_VERIFIED","attemptStatus":"PENDING"}');
 * console.log(event.verificationStatus); // 'NOT_VERIFIED'
 * ```
 */
export function parseKycVerificationStatusEvent(body: PoaRawBody): KycVerificationStatusEvent {
  const result = safeParseKycVerificationStatusEvent(body);
  if (result.success) return result.event;
  throw result.error;
}
