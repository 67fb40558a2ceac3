import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import { validatePoaVerificationEvent } from './validate-poa-verification-event.ts';

/**
 * Tells whether a value is a valid POA Verification Status payload (extra fields allowed).
 *
 * @param value - Anything, such as a parsed JSON body.
 * @returns `true` when {@link validatePoaVerificationEvent} would accept it.
 * @example
 * ```ts
 * import { isPoaVerificationEvent } from 'p100-webhooks';
 *
 * const body: unknown = JSON.parse('{"externalUserId":"u-1","status":"WAITING"}');
 * if (isPoaVerificationEvent(body)) console.log(body.status);
 * ```
 */
export function isPoaVerificationEvent(value: unknown): value is PoaVerificationEvent {
  return validatePoaVerificationEvent(value).success;
}
