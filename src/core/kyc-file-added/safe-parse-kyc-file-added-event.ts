import { PoaWebhookError } from '../poa-webhook-error.ts';
import { type PoaRawBody, readJsonBody } from '../read-json-body.ts';
import type { KycFileParseResult } from './kyc-file-parse-result.ts';
import { validateKycFileAddedEvent } from './validate-kyc-file-added-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed KYC File Added event. Never throws.
 *
 * @param body - The raw body exactly as received.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose `code` is `EMPTY_BODY`,
 *   `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { safeParseKycFileAddedEvent } from 'p100-webhooks';
 *
 * const result = safeParseKycFileAddedEvent('{"externalUserId":"u-1","status":"ERROR"}');
 * if (!result.success) throw result.error;
 * console.log(result.event.externalUserId); // 'u-1'
 * ```
 */
export function safeParseKycFileAddedEvent(body: PoaRawBody): KycFileParseResult {
  const json = readJsonBody(body);
  if (json instanceof PoaWebhookError) return { success: false, error: json };
  return validateKycFileAddedEvent(json);
}
