import type { KycFileAddedEvent } from '../core/kyc-file-added/kyc-file-added-event-schema.ts';
import type { KycVerificationStatusEvent } from '../core/kyc-verification-status/kyc-verification-status-event-schema.ts';
import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';
import type { UserStatusEvent } from '../core/user-status/user-status-event-schema.ts';

/**
 * What every builder of the testing kit (`createPoaWebhookRequest`, `createPoaLambdaEvent`,
 * `sendPoaWebhook`) delivers: an event of any documented webhook (POA Verification Status, KYC
 * Verification Status, KYC File Added, User status), sent as its JSON; a raw body sent exactly as
 * given, a string or bytes, for hostile tests; or, for a `custom` route, an object of the shape
 * `Custom`, which you name as the builder's type argument (so a typo in a documented event's status
 * still fails to compile, and your own shape is checked too).
 *
 * @typeParam Custom - The shape of a custom webhook's body; none by default.
 * @example
 * ```ts
 * import type { P100WebhookTestBody } from 'p100-webhooks/testing';
 *
 * interface CryptoDeposit { readonly externalUserId: string; readonly txHash: string; readonly amount: string }
 *
 * const bodies: P100WebhookTestBody<CryptoDeposit>[] = [
 *   { externalUserId: 'user-42', status: 'APPROVED' },                                          // POA Verification Status
 *   { externalUserId: 'user-42', verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL' }, // KYC Verification Status
 *   { externalUserId: 'user-42', status: 'ADDED' },                                             // KYC File Added
 *   { externalUserId: 'user-42', status: 'ACTIVE' },                                            // User status
 *   { externalUserId: 'user-42', txHash: '0xabc', amount: '0.5' },                              // your own shape
 *   '{"externalUserId":"user-42","status":"ARCHIVED"}',                                         // anything, as a raw string
 * ];
 * ```
 */
export type P100WebhookTestBody<Custom extends object = never> =
  | PoaVerificationEvent
  | KycVerificationStatusEvent
  | KycFileAddedEvent
  | UserStatusEvent
  | Custom
  | string
  | Uint8Array;
