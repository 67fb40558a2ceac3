import type { PoaVerificationEventOf } from './poa-verification-event-of.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaVerificationStatus } from './poa-verification-statuses.ts';

/**
 * One handler per status, each given the event narrowed to its status. A missing or an extra key is
 * a compile error.
 *
 * @example
 * ```ts
 * import type { PoaStatusHandlers } from 'p100-webhooks';
 *
 * const labels = {
 *   WAITING: () => 'pending',
 *   APPROVED: () => 'verified',
 *   REJECTED: () => 'refused',
 *   QUESTIONED: () => 'needs more',
 * } satisfies PoaStatusHandlers<string>;
 * ```
 */
export type PoaStatusHandlers<R, A extends unknown[] = []> = {
  readonly [S in PoaVerificationStatus]: (event: PoaVerificationEventOf<S>, ...args: A) => R;
};

/**
 * Calls the handler for the event's status and returns what it returns. The handler map must name
 * every status and nothing else, so a status added later fails to compile until it is handled.
 *
 * @param event - A parsed event.
 * @param handlers - One function per status.
 * @returns The chosen handler's result (a promise if the handler is async).
 * @throws TypeError when `event.status` is not a known status (only possible with unchecked input).
 * @example
 * ```ts
 * import { matchPoaStatus, parsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const event = parsePoaVerificationEvent('{"externalUserId":"u-1","status":"QUESTIONED"}');
 * const next = matchPoaStatus(event, {
 *   WAITING: () => 'wait',
 *   APPROVED: (e) => `unlock ${e.externalUserId}`,
 *   REJECTED: (e) => `ask ${e.externalUserId} for a new document`,
 *   QUESTIONED: (e) => `ask ${e.externalUserId} for a clearer scan`,
 * });
 * ```
 */
export function matchPoaStatus<R>(event: PoaVerificationEvent, handlers: PoaStatusHandlers<R>): R {
  switch (event.status) {
    case 'WAITING':
      return handlers.WAITING(event);
    case 'APPROVED':
      return handlers.APPROVED(event);
    case 'REJECTED':
      return handlers.REJECTED(event);
    case 'QUESTIONED':
      return handlers.QUESTIONED(event);
    default: {
      const unhandled: never = event;
      throw new TypeError(`Unhandled POA status ${JSON.stringify((unhandled as { status: unknown }).status)}`);
    }
  }
}
