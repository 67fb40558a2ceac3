import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaRawBody } from './read-json-body.ts';
import { safeParsePoaVerificationEvent } from './safe-parse-poa-verification-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed event, or throws.
 *
 * @param body - The raw body exactly as received.
 * @returns The typed event; fields other than `externalUserId` and `status` are dropped.
 * @throws {@link PoaWebhookError} with code `EMPTY_BODY`, `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { parsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const event = parsePoaVerificationEvent('{"externalUserId":"u-1","status":"WAITING"}');
 * console.log(event.status); // 'WAITING'
 * ```
 */
export function parsePoaVerificationEvent(body: PoaRawBody): PoaVerificationEvent {
  const result = safeParsePoaVerificationEvent(body);
  if (result.success) return result.event;
  throw result.error;
}
