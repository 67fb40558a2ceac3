import * as v from 'valibot';
import { MAX_EXTERNAL_USER_ID_LENGTH } from './max-external-user-id-length.ts';
import { externalUserIdSchema, jsonObjectSchema, ownFieldsOf } from './payload-schema-parts.ts';

export { MAX_EXTERNAL_USER_ID_LENGTH };

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
    jsonObjectSchema(),
    v.transform(ownFieldsOf(['externalUserId', 'status'])),
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
