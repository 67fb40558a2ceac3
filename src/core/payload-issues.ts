import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import { PoaWebhookError, type PoaWebhookIssue } from './poa-webhook-error.ts';
import type { PayloadCheck } from './receiver/webhook-definition.ts';

/**
 * The pieces every payload check answers with, shared by the POA check and the other webhooks' checks
 * so the rules and messages are the same for all: what a valid id (and an unknown status) is, and how
 * an issue, an unknown status and an invalid payload are worded.
 *
 * @internal
 */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_EXTERNAL_USER_ID_LENGTH;
}

/** The issue of an `externalUserId` that is not a non-empty string of at most 256 characters. @internal */
export function idIssue(value: unknown): PoaWebhookIssue {
  return {
    path: 'externalUserId',
    message: `Expected a non-empty string of at most ${MAX_EXTERNAL_USER_ID_LENGTH} characters, received ${describeValue(value)}`,
  };
}

/** The issue of a status field whose value is not one of its statuses. @internal */
export function statusIssue(path: string, statuses: readonly string[], value: unknown): PoaWebhookIssue {
  return { path, message: `Expected one of ${statuses.join(', ')}, received ${describeValue(value)}` };
}

/** The message of an `UNKNOWN_STATUS` error for one status field. @internal */
export function unknownStatusMessage(field: string, value: string, statuses: readonly string[]): string {
  return `Unknown ${field} ${JSON.stringify(value.slice(0, 64))}; expected one of ${statuses.join(', ')}.`;
}

/** What a value is, in words, without repeating it (it may be personal data). @internal */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`;
  return `a ${typeof value}`;
}

/** The failed check of an `INVALID_PAYLOAD`, its message summing up the issues. @internal */
export function invalidPayload(issues: readonly PoaWebhookIssue[], cause?: unknown): PayloadCheck<never, never> {
  const summary = issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  const message = `The payload is invalid: ${summary.join('; ')}.`;
  return { success: false, error: new PoaWebhookError('INVALID_PAYLOAD', message, cause === undefined ? { issues } : { issues, cause }) };
}
