import type { KycVerificationStatus } from './kyc-verification-statuses.ts';
import type { KycVerificationStatusEventOf } from './kyc-verification-status-event-of.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';

/**
 * One handler per KYC Verification Status `verificationStatus`, each given the event narrowed to it. A missing or an extra
 * key is a compile error.
 *
 * @example
 * ```ts
 * import type { KycVerificationStatusHandlers } from 'p100-webhooks';
 *
 * const labels = {
 *   NOT_VERIFIED: () => 'not verified',
 *   VERIFIED: () => 'verified',
 *   EXPIRED: () => 'verify again',
 * } satisfies KycVerificationStatusHandlers<string>;
 * ```
 */
export type KycVerificationStatusHandlers<R, A extends unknown[] = []> = {
  readonly [S in KycVerificationStatus]: (event: KycVerificationStatusEventOf<S>, ...args: A) => R;
};

/**
 * Calls the handler for the event's `verificationStatus` and returns what it returns. The handler map must name
 * every status and nothing else, so a status added later fails to compile until it is handled.
 *
 * @param event - A parsed event.
 * @param handlers - One function per status.
 * @returns The chosen handler's result (a promise if the handler is async).
 * @throws TypeError when `event.verificationStatus` is not a known status (only possible with unchecked input).
 * @example
 * ```ts
 * import { matchKycVerificationStatus, parseKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const event = parseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"EXPIRED","attemptStatus":"SUCCESSFUL"}');
 * const next = matchKycVerificationStatus(event, {
 *   NOT_VERIFIED: (e) => `not verified ${e.externalUserId}`,
 *   VERIFIED: (e) => `verified ${e.externalUserId}`,
 *   EXPIRED: (e) => `verify again ${e.externalUserId}`,
 * });
 * ```
 */
export function matchKycVerificationStatus<R>(event: KycVerificationStatusEvent, handlers: KycVerificationStatusHandlers<R>): R {
  switch (event.verificationStatus) {
    case 'NOT_VERIFIED':
      return handlers.NOT_VERIFIED(event);
    case 'VERIFIED':
      return handlers.VERIFIED(event);
    case 'EXPIRED':
      return handlers.EXPIRED(event);
    default: {
      const unhandled: never = event;
      throw new TypeError(`Unhandled KYC verificationStatus ${JSON.stringify((unhandled as { verificationStatus: unknown }).verificationStatus)}`);
    }
  }
}
