import { checkStatusPayload, type StatusPayloadShape } from '../check-status-payload.ts';
import type { PayloadCheck } from '../receiver/webhook-definition.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';
import { USER_STATUSES } from './user-statuses.ts';

const SHAPE: StatusPayloadShape = { statusFields: [{ key: 'status', statuses: USER_STATUSES }], optionalTextFields: [] };

/**
 * Checks a parsed JSON value as a User status payload, with the rules of every webhook
 * ({@link checkStatusPayload}): a status string that is not a known one is `UNKNOWN_STATUS`.
 *
 * @internal
 */
export function checkUserStatusPayload(value: unknown): PayloadCheck<UserStatusEvent> {
  return checkStatusPayload(value, SHAPE);
}
