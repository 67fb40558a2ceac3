/**
 * The runtime-neutral core of `p100-webhooks`: parse, validate and dispatch P100 Partner API
 * **POA Verification Status** webhooks, and {@link handlePoaWebhook}, the request handler every
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
