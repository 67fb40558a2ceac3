import { checkKycVerificationStatusPayload } from '../kyc-verification-status/check-kyc-verification-status-payload.ts';
import type { KycVerificationStatusEvent } from '../kyc-verification-status/kyc-verification-status-event-schema.ts';
import { KYC_VERIFICATION_STATUSES } from '../kyc-verification-status/kyc-verification-statuses.ts';
import type { WebhookDefinition } from './webhook-definition.ts';

/** KYC Verification Status, as a webhook definition: `on` is keyed by `verificationStatus`. @internal */
export const kycVerificationWebhook: WebhookDefinition<KycVerificationStatusEvent> = {
  name: 'kycVerificationStatus',
  statusField: 'verificationStatus',
  statuses: KYC_VERIFICATION_STATUSES,
  check: checkKycVerificationStatusPayload,
};
