import { PoaWebhookError } from '../poa-webhook-error.ts';
import { type PoaRawBody, readJsonBody } from '../read-json-body.ts';
import type { KycParseResult } from './kyc-parse-result.ts';
import { validateKycVerificationStatusEvent } from './validate-kyc-verification-status-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed KYC Verification Status event. Never throws.
 *
 * @param body - The raw body exactly as received.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose `code` is `EMPTY_BODY`,
 *   `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { safeParseKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const result = safeParseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"EXPIRED","attemptStatus":"SUCCESSFUL"}');
 * if (!result.success) throw result.error;
 * console.log(result.event.externalUserId); // 'u-1'
 * ```
 */
export function safeParseKycVerificationStatusEvent(body: PoaRawBody): KycParseResult {
  const json = readJsonBody(body);
  if (json instanceof PoaWebhookError) return { success: false, error: json };
  return validateKycVerificationStatusEvent(json);
}
