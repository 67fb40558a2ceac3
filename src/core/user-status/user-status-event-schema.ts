import * as v from 'valibot';
import { externalUserIdSchema, jsonObjectSchema, ownFieldsOf } from '../payload-schema-parts.ts';
import { USER_STATUSES, type UserStatus } from './user-statuses.ts';

/**
 * The valibot schema of a User status payload: a Standard Schema v1, usable with any library that
 * accepts one. Unknown fields are accepted and dropped from the output.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { UserStatusEventSchema } from 'p100-webhooks';
 *
 * const event = v.parse(UserStatusEventSchema, { externalUserId: 'u-1', status: 'ACTIVE' });
 * ```
 */
// Built in one call marked pure, so a bundler drops the schema (and valibot with it) from any bundle
// that does not use it: the parse path does not.
export const UserStatusEventSchema = /* @__PURE__ */ (() => {
  const externalUserId = externalUserIdSchema();
  const eventOf = <const S extends UserStatus>(status: S) => v.pipe(v.object({ externalUserId, status: v.literal(status) }), v.readonly());
  return v.pipe(
    // Only a non-array object's own fields count, read once (as validateUserStatusEvent reads them).
    jsonObjectSchema(),
    v.transform(ownFieldsOf(['externalUserId', 'status'])),
    v.variant(
      'status',
      [eventOf('ACTIVE')],
      `Expected "status" to be one of ${USER_STATUSES.join(', ')}`,
    ),
  );
})();

/**
 * A User status webhook, discriminated on `status`.
 *
 * @example
 * ```ts
 * import type { UserStatusEvent } from 'p100-webhooks';
 *
 * const event: UserStatusEvent = { externalUserId: 'u-1', status: 'ACTIVE' };
 * ```
 */
export type UserStatusEvent = v.InferOutput<typeof UserStatusEventSchema>;
