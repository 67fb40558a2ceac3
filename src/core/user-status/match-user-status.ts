import type { UserStatus } from './user-statuses.ts';
import type { UserStatusEventOf } from './user-status-event-of.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';

/**
 * One handler per User status `status`, each given the event narrowed to it. A missing or an extra
 * key is a compile error.
 *
 * @example
 * ```ts
 * import type { UserStatusHandlers } from 'p100-webhooks';
 *
 * const labels = {
 *   ACTIVE: () => 'fetch balances',
 * } satisfies UserStatusHandlers<string>;
 * ```
 */
export type UserStatusHandlers<R, A extends unknown[] = []> = {
  readonly [S in UserStatus]: (event: UserStatusEventOf<S>, ...args: A) => R;
};

/**
 * Calls the handler for the event's `status` and returns what it returns. The handler map must name
 * every status and nothing else, so a status added later fails to compile until it is handled.
 *
 * @param event - A parsed event.
 * @param handlers - One function per status.
 * @returns The chosen handler's result (a promise if the handler is async).
 * @throws TypeError when `event.status` is not a known status (only possible with unchecked input).
 * @example
 * ```ts
 * import { matchUserStatus, parseUserStatusEvent } from 'p100-webhooks';
 *
 * const event = parseUserStatusEvent('{"externalUserId":"u-1","status":"ACTIVE"}');
 * const next = matchUserStatus(event, {
 *   ACTIVE: (e) => `fetch balances ${e.externalUserId}`,
 * });
 * ```
 */
export function matchUserStatus<R>(event: UserStatusEvent, handlers: UserStatusHandlers<R>): R {
  switch (event.status) {
    case 'ACTIVE':
      return handlers.ACTIVE(event);
    default: {
      // The field, not the event: a one-member union does not narrow to never.
      const unhandled: never = event.status;
      throw new TypeError(`Unhandled user status ${JSON.stringify(unhandled)}`);
    }
  }
}
