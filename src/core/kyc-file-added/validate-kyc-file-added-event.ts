import { checkKycFileAddedPayload } from './check-kyc-file-added-payload.ts';
import type { KycFileParseResult } from './kyc-file-parse-result.ts';

/**
 * Validates an already-parsed JSON value (such as a framework's parsed body) as a KYC File Added
 * payload. Never throws. Only the payload's own fields count (inherited ones are absent), each read
 * once; fields other than `externalUserId` and `status` are dropped.
 *
 * It applies exactly the rules of {@link KycFileAddedEventSchema} (a property test holds the two together).
 *
 * @param value - Any value, typically the result of `JSON.parse`.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose code is `UNKNOWN_STATUS`
 *   (a status string that is not `ADDED` or `ERROR`, the rest of the payload valid) or `INVALID_PAYLOAD` (with `issues` naming `""`, `"externalUserId"` and/or `"status"`).
 * @example
 * ```ts
 * import { validateKycFileAddedEvent } from 'p100-webhooks';
 *
 * const result = validateKycFileAddedEvent({ externalUserId: 'u-1', status: 'ERROR' });
 * if (result.success) console.log(result.event.status); // 'ERROR'
 * ```
 */
export function validateKycFileAddedEvent(value: unknown): KycFileParseResult {
  const result = checkKycFileAddedPayload(value);
  return result.success || result.unknown === undefined ? result : { success: false, error: result.error };
}
