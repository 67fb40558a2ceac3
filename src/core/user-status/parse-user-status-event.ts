import type { PoaRawBody } from '../read-json-body.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';
import { safeParseUserStatusEvent } from './safe-parse-user-status-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed User status event, or throws.
 *
 * @param body - The raw body exactly as received.
 * @returns The typed event; fields other than `externalUserId` and `status` are dropped.
 * @throws {@link PoaWebhookError} with code `EMPTY_BODY`, `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { parseUserStatusEvent } from 'p100-webhooks';
 *
 * const event = parseUserStatusEvent('{"externalUserId":"u-1","status":"ACTIVE"}');
 * console.log(event.status); // 'ACTIVE'
 * ```
 */
export function parseUserStatusEvent(body: PoaRawBody): UserStatusEvent {
  const result = safeParseUserStatusEvent(body);
  if (result.success) return result.event;
  throw result.error;
}
