import * as v from 'valibot';
import { externalUserIdSchema, jsonObjectSchema, ownFieldsOf } from '../payload-schema-parts.ts';
import { KYC_ATTEMPT_STATUSES } from './kyc-attempt-statuses.ts';
import type { KycVerificationStatus } from './kyc-verification-statuses.ts';

/**
 * The valibot schema of a KYC Verification Status payload: a Standard Schema v1, usable with any
 * library that accepts one. `rejectionReason` may be absent, `null` or any string (P100 does not list
 * its values), and is passed through as given; unknown fields are accepted and dropped from the output.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { KycVerificationStatusEventSchema } from 'p100-webhooks';
 *
 * const event = v.parse(KycVerificationStatusEventSchema, {
 *   externalUserId: 'u-1',
 *   verificationStatus: 'NOT_VERIFIED',
 *   attemptStatus: 'REJECTED_BY_PROVIDER',
 *   rejectionReason: 'NO_FACE_FOUND',
 * });
 * ```
 */
// Built in one call marked pure, so a bundler drops the schema (and valibot with it) from any bundle
// that does not use it: the parse path does not.
export const KycVerificationStatusEventSchema = /* @__PURE__ */ (() => {
  const externalUserId = externalUserIdSchema();
  const attemptStatus = v.picklist(KYC_ATTEMPT_STATUSES, `Expected "attemptStatus" to be one of ${KYC_ATTEMPT_STATUSES.join(', ')}`);
  const rejectionReason = v.exactOptional(v.nullable(v.string('Expected "rejectionReason" to be a string or null')));
  const eventOf = <const S extends KycVerificationStatus>(verificationStatus: S) =>
    v.pipe(v.object({ externalUserId, verificationStatus: v.literal(verificationStatus), attemptStatus, rejectionReason }), v.readonly());
  return v.pipe(
    // Only a non-array object's own fields count, read once (as validateKycVerificationStatusEvent reads them).
    jsonObjectSchema(),
    v.transform(ownFieldsOf(['externalUserId', 'verificationStatus', 'attemptStatus'], ['rejectionReason'])),
    v.variant(
      'verificationStatus',
      [eventOf('NOT_VERIFIED'), eventOf('VERIFIED'), eventOf('EXPIRED')],
      'Expected "verificationStatus" to be one of NOT_VERIFIED, VERIFIED, EXPIRED',
    ),
  );
})();

/**
 * A KYC Verification Status webhook, discriminated on `verificationStatus`; `attemptStatus` is the
 * state of the latest attempt, `rejectionReason` (absent, `null` or a string) as P100 sent it.
 *
 * @example
 * ```ts
 * import type { KycVerificationStatusEvent } from 'p100-webhooks';
 *
 * const event: KycVerificationStatusEvent = {
 *   externalUserId: 'u-1',
 *   verificationStatus: 'NOT_VERIFIED',
 *   attemptStatus: 'REJECTED_BY_PROVIDER',
 *   rejectionReason: 'NO_FACE_FOUND',
 * };
 * ```
 */
export type KycVerificationStatusEvent = v.InferOutput<typeof KycVerificationStatusEventSchema>;
