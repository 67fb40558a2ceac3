import { checkUserStatusPayload } from './check-user-status-payload.ts';
import type { UserStatusParseResult } from './user-status-parse-result.ts';

/**
 * Validates an already-parsed JSON value (such as a framework's parsed body) as a User status
 * payload. Never throws. Only the payload's own fields count (inherited ones are absent), each read
 * once; fields other than `externalUserId` and `status` are dropped.
 *
 * It applies exactly the rules of {@link UserStatusEventSchema} (a property test holds the two together).
 *
 * @param value - Any value, typically the result of `JSON.parse`.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose code is `UNKNOWN_STATUS`
 *   (a status string other than `ACTIVE` (P100 documents no other), the rest of the payload valid) or `INVALID_PAYLOAD` (with `issues` naming `""`, `"externalUserId"` and/or `"status"`).
 * @example
 * ```ts
 * import { validateUserStatusEvent } from 'p100-webhooks';
 *
 * const result = validateUserStatusEvent({ externalUserId: 'u-1', status: 'ACTIVE' });
 * if (result.success) console.log(result.event.status); // 'ACTIVE'
 * ```
 */
export function validateUserStatusEvent(value: unknown): UserStatusParseResult {
  const result = checkUserStatusPayload(value);
  return result.success || result.unknown === undefined ? result : { success: false, error: result.error };
}
