import { checkStatusPayload, type StatusPayloadShape } from '../check-status-payload.ts';
import type { PayloadCheck } from '../receiver/webhook-definition.ts';
import { KYC_ATTEMPT_STATUSES } from './kyc-attempt-statuses.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';
import { KYC_VERIFICATION_STATUSES } from './kyc-verification-statuses.ts';

/**
 * A well-formed KYC Verification Status payload with a status value P100 may add later: the checked
 * fields, each status as received.
 *
 * @internal
 */
export interface UnknownKycVerificationStatusPayload {
  readonly externalUserId: string;
  readonly verificationStatus: string;
  readonly attemptStatus: string;
  readonly rejectionReason?: string | null;
}

const SHAPE: StatusPayloadShape = {
  statusFields: [
    { key: 'verificationStatus', statuses: KYC_VERIFICATION_STATUSES },
    { key: 'attemptStatus', statuses: KYC_ATTEMPT_STATUSES },
  ],
  optionalTextFields: ['rejectionReason'],
};

/**
 * Checks a parsed JSON value as a KYC Verification Status payload, with the rules of every webhook
 * ({@link checkStatusPayload}): an unknown `verificationStatus` or `attemptStatus` is `UNKNOWN_STATUS`.
 *
 * @internal
 */
export function checkKycVerificationStatusPayload(
  value: unknown,
): PayloadCheck<KycVerificationStatusEvent, UnknownKycVerificationStatusPayload> {
  return checkStatusPayload(value, SHAPE);
}
