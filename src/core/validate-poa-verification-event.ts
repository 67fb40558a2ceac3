import { isPoaVerificationStatus } from './is-poa-verification-status.ts';
import type { PoaParseResult } from './poa-parse-result.ts';
import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import { POA_VERIFICATION_STATUSES } from './poa-verification-statuses.ts';
import { PoaWebhookError, type PoaWebhookIssue } from './poa-webhook-error.ts';

/**
 * Validates an already-parsed JSON value (such as a framework's parsed body) as a POA Verification
 * Status payload. Never throws. Fields other than `externalUserId` and `status` are dropped.
 *
 * It applies exactly the rules of {@link PoaVerificationEventSchema} (a property test holds the two
 * together), checked by hand because this is the hot path of every delivery.
 *
 * @param value - Any value, typically the result of `JSON.parse`.
 * @returns `{ success: true, event }`, or `{ success: false, error }` whose code is `UNKNOWN_STATUS`
 *   (a string status that is not one of the four, with a string `externalUserId`) or `INVALID_PAYLOAD`
 *   (with `issues` naming `""`, `"externalUserId"` and/or `"status"`).
 * @example
 * ```ts
 * import { validatePoaVerificationEvent } from 'p100-webhooks';
 *
 * const result = validatePoaVerificationEvent({ externalUserId: 'u-1', status: 'REJECTED' });
 * if (result.success) console.log(result.event.status); // 'REJECTED'
 * ```
 */
export function validatePoaVerificationEvent(value: unknown): PoaParseResult {
  try {
    // Hot path: a valid payload, with as few checks as possible; everything else is told apart below.
    if (typeof value === 'object' && value !== null) {
      const { externalUserId, status } = value as { externalUserId?: unknown; status?: unknown };
      if (
        typeof externalUserId === 'string' &&
        externalUserId.length > 0 &&
        externalUserId.length <= MAX_EXTERNAL_USER_ID_LENGTH &&
        isPoaVerificationStatus(status) &&
        !Array.isArray(value)
      ) {
        return { success: true, event: { externalUserId, status } };
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return invalid([{ path: '', message: `Expected a JSON object, received ${describe(value)}` }]);
    }
    const { externalUserId, status } = value as { externalUserId?: unknown; status?: unknown };
    const validId =
      typeof externalUserId === 'string' &&
      externalUserId.length > 0 &&
      externalUserId.length <= MAX_EXTERNAL_USER_ID_LENGTH;
    if (isPoaVerificationStatus(status)) {
      return validId ? { success: true, event: { externalUserId, status } } : invalid([idIssue(externalUserId)]);
    }
    if (typeof externalUserId === 'string' && typeof status === 'string') {
      const message = `Unknown status ${JSON.stringify(status.slice(0, 64))}; expected one of ${POA_VERIFICATION_STATUSES.join(', ')}.`;
      return { success: false, error: new PoaWebhookError('UNKNOWN_STATUS', message) };
    }
    const statusIssue = { path: 'status', message: `Expected one of ${POA_VERIFICATION_STATUSES.join(', ')}, received ${describe(status)}` };
    return invalid(validId ? [statusIssue] : [idIssue(externalUserId), statusIssue]);
  } catch (cause) {
    // Only exotic values (proxies, throwing getters) get here; JSON values never do.
    return invalid([{ path: '', message: 'The payload could not be read' }], cause);
  }
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

function invalid(issues: readonly PoaWebhookIssue[], cause?: unknown): PoaParseResult {
  const summary = issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  const message = `The payload is invalid: ${summary.join('; ')}.`;
  return { success: false, error: new PoaWebhookError('INVALID_PAYLOAD', message, cause === undefined ? { issues } : { issues, cause }) };
}
