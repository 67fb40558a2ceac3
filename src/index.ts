/**
 * The runtime-neutral core of `p100-webhooks`: parse, validate and dispatch P100 Partner API
 * **POA Verification Status** webhooks (and the KYC Verification Status, KYC File Added and User
 * status payloads), and {@link handlePoaWebhook}, the request handler every
 * adapter wraps. Imports nothing from `node:*`; runs in Node, Bun, Deno, workerd, edge runtimes
 * and browsers.
 *
 * @example
 * ```ts
 * import { matchPoaStatus, safeParsePoaVerificationEvent } from 'p100-webhooks';
 *
 * const result = safeParsePoaVerificationEvent('{"externalUserId":"u-1","status":"APPROVED"}');
 * if (result.success) {
 *   matchPoaStatus(result.event, {
 *     WAITING: () => {},
 *     APPROVED: (event) => console.log('unlock', event.externalUserId),
 *     REJECTED: () => {},
 *     QUESTIONED: () => {},
 *   });
 * }
 * ```
 *
 * @module p100-webhooks
 */
export { handleP100Webhook } from './core/handle-p100-webhook.ts';
export { handlePoaWebhook } from './core/handle-poa-webhook.ts';
export { isPoaVerificationEvent } from './core/is-poa-verification-event.ts';
export { isPoaVerificationStatus } from './core/is-poa-verification-status.ts';
export { isPoaApproved, isPoaQuestioned, isPoaRejected, isPoaWaiting } from './core/is-poa-status.ts';
export { isPoaWebhookError } from './core/is-poa-webhook-error.ts';
export { matchPoaStatus, type PoaStatusHandlers } from './core/match-poa-status.ts';
export { matchPoaWebhookPath } from './core/match-poa-webhook-path.ts';
export type {
  P100CustomSchemas,
  P100CustomWebhookRoute,
  P100WebhookRouteOptions,
  P100WebhookRoutes,
  P100WebhooksOptions,
} from './core/p100-webhooks-options.ts';
export { parsePoaVerificationEvent } from './core/parse-poa-verification-event.ts';
export type { PoaDeliveryInbox, PoaInboxMessage } from './core/poa-delivery-inbox.ts';
export type { PoaDecision, PoaDeliveryApply, PoaDeliveryLedger, PoaDeliveryOptions, PoaDeliveryRecord } from './core/poa-delivery-ledger.ts';
export type { PoaParseResult } from './core/poa-parse-result.ts';
export { isTerminalPoaStatus, poaStatusRequiresUserAction } from './core/poa-status-traits.ts';
export type { PoaVerificationEventOf } from './core/poa-verification-event-of.ts';
export { type PoaVerificationEvent, PoaVerificationEventSchema } from './core/poa-verification-event-schema.ts';
export { POA_VERIFICATION_STATUSES, type PoaVerificationStatus } from './core/poa-verification-statuses.ts';
export {
  POA_WEBHOOK_ERROR_HTTP_STATUS,
  PoaWebhookError,
  type PoaWebhookErrorCode,
  type PoaWebhookErrorOptions,
  type PoaWebhookIssue,
} from './core/poa-webhook-error.ts';
export type {
  PoaEventHandlers,
  PoaWebhookBaseOptions,
  PoaWebhookContext,
  PoaWebhookInboxOptions,
  PoaWebhookOptions,
} from './core/poa-webhook-options.ts';
export type { PoaWebhookSecret, PoaWebhookSecretSource } from './core/poa-webhook-secret.ts';
export type { PoaBodyStream, PoaHeaders, PoaWebhookRequest, PoaWebhookResponse } from './core/poa-webhook-request.ts';
export type { PoaRawBody } from './core/read-json-body.ts';
export type { StandardSchemaV1 } from './core/standard-schema-v1.ts';
export { safeParsePoaVerificationEvent } from './core/safe-parse-poa-verification-event.ts';
export { validatePoaVerificationEvent } from './core/validate-poa-verification-event.ts';
export { verifyAuthorizationHeader } from './core/verify-authorization-header.ts';
export { isKycAttemptStatus } from './core/kyc-verification-status/is-kyc-attempt-status.ts';
export { isKycVerificationStatus } from './core/kyc-verification-status/is-kyc-verification-status.ts';
export { isKycVerificationStatusEvent } from './core/kyc-verification-status/is-kyc-verification-status-event.ts';
export { isKycExpired, isKycNotVerified, isKycVerified } from './core/kyc-verification-status/is-kyc-verification-status-guards.ts';
export { KYC_ATTEMPT_STATUSES, type KycAttemptStatus } from './core/kyc-verification-status/kyc-attempt-statuses.ts';
export type { KycParseResult } from './core/kyc-verification-status/kyc-parse-result.ts';
export type { KycVerificationStatusEventOf } from './core/kyc-verification-status/kyc-verification-status-event-of.ts';
export {
  type KycVerificationStatusEvent,
  KycVerificationStatusEventSchema,
} from './core/kyc-verification-status/kyc-verification-status-event-schema.ts';
export { KYC_VERIFICATION_STATUSES, type KycVerificationStatus } from './core/kyc-verification-status/kyc-verification-statuses.ts';
export {
  type KycVerificationStatusHandlers,
  matchKycVerificationStatus,
} from './core/kyc-verification-status/match-kyc-verification-status.ts';
export { parseKycVerificationStatusEvent } from './core/kyc-verification-status/parse-kyc-verification-status-event.ts';
export { safeParseKycVerificationStatusEvent } from './core/kyc-verification-status/safe-parse-kyc-verification-status-event.ts';
export { validateKycVerificationStatusEvent } from './core/kyc-verification-status/validate-kyc-verification-status-event.ts';
export { isKycFileAddedEvent } from './core/kyc-file-added/is-kyc-file-added-event.ts';
export { isKycFileAdded, isKycFileError } from './core/kyc-file-added/is-kyc-file-added-guards.ts';
export { isKycFileStatus } from './core/kyc-file-added/is-kyc-file-status.ts';
export type { KycFileAddedEventOf } from './core/kyc-file-added/kyc-file-added-event-of.ts';
export { type KycFileAddedEvent, KycFileAddedEventSchema } from './core/kyc-file-added/kyc-file-added-event-schema.ts';
export type { KycFileParseResult } from './core/kyc-file-added/kyc-file-parse-result.ts';
export { KYC_FILE_STATUSES, type KycFileStatus } from './core/kyc-file-added/kyc-file-statuses.ts';
export { type KycFileStatusHandlers, matchKycFileStatus } from './core/kyc-file-added/match-kyc-file-status.ts';
export { parseKycFileAddedEvent } from './core/kyc-file-added/parse-kyc-file-added-event.ts';
export { safeParseKycFileAddedEvent } from './core/kyc-file-added/safe-parse-kyc-file-added-event.ts';
export { validateKycFileAddedEvent } from './core/kyc-file-added/validate-kyc-file-added-event.ts';
export type { P100ParseResult } from './core/p100-parse-result.ts';
export { isUserStatus } from './core/user-status/is-user-status.ts';
export { isUserStatusEvent } from './core/user-status/is-user-status-event.ts';
export { isUserActive } from './core/user-status/is-user-status-guards.ts';
export { matchUserStatus, type UserStatusHandlers } from './core/user-status/match-user-status.ts';
export { parseUserStatusEvent } from './core/user-status/parse-user-status-event.ts';
export { safeParseUserStatusEvent } from './core/user-status/safe-parse-user-status-event.ts';
export type { UserStatusEventOf } from './core/user-status/user-status-event-of.ts';
export { type UserStatusEvent, UserStatusEventSchema } from './core/user-status/user-status-event-schema.ts';
export type { UserStatusParseResult } from './core/user-status/user-status-parse-result.ts';
export { USER_STATUSES, type UserStatus } from './core/user-status/user-statuses.ts';
export { validateUserStatusEvent } from './core/user-status/validate-user-status-event.ts';
