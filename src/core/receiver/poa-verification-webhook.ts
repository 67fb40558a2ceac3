import { checkPoaVerificationPayload } from '../check-poa-verification-payload.ts';
import type { PoaVerificationEvent } from '../poa-verification-event-schema.ts';
import { POA_VERIFICATION_STATUSES } from '../poa-verification-statuses.ts';
import type { WebhookDefinition } from './webhook-definition.ts';

/** POA Verification Status, as a webhook definition. @internal */
export const poaVerificationWebhook: WebhookDefinition<PoaVerificationEvent> = {
  name: 'poaVerificationStatus',
  statusField: 'status',
  statuses: POA_VERIFICATION_STATUSES,
  check: checkPoaVerificationPayload,
};
