import type { KycAttemptStatus } from '../core/kyc-verification-status/kyc-attempt-statuses.ts';
import type { KycVerificationStatusEventOf } from '../core/kyc-verification-status/kyc-verification-status-event-of.ts';
import type { KycVerificationStatus } from '../core/kyc-verification-status/kyc-verification-statuses.ts';
import { nextTestUserId } from './next-test-user-id.ts';

/** The `attemptStatus` a built event gets when none is given: the one its `verificationStatus` usually comes with. */
const DEFAULT_ATTEMPT_STATUS: Readonly<Record<KycVerificationStatus, KycAttemptStatus>> = {
  NOT_VERIFIED: 'PENDING',
  VERIFIED: 'SUCCESSFUL',
  EXPIRED: 'SUCCESSFUL',
};

/**
 * Builds a valid KYC Verification Status event for tests: `verificationStatus` `NOT_VERIFIED` and a
 * fresh `externalUserId` (`test-user-1`, `test-user-2`, …) unless overridden. `attemptStatus`
 * defaults to the one the verification status usually comes with (`NOT_VERIFIED`: `PENDING`;
 * `VERIFIED` and `EXPIRED`: `SUCCESSFUL`); `rejectionReason` is left out unless given (P100 does
 * not document its values, nor whether it is absent or `null` when nothing was rejected). The
 * result is typed by its `verificationStatus`.
 *
 * @param overrides - The `verificationStatus`, `attemptStatus`, `rejectionReason` (a string or
 *   `null`) and/or `externalUserId` to use.
 * @returns A typed event, e.g. `KycVerificationStatusEventOf<'VERIFIED'>` for `{ verificationStatus: 'VERIFIED' }`.
 * @example
 * ```ts
 * import { createKycVerificationStatusEvent } from 'p100-webhooks/testing';
 *
 * const pending = createKycVerificationStatusEvent();
 * // { externalUserId: 'test-user-1', verificationStatus: 'NOT_VERIFIED', attemptStatus: 'PENDING' }
 * const rejected = createKycVerificationStatusEvent({
 *   attemptStatus: 'REJECTED_BY_PROVIDER',
 *   rejectionReason: 'NO_FACE_FOUND',
 *   externalUserId: 'user-42',
 * });
 * const verified = createKycVerificationStatusEvent({ verificationStatus: 'VERIFIED' }); // attemptStatus 'SUCCESSFUL'
 * verified.verificationStatus; // type 'VERIFIED'
 * ```
 */
export function createKycVerificationStatusEvent<S extends KycVerificationStatus = 'NOT_VERIFIED'>(
  overrides: {
    readonly verificationStatus?: S;
    readonly attemptStatus?: KycAttemptStatus;
    readonly rejectionReason?: string | null;
    readonly externalUserId?: string;
  } = {},
): KycVerificationStatusEventOf<S> {
  const externalUserId = nextTestUserId();
  const verificationStatus = overrides.verificationStatus ?? 'NOT_VERIFIED';
  return {
    externalUserId: overrides.externalUserId ?? externalUserId,
    verificationStatus,
    attemptStatus: overrides.attemptStatus ?? DEFAULT_ATTEMPT_STATUS[verificationStatus],
    ...(overrides.rejectionReason === undefined ? {} : { rejectionReason: overrides.rejectionReason }),
  } as KycVerificationStatusEventOf<S>;
}
