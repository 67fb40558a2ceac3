import * as v from 'valibot';
import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import { readOwnField } from './read-own-field.ts';

/**
 * The valibot pieces every webhook's schema is built from, so the schemas state the rules the hand
 * checks apply (a property test per webhook holds each pair together). Only the schemas use them:
 * a parse path never loads valibot.
 *
 * @internal
 */
export const externalUserIdSchema = () => {
  // Made here, not at the top level, so no parse path's bundle keeps the string.
  const message = `Expected a non-empty string of at most ${MAX_EXTERNAL_USER_ID_LENGTH} characters`;
  return v.pipe(v.string(message), v.minLength(1, message), v.maxLength(MAX_EXTERNAL_USER_ID_LENGTH, message));
};

/** Only a non-array object passes: its own fields are then read once by {@link ownFieldsOf}. @internal */
export const jsonObjectSchema = () =>
  v.custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'Expected a JSON object');

/**
 * A transform reading the named fields once from the object's own properties (`undefined` when
 * inherited, missing or unreadable). An `optional` field left `undefined` is omitted from the result,
 * as an absent field is from the event.
 *
 * @internal
 */
export function ownFieldsOf<const K extends string, const O extends string = never>(
  keys: readonly K[],
  optional: readonly O[] = [],
): (value: object) => { [P in K]: unknown } & { [P in O]?: unknown } {
  return (value) => {
    const fields: Record<string, unknown> = {};
    try {
      for (const key of keys) fields[key] = readOwnField(value, key);
      for (const key of optional) {
        const field = readOwnField(value, key);
        if (field !== undefined) fields[key] = field;
      }
    } catch {
      for (const key of keys) fields[key] = undefined;
      for (const key of optional) delete fields[key];
    }
    return fields as { [P in K]: unknown } & { [P in O]?: unknown };
  };
}
