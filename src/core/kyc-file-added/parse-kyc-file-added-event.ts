import type { PoaRawBody } from '../read-json-body.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';
import { safeParseKycFileAddedEvent } from './safe-parse-kyc-file-added-event.ts';

/**
 * Parses a raw request body (text or UTF-8 bytes) into a typed KYC File Added event, or throws.
 *
 * @param body - The raw body exactly as received.
 * @returns The typed event; fields other than `externalUserId` and `status` are dropped.
 * @throws {@link PoaWebhookError} with code `EMPTY_BODY`, `INVALID_JSON`, `INVALID_PAYLOAD` or `UNKNOWN_STATUS`.
 * @example
 * ```ts
 * import { parseKycFileAddedEvent } from 'p100-webhooks';
 *
 * const event = parseKycFileAddedEvent('{"externalUserId":"u-1","status":"ADDED"}');
 * console.log(event.status); // 'ADDED'
 * ```
 */
export function parseKycFileAddedEvent(body: PoaRawBody): KycFileAddedEvent {
  const result = safeParseKycFileAddedEvent(body);
  if (result.success) return result.event;
  throw result.error;
}
