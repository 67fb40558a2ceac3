import { checkUserStatusPayload } from './check-user-status-payload.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';

/**
 * Tells whether a value is a valid User status payload (extra fields allowed). It never throws:
 * use {@link validateUserStatusEvent} to learn why a value is refused.
 *
 * @param value - Anything, such as a parsed JSON body.
 * @returns `true` exactly when {@link validateUserStatusEvent} would accept it.
 * @example
 * ```ts
 * import { isUserStatusEvent } from 'p100-webhooks';
 *
 * const body: unknown = JSON.parse('{"externalUserId":"u-1","status":"ACTIVE"}');
 * if (isUserStatusEvent(body)) console.log(body.status);
 * ```
 */
export function isUserStatusEvent(value: unknown): value is UserStatusEvent {
  return checkUserStatusPayload(value).success;
}
