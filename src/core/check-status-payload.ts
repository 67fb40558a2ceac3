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
    let invalid = !isText(externalUserId);
    let unknown = false;
    for (const { key, statuses } of shape.statusFields) {
      const status = readOwnField(value, key);
      fields[key] = status;
      if (statuses.includes(status as string)) continue;
      if (isText(status)) unknown = true;
      else invalid = true;
    }
    for (const key of shape.optionalTextFields) {
      const text = readOwnField(value, key);
      if (text === undefined) continue;
      fields[key] = text;
      if (text !== null && typeof text !== 'string') invalid = true;
    }
    if (!invalid && !unknown) return { success: true, event: fields as E };
    if (!invalid) {
      const messages = shape.statusFields
        .filter(({ key, statuses }) => !statuses.includes(fields[key] as string))
        .map(({ key, statuses }) => unknownStatusMessage(key, fields[key] as string, statuses));
      return { success: false, error: new PoaWebhookError('UNKNOWN_STATUS', messages.join(' ')), unknown: fields as U };
    }
    return invalidPayload(issuesOf(fields, shape));
  } catch (cause) {
    // Only exotic values (proxies, throwing getters) get here; JSON values never do.
    return invalidPayload([{ path: '', message: 'The payload could not be read' }], cause);
  }
}

/** The issues of fields already read, in the order of the shape (an unknown status counts as one). */
function issuesOf(fields: Readonly<Record<string, unknown>>, shape: StatusPayloadShape): PoaWebhookIssue[] {
  const issues: PoaWebhookIssue[] = [];
  if (!isText(fields['externalUserId'])) issues.push(idIssue(fields['externalUserId']));
  for (const { key, statuses } of shape.statusFields) {
    if (!statuses.includes(fields[key] as string)) issues.push(statusIssue(key, statuses, fields[key]));
  }
  for (const key of shape.optionalTextFields) {
    const text = fields[key];
    if (text !== undefined && text !== null && typeof text !== 'string') {
      issues.push({ path: key, message: `Expected a string or null, received ${describeValue(text)}` });
    }
  }
  return issues;
}
