import { isPoaVerificationStatus } from './is-poa-verification-status.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import { readOwnField } from './read-own-field.ts';

/**
 * Tells whether a value is a valid POA Verification Status payload (extra fields allowed). It never
 * throws, and builds no error: use {@link validatePoaVerificationEvent} to learn why a value is refused.
 *
 * @param value - Anything, such as a parsed JSON body.
 * @returns `true` exactly when {@link validatePoaVerificationEvent} would accept it.
 * @example
 * ```ts
 * import { isPoaVerificationEvent } from 'p100-webhooks';
 *
 * const body: unknown = JSON.parse('{"externalUserId":"u-1","status":"WAITING"}');
 * if (isPoaVerificationEvent(body)) console.log(body.status);
 * ```
 */
export function isPoaVerificationEvent(value: unknown): value is PoaVerificationEvent {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (Array.isArray(value)) return false;
    const externalUserId = readOwnField(value, 'externalUserId');
    const status = readOwnField(value, 'status');
    return (
      isPoaVerificationStatus(status) &&
      typeof externalUserId === 'string' &&
      externalUserId.length > 0 &&
      externalUserId.length <= MAX_EXTERNAL_USER_ID_LENGTH
    );
  } catch {
    // Only exotic values (proxies, throwing getters) get here; JSON values never do.
    return false;
  }
}
