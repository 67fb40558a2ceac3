import type { PoaVerificationEventOf } from './poa-verification-event-of.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';

/**
 * Narrows an event to `WAITING`: the check is under way.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'WAITING'`.
 * @example
 * ```ts
 * import { isPoaWaiting, parsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const event = parsePoaVerificationEvent('{"externalUserId":"u-1","status":"WAITING"}');
 * if (isPoaWaiting(event)) console.log('pending', event.externalUserId);
 * ```
 */
export function isPoaWaiting(event: PoaVerificationEvent): event is PoaVerificationEventOf<'WAITING'> {
  return event.status === 'WAITING';
}

/**
 * Narrows an event to `APPROVED`: the address is verified (terminal).
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'APPROVED'`.
 * @example
 * ```ts
 * import { isPoaApproved, parsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const event = parsePoaVerificationEvent('{"externalUserId":"u-1","status":"APPROVED"}');
 * if (isPoaApproved(event)) console.log('verified', event.externalUserId);
 * ```
 */
export function isPoaApproved(event: PoaVerificationEvent): event is PoaVerificationEventOf<'APPROVED'> {
  return event.status === 'APPROVED';
}

/**
 * Narrows an event to `REJECTED`: the document was refused (terminal; the user must submit a new one).
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'REJECTED'`.
 * @example
 * ```ts
 * import { isPoaRejected, parsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const event = parsePoaVerificationEvent('{"externalUserId":"u-1","status":"REJECTED"}');
 * if (isPoaRejected(event)) console.log('ask for a new document', event.externalUserId);
 * ```
 */
export function isPoaRejected(event: PoaVerificationEvent): event is PoaVerificationEventOf<'REJECTED'> {
  return event.status === 'REJECTED';
}

/**
 * Narrows an event to `QUESTIONED`: the reviewer needs more from the user.
 *
 * @param event - A parsed event.
 * @returns `true` when `event.status` is `'QUESTIONED'`.
 * @example
 * ```ts
 * import { isPoaQuestioned, parsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const event = parsePoaVerificationEvent('{"externalUserId":"u-1","status":"QUESTIONED"}');
 * if (isPoaQuestioned(event)) console.log('ask for a clearer scan', event.externalUserId);
 * ```
 */
export function isPoaQuestioned(event: PoaVerificationEvent): event is PoaVerificationEventOf<'QUESTIONED'> {
  return event.status === 'QUESTIONED';
}
