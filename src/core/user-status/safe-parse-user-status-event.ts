import { PoaWebhookError } from '../poa-webhook-error.ts';
import { type PoaRawBody, readJsonBody } from '../read-json-body.ts';
import type { UserStatusParseResult } from './user-status-parse-result.ts';
import { validateUserStatusEvent } from './validate-user-status-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed User status event. Never throws.
 *
 * @param body - The raw body exactly as received.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose `code` is `EMPTY_BODY`,
 *   `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { safeParseUserStatusEvent } from 'p100-webhooks';
 *
 * const result = safeParseUserStatusEvent('{"externalUserId":"u-1","status":"ACTIVE"}');
 * if (!result.success) throw result.error;
 * console.log(result.event.externalUserId); // 'u-1'
 * ```
 */
export function safeParseUserStatusEvent(body: PoaRawBody): UserStatusParseResult {
  const json = readJsonBody(body);
  if (json instanceof PoaWebhookError) return { success: false, error: json };
  return validateUserStatusEvent(json);
}
