import { checkKycFileAddedPayload } from '../kyc-file-added/check-kyc-file-added-payload.ts';
import type { KycFileAddedEvent } from '../kyc-file-added/kyc-file-added-event-schema.ts';
import { KYC_FILE_STATUSES } from '../kyc-file-added/kyc-file-statuses.ts';
import type { WebhookDefinition } from './webhook-definition.ts';

/** KYC File Added, as a webhook definition. @internal */
export const kycFileAddedWebhook: WebhookDefinition<KycFileAddedEvent> = {
  name: 'kycFileAdded',
  statusField: 'status',
  statuses: KYC_FILE_STATUSES,
  check: checkKycFileAddedPayload,
};
