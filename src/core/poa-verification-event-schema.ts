import * as v from 'valibot';
import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import { readOwnField } from './read-own-field.ts';

export { MAX_EXTERNAL_USER_ID_LENGTH };

const EXTERNAL_USER_ID_MESSAGE = `Expected a non-empty string of at most ${MAX_EXTERNAL_USER_ID_LENGTH} characters`;

const externalUserIdSchema = () =>
  v.pipe(
    v.string(EXTERNAL_USER_ID_MESSAGE),
    v.minLength(1, EXTERNAL_USER_ID_MESSAGE),
    v.maxLength(MAX_EXTERNAL_USER_ID_LENGTH, EXTERNAL_USER_ID_MESSAGE),
  );

/** The two fields, read once from the object's own properties (`undefined` when inherited, missing or unreadable). */
function ownFields(value: object): { externalUserId: unknown; status: unknown } {
  try {
    return { externalUserId: readOwnField(value, 'externalUserId'), status: readOwnField(value, 'status') };
  } catch {
    return { externalUserId: undefined, status: undefined };
  }
}

const eventOf = <const S extends string>(externalUserId: ReturnType<typeof externalUserIdSchema>, status: S) =>
  v.pipe(v.object({ externalUserId, status: v.literal(status) }), v.readonly());

/**
 * The valibot schema of a POA Verification Status payload: a Standard Schema v1, usable with any
 * library that accepts one. Unknown fields are accepted and dropped from the output.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { PoaVerificationEventSchema } from 'p100-webhooks';
 *
 * const event = v.parse(PoaVerificationEventSchema, { externalUserId: 'u-1', status: 'APPROVED' });
 * ```
 */
// Built in one call marked pure, so a bundler drops the schema (and valibot with it) from any bundle
// that does not use it: the parse path does not.
export const PoaVerificationEventSchema = /* @__PURE__ */ (() => {
  const externalUserId = externalUserIdSchema();
  return v.pipe(
    // Only a non-array object's own fields count, read once (as validatePoaVerificationEvent reads them).
    v.custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'Expected a JSON object'),
    v.transform(ownFields),
    v.variant(
      'status',
      [
        eventOf(externalUserId, 'WAITING'),
        eventOf(externalUserId, 'APPROVED'),
        eventOf(externalUserId, 'REJECTED'),
        eventOf(externalUserId, 'QUESTIONED'),
      ],
      'Expected "status" to be one of WAITING, APPROVED, REJECTED, QUESTIONED',
    ),
  );
})();

/**
 * A POA Verification Status webhook, discriminated on `status`.
 *
 * @example
 * ```ts
 * import type { PoaVerificationEvent } from 'p100-webhooks';
 *
 * const event: PoaVerificationEvent = { externalUserId: 'u-1', status: 'QUESTIONED' };
 * ```
 */
export type PoaVerificationEvent = v.InferOutput<typeof PoaVerificationEventSchema>;
