import type { PoaParseResult } from './poa-parse-result.ts';
import { PoaWebhookError } from './poa-webhook-error.ts';
import { type PoaRawBody, readJsonBody } from './read-json-body.ts';
import { validatePoaVerificationEvent } from './validate-poa-verification-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed event. Never throws.
 *
 * @param body - The raw body exactly as received.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose `code` is `EMPTY_BODY`,
 *   `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { safeParsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const result = safeParsePoaVerificationEvent('{"externalUserId":"u-1","status":"APPROVED"}');
 * if (!result.success) throw result.error;
 * console.log(result.event.externalUserId); // 'u-1'
 * ```
 */
export function safeParsePoaVerificationEvent(body: PoaRawBody): PoaParseResult {
  const json = readJsonBody(body);
  if (json instanceof PoaWebhookError) return { success: false, error: json };
  return validatePoaVerificationEvent(json);
}
