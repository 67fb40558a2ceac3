import { checkKycVerificationStatusPayload } from './check-kyc-verification-status-payload.ts';
import type { KycParseResult } from './kyc-parse-result.ts';

/**
 * Validates an already-parsed JSON value (such as a framework's parsed body) as a KYC Verification Status
 * payload. Never throws. Only the payload's own fields count (inherited ones are absent), each read
 * once; fields other than `externalUserId`, `verificationStatus`, `attemptStatus` and `rejectionReason` are dropped.
 *
 * It applies exactly the rules of {@link KycVerificationStatusEventSchema} (a property test holds the two together).
 *
 * @param value - Any value, typically the result of `JSON.parse`.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose code is `UNKNOWN_STATUS`
 *   (a `verificationStatus` or `attemptStatus` string that is not a known one, the rest of the payload valid) or `INVALID_PAYLOAD` (with `issues` naming `""`, `"externalUserId"`, `"verificationStatus"`, `"attemptStatus"` and/or `"rejectionReason"`).
 * @example
 * ```ts
 * import { validateKycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const result = validateKycVerificationStatusEvent({ externalUserId: 'u-1', verificationStatus: 'EXPIRED', attemptStatus: 'SUCCESSFUL' });
 * if (result.success) console.log(result.event.verificationStatus); // 'EXPIRED'
 * ```
 */
export function validateKycVerificationStatusEvent(value: unknown): KycParseResult {
  const result = checkKycVerificationStatusPayload(value);
  return result.success || result.unknown === undefined ? result : { success: false, error: result.error };
}
