import { invalidPayload } from '../payload-issues.ts';
import { PoaWebhookError } from '../poa-webhook-error.ts';
import type { StandardSchemaV1 } from '../standard-schema-v1.ts';
import type { PayloadCheck } from './webhook-definition.ts';
import { isThenable } from './run-handler.ts';

/**
 * The payload check of a `custom` route: its Standard Schema's `validate`, whose issues become
 * `INVALID_PAYLOAD` issues with dotted paths. A schema that throws, rejects or returns no result is
 * the partner's code failing, not a bad delivery: 500 `HANDLER_FAILED`, so P100 retries.
 *
 * @internal
 */
export function standardSchemaCheck(schema: StandardSchemaV1): (value: unknown) => PayloadCheck<object> | Promise<PayloadCheck<object>> {
  const { validate } = schema['~standard'];
  return (value) => {
    try {
      const result = validate(value);
      return isThenable(result) ? Promise.resolve(result).then(checked).catch(schemaFailed) : checked(result);
    } catch (cause) {
      return schemaFailed(cause);
    }
  };
}

/** @throws TypeError for a result that is not a Standard Schema result. */
function checked(result: StandardSchemaV1.Result<unknown>): PayloadCheck<object> {
  if (typeof result !== 'object' || result === null) throw new TypeError('The schema returned no Standard Schema result.');
  if (!result.issues) return { success: true, event: result.value as object };
  return invalidPayload(Array.from(result.issues, (issue) => ({ path: pathOf(issue.path), message: String(issue.message) })));
}

/** A Standard Schema path as a dotted path: `['items', 0, { key: 'id' }]` is `items.0.id`. */
function pathOf(path: StandardSchemaV1.Issue['path']): string {
  if (path === undefined) return '';
  return Array.from(path, (segment) => String(typeof segment === 'object' && segment !== null ? segment.key : segment)).join('.');
}

function schemaFailed(cause: unknown): PayloadCheck<never> {
  return { success: false, error: new PoaWebhookError('HANDLER_FAILED', 'The route\'s schema failed while validating the payload.', { cause }) };
}
