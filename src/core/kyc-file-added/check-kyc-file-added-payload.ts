import { checkStatusPayload, type StatusPayloadShape } from '../check-status-payload.ts';
import type { PayloadCheck } from '../receiver/webhook-definition.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';
import { KYC_FILE_STATUSES } from './kyc-file-statuses.ts';

const SHAPE: StatusPayloadShape = { statusFields: [{ key: 'status', statuses: KYC_FILE_STATUSES }], optionalTextFields: [] };

/**
 * Checks a parsed JSON value as a KYC File Added payload, with the rules of every webhook
 * ({@link checkStatusPayload}): a status string that is not a known one is `UNKNOWN_STATUS`.
 *
 * @internal
 */
export function checkKycFileAddedPayload(value: unknown): PayloadCheck<KycFileAddedEvent> {
  return checkStatusPayload(value, SHAPE);
}
