import { isPoaVerificationStatus } from './is-poa-verification-status.ts';
import { describeValue as describe, idIssue, invalidPayload as invalid, isText } from './payload-issues.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import { POA_VERIFICATION_STATUSES } from './poa-verification-statuses.ts';
import { PoaWebhookError } from './poa-webhook-error.ts';
import { readOwnField } from './read-own-field.ts';
import type { PayloadCheck } from './receiver/webhook-definition.ts';

/**
 * Checks a parsed JSON value as a POA Verification Status payload: each field is read once, from
 * the object's own properties, and the event is built from what was checked. An unknown status is
 * told apart only when the rest of the payload is valid, and then carries the checked fields.
 *
 * @internal
 */
export function checkPoaVerificationPayload(value: unknown): PayloadCheck<PoaVerificationEvent> {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return invalid([{ path: '', message: `Expected a JSON object, received ${describe(value)}` }]);
    }
    const externalUserId = readOwnField(value, 'externalUserId');
    const status = readOwnField(value, 'status');
    const validId = isText(externalUserId);
    if (isPoaVerificationStatus(status)) {
      return validId ? { success: true, event: { externalUserId, status } } : invalid([idIssue(externalUserId)]);
    }
    if (validId && isText(status)) {
      const message = `Unknown status ${JSON.stringify(status.slice(0, 64))}; expected one of ${POA_VERIFICATION_STATUSES.join(', ')}.`;
      return { success: false, error: new PoaWebhookError('UNKNOWN_STATUS', message), unknown: { externalUserId, status } };
    }
    const statusIssue = { path: 'status', message: `Expected one of ${POA_VERIFICATION_STATUSES.join(', ')}, received ${describe(status)}` };
    return invalid(validId ? [statusIssue] : [idIssue(externalUserId), statusIssue]);
  } catch (cause) {
    // Only exotic values (proxies, throwing getters) get here; JSON values never do.
    return invalid([{ path: '', message: 'The payload could not be read' }], cause);
  }
}
