import { checkUserStatusPayload } from '../user-status/check-user-status-payload.ts';
import type { UserStatusEvent } from '../user-status/user-status-event-schema.ts';
import { USER_STATUSES } from '../user-status/user-statuses.ts';
import type { WebhookDefinition } from './webhook-definition.ts';

/** User status, as a webhook definition. @internal */
export const userStatusWebhook: WebhookDefinition<UserStatusEvent> = {
  name: 'userStatus',
  statusField: 'status',
  statuses: USER_STATUSES,
  check: checkUserStatusPayload,
};
