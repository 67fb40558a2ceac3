/**
 * The testing kit: build authenticated P100 deliveries (an event of every documented webhook, a Fetch
 * `Request`, a Lambda event of every kind, plain or base64) for your own tests, and deliver them over
 * real HTTP like P100 does, retries included. The `Request`, Lambda and send builders take any
 * webhook's event (POA, KYC Verification Status, KYC File Added, User status), a custom route's
 * body, or a raw string or bytes. Runtime-neutral: it needs only web APIs (`fetch`, `Request`, `TextEncoder`,
 * `btoa`), so it runs in Node, Bun, Deno, workerd and edge runtimes.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { createPoaVerificationEvent, createPoaWebhookRequest } from 'p100-webhooks/testing';
 *
 * const handler = createFetchHandler({ secret: 'test-secret', onEvent: (event) => console.log(event.status) });
 * const event = createPoaVerificationEvent({ status: 'QUESTIONED' });
 * const response = await handler(createPoaWebhookRequest(event, { secret: 'test-secret' }));
 * console.log(response.status); // 200
 * ```
 *
 * @module p100-webhooks/testing
 */
export {
  createPoaLambdaEvent,
  type CreatePoaLambdaEventOptions,
  type PoaLambdaEventFor,
  type PoaLambdaEventFormat,
} from './testing/create-poa-lambda-event.ts';
export { createKycFileAddedEvent } from './testing/create-kyc-file-added-event.ts';
export { createKycVerificationStatusEvent } from './testing/create-kyc-verification-status-event.ts';
export { createPoaVerificationEvent } from './testing/create-poa-verification-event.ts';
export { createPoaWebhookRequest, type CreatePoaWebhookRequestOptions } from './testing/create-poa-webhook-request.ts';
export { createUserStatusEvent } from './testing/create-user-status-event.ts';
export { P100_RETRY_DELAYS_MS } from './testing/p100-retry-delays.ts';
export type { P100WebhookTestBody } from './testing/p100-webhook-test-body.ts';
export type { PoaTestDeliveryOptions } from './testing/poa-test-delivery-options.ts';
export type { PoaWebhookTestBody } from './testing/poa-webhook-test-body.ts';
export {
  type PoaDeliveryAttempt,
  type PoaDeliveryReport,
  type PoaRetryOptions,
  sendPoaWebhook,
  type SendPoaWebhookOptions,
} from './testing/send-poa-webhook.ts';
