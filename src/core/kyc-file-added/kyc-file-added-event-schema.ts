import * as v from 'valibot';
import { externalUserIdSchema, jsonObjectSchema, ownFieldsOf } from '../payload-schema-parts.ts';
import { KYC_FILE_STATUSES, type KycFileStatus } from './kyc-file-statuses.ts';

/**
 * The valibot schema of a KYC File Added payload: a Standard Schema v1, usable with any library that
 * accepts one. Unknown fields are accepted and dropped from the output.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { KycFileAddedEventSchema } from 'p100-webhooks';
 *
 * const event = v.parse(KycFileAddedEventSchema, { externalUserId: 'u-1', status: 'ADDED' });
 * ```
 */
// Built in one call marked pure, so a bundler drops the schema (and valibot with it) from any bundle
// that does not use it: the parse path does not.
export const KycFileAddedEventSchema = /* @__PURE__ */ (() => {
  const externalUserId = externalUserIdSchema();
  const eventOf = <const S extends KycFileStatus>(status: S) => v.pipe(v.object({ externalUserId, status: v.literal(status) }), v.readonly());
  return v.pipe(
    // Only a non-array object's own fields count, read once (as validateKycFileAddedEvent reads them).
    jsonObjectSchema(),
    v.transform(ownFieldsOf(['externalUserId', 'status'])),
    v.variant(
      'status',
      [eventOf('ADDED'), eventOf('ERROR')],
      `Expected "status" to be one of ${KYC_FILE_STATUSES.join(', ')}`,
    ),
  );
})();

/**
 * A KYC File Added webhook, discriminated on `status`.
 *
 * @example
 * ```ts
 * import type { KycFileAddedEvent } from 'p100-webhooks';
 *
 * const event: KycFileAddedEvent = { externalUserId: 'u-1', status: 'ADDED' };
 * ```
 */
export type KycFileAddedEvent = v.InferOutput<typeof KycFileAddedEventSchema>;
