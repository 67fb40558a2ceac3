import { describeValue, idIssue, invalidPayload, isText, statusIssue, unknownStatusMessage } from './payload-issues.ts';
import { PoaWebhookError, type PoaWebhookIssue } from './poa-webhook-error.ts';
import { readOwnField } from './read-own-field.ts';
import type { PayloadCheck } from './receiver/webhook-definition.ts';

/**
 * The shape of a P100 webhook payload made of an `externalUserId`, one or more status fields and
 * optional text fields: what {@link checkStatusPayload} checks.
 *
 * @internal
 */
export interface StatusPayloadShape {
  /** The status fields, in the order they are read and reported, each with every value it may take. */
  readonly statusFields: readonly { readonly key: string; readonly statuses: readonly string[] }[];
  /** Fields that may be absent, `null` or any string, passed through as given (absent stays absent). */
  readonly optionalTextFields: readonly string[];
}

/**
 * Checks a parsed JSON value against a {@link StatusPayloadShape}, with the rules of the POA check:
 * each field read once from the object's own properties, the event built only from the checked
 * fields (others dropped); `UNKNOWN_STATUS` when every field is valid but a status field holds a
 * string (1..256 characters) that is not one of its statuses, carrying the checked fields;
 * otherwise `INVALID_PAYLOAD` with one issue per offending field, in the order of the shape.
 *
 * The POA check keeps its own hand-written copy of these rules (its hot path reads two fields
 * with no loop); both build their answers from the same pieces.
 *
 * @internal
 */
export function checkStatusPayload<E extends object, U extends object>(value: unknown, shape: StatusPayloadShape): PayloadCheck<E, U> {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return invalidPayload([{ path: '', message: `Expected a JSON object, received ${describeValue(value)}` }]);
    }
    const externalUserId = readOwnField(value, 'externalUserId');
    const fields: Record<string, unknown> = { externalUserId };
    // Every offending field is an issue, in the order of the shape; an unknown status also has a message.
    const issues: PoaWebhookIssue[] = isText(externalUserId) ? [] : [idIssue(externalUserId)];
    const unknown: string[] = [];
    for (const { key, statuses } of shape.statusFields) {
      const status = readOwnField(value, key);
      fields[key] = status;
      if (statuses.includes(status as string)) continue;
      if (isText(status)) unknown.push(unknownStatusMessage(key, status, statuses));
      issues.push(statusIssue(key, statuses, status));
    }
    for (const key of shape.optionalTextFields) {
      const text = readOwnField(value, key);
      if (text === undefined) continue;
      fields[key] = text;
      if (text !== null && typeof text !== 'string') issues.push({ path: key, message: `Expected a string or null, received ${describeValue(text)}` });
    }
    if (issues.length === 0) return { success: true, event: fields as E };
    // Only unknown statuses, the rest valid: UNKNOWN_STATUS with the checked fields.
    if (issues.length === unknown.length) return { success: false, error: new PoaWebhookError('UNKNOWN_STATUS', unknown.join(' ')), unknown: fields as U };
    return invalidPayload(issues);
  } catch (cause) {
    // Only exotic values (proxies, throwing getters) get here; JSON values never do.
    return invalidPayload([{ path: '', message: 'The payload could not be read' }], cause);
  }
}
