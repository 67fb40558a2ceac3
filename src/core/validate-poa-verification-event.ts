import { checkPoaVerificationPayload } from './check-poa-verification-payload.ts';
import type { PoaParseResult } from './poa-parse-result.ts';

/**
 * Validates an already-parsed JSON value (such as a framework's parsed body) as a POA Verification
 * Status payload. Never throws. Only the payload's own fields count (inherited ones, such as from a
 * polluted `Object.prototype`, are absent), each read once; other fields are dropped.
 *
 * It applies exactly the rules of {@link PoaVerificationEventSchema} (a property test holds the two
 * together), checked by hand because this is the hot path of every delivery.
 *
 * @param value - Any value, typically the result of `JSON.parse`.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose code is `UNKNOWN_STATUS`
 *   (a status string that is not one of the four, the rest of the payload valid) or `INVALID_PAYLOAD`
 *   (with `issues` naming `""`, `"externalUserId"` and/or `"status"`).
 * @example
 * ```ts
 * import { validatePoaVerificationEvent } from 'p100-webhooks';
 *
 * const result = validatePoaVerificationEvent({ externalUserId: 'u-1', status: 'REJECTED' });
 * if (result.success) console.log(result.event.status); // 'REJECTED'
 * ```
 */
export function validatePoaVerificationEvent(value: unknown): PoaParseResult {
  const result = checkPoaVerificationPayload(value);
  return result.success || result.unknown === undefined ? result : { success: false, error: result.error };
}
