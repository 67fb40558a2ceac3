import type { PoaWebhookContext } from '../poa-webhook-options.ts';
import type { PoaWebhookError } from '../poa-webhook-error.ts';
import type { PoaWebhookResponse } from '../poa-webhook-request.ts';
import { isThenable } from './run-handler.ts';

const jsonHeaders = (): Record<string, string> => ({ 'content-type': 'application/json', 'cache-control': 'no-store' });

/**
 * The answer for an outcome: 200 `{}` when accepted, else the error's answer, after `onError` was
 * told (its own failure changes nothing).
 *
 * @internal
 */
export function answer(
  error: PoaWebhookError | undefined,
  onError: ((error: PoaWebhookError, context: PoaWebhookContext) => void) | undefined,
  context: PoaWebhookContext,
): PoaWebhookResponse {
  if (error === undefined) return { status: 200, headers: jsonHeaders(), body: '{}' };
  if (onError !== undefined) {
    try {
      const result: unknown = onError(error, context);
      if (isThenable(result)) result.then(undefined, () => {});
    } catch {
      // onError's own failure must not change the answer.
    }
  }
  return errorAnswer(error);
}

/**
 * The answer for a refused or failed delivery: the error's status and
 * `{"error":{"code","message"[,"issues"]}}`. Handler failures carry only a generic message.
 *
 * @internal
 */
export function errorAnswer(error: PoaWebhookError): PoaWebhookResponse {
  const headers = jsonHeaders();
  if (error.code === 'METHOD_NOT_ALLOWED') headers['allow'] = 'POST';
  const body =
    error.code === 'INVALID_PAYLOAD'
      ? { code: error.code, message: error.message, issues: error.issues }
      : { code: error.code, message: error.message };
  return { status: error.httpStatus, headers, body: JSON.stringify({ error: body }) };
}
