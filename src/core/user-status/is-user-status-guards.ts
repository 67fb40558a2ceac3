import type { UserStatusEventOf } from './user-status-event-of.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';

/**
 * Narrows a User status event to `ACTIVE`: verification succeeded and the user's account is active.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'ACTIVE'`.
 * @example
 * ```ts
 * import { isUserActive, parseUserStatusEvent } from 'p100-webhooks';
 *
 * const event = parseUserStatusEvent('{"externalUserId":"u-1","status":"ACTIVE"}');
 * if (isUserActive(event)) console.log('fetch balances', event.externalUserId);
 * ```
 */
export function isUserActive(event: UserStatusEvent): event is UserStatusEventOf<'ACTIVE'> {
  return event.status === 'ACTIVE';
}
