import { isPoaVerificationStatus } from './is-poa-verification-status.ts';
import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import { POA_VERIFICATION_STATUSES } from './poa-verification-statuses.ts';
import { PoaWebhookError, type PoaWebhookIssue } from './poa-webhook-error.ts';
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

/** A non-empty string of at most 256 characters: what `externalUserId` (and an unknown status) must be. */
function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_EXTERNAL_USER_ID_LENGTH;
}

function idIssue(value: unknown): PoaWebhookIssue {
  return {
    path: 'externalUserId',
    message: `Expected a non-empty string of at most ${MAX_EXTERNAL_USER_ID_LENGTH} characters, received ${describe(value)}`,
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`;
  return `a ${typeof value}`;
}

function invalid(issues: readonly PoaWebhookIssue[], cause?: unknown): PayloadCheck<never> {
  const summary = issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  const message = `The payload is invalid: ${summary.join('; ')}.`;
  return { success: false, error: new PoaWebhookError('INVALID_PAYLOAD', message, cause === undefined ? { issues } : { issues, cause }) };
}
