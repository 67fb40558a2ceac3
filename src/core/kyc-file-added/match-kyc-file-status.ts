import type { KycFileStatus } from './kyc-file-statuses.ts';
import type { KycFileAddedEventOf } from './kyc-file-added-event-of.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';

/**
 * One handler per KYC File Added `status`, each given the event narrowed to it. A missing or an extra
 * key is a compile error.
 *
 * @example
 * ```ts
 * import type { KycFileStatusHandlers } from 'p100-webhooks';
 *
 * const labels = {
 *   ADDED: () => 'queued',
 *   ERROR: () => 'upload again',
 * } satisfies KycFileStatusHandlers<string>;
 * ```
 */
export type KycFileStatusHandlers<R, A extends unknown[] = []> = {
  readonly [S in KycFileStatus]: (event: KycFileAddedEventOf<S>, ...args: A) => R;
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
 * import { matchKycFileStatus, parseKycFileAddedEvent } from 'p100-webhooks';
 *
 * const event = parseKycFileAddedEvent('{"externalUserId":"u-1","status":"ERROR"}');
 * const next = matchKycFileStatus(event, {
 *   ADDED: (e) => `queued ${e.externalUserId}`,
 *   ERROR: (e) => `upload again ${e.externalUserId}`,
 * });
 * ```
 */
export function matchKycFileStatus<R>(event: KycFileAddedEvent, handlers: KycFileStatusHandlers<R>): R {
  switch (event.status) {
    case 'ADDED':
      return handlers.ADDED(event);
    case 'ERROR':
      return handlers.ERROR(event);
    default: {
      const unhandled: never = event;
      throw new TypeError(`Unhandled KYC file status ${JSON.stringify((unhandled as { status: unknown }).status)}`);
    }
  }
}
