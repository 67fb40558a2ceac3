import { POA_WEBHOOK_ERROR_HTTP_STATUS, PoaWebhookError } from './poa-webhook-error.ts';

/**
 * Tells whether a value is a {@link PoaWebhookError}, also one made by another copy of this package
 * or in another realm (it checks that it is an error with the `name`, `code`, `httpStatus` and `issues`
 * of one, not only its prototype). A plain object that merely looks like one is not.
 *
 * @param value - Anything, such as a caught error.
 * @returns `true` when `value` is a `PoaWebhookError`.
 * @example
 * ```ts
 * import { isPoaWebhookError } from 'p100-webhooks';
 *
 * function describe(error: unknown) {
 *   return isPoaWebhookError(error) ? `${error.code} (${error.httpStatus})` : 'unexpected';
 * }
 * ```
 */
export function isPoaWebhookError(value: unknown): value is PoaWebhookError {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (value instanceof PoaWebhookError) return true;
    const { name, code, message, httpStatus, issues } = value as Record<string, unknown>;
    return (
      name === 'PoaWebhookError' &&
      // A real error from any realm (an [[ErrorData]] object), not a plain object dressed as one.
      Object.prototype.toString.call(value) === '[object Error]' &&
      typeof message === 'string' &&
      typeof code === 'string' &&
      Object.hasOwn(POA_WEBHOOK_ERROR_HTTP_STATUS, code) &&
      typeof httpStatus === 'number' &&
      Array.isArray(issues)
    );
  } catch {
    // A proxy or a throwing getter is not one of ours.
    return false;
  }
}
