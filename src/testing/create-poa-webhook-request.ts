import {
  DEFAULT_TEST_PATH,
  type PoaTestDeliveryOptions,
  testDeliveryHeaders,
} from './poa-test-delivery-options.ts';
import type { P100WebhookTestBody } from './p100-webhook-test-body.ts';
import { testBodyBytes } from './poa-webhook-test-body.ts';

/**
 * Options of {@link createPoaWebhookRequest}.
 *
 * @example
 * ```ts
 * import type { CreatePoaWebhookRequestOptions } from 'p100-webhooks/testing';
 *
 * const options: CreatePoaWebhookRequestOptions = { secret: 's3cret', url: 'http://localhost:3000/webhooks/poa' };
 * ```
 */
export interface CreatePoaWebhookRequestOptions extends PoaTestDeliveryOptions {
  /**
   * The request URL; give the path your route serves for any other webhook than POA (P100 documents
   * none for the KYC ones). @default 'https://partner.example/webhook/poa-verification/status'
   */
  readonly url?: string | URL;
  /** The HTTP method; `GET` and `HEAD` are sent without a body. @default 'POST' */
  readonly method?: string;
}

/**
 * Builds a Fetch `Request` the way P100 delivers a webhook: `POST`, `content-type: application/json`
 * and `Authorization: Bearer <secret>`, with the event as its JSON body (or a raw body as given).
 * Hand it to a Fetch handler (Next.js route, Hono app, Worker, `createFetchHandler`) in a test.
 * Any webhook's event goes: POA (the default URL's path), KYC Verification Status, KYC File Added,
 * User status, or a custom route's body, whose shape you name as the type argument `Custom`.
 *
 * @typeParam Custom - The shape of a custom webhook's body (see `P100WebhookTestBody`); none by default.
 * @param eventOrBody - An event (see {@link createPoaVerificationEvent}, `createKycVerificationStatusEvent`,
 *   `createKycFileAddedEvent`, `createUserStatusEvent`), a `Custom` object, or a raw string/bytes body.
 * @param options - The secret (`null` for none), and optionally `url`, `method` and extra `headers`.
 * @returns A new `Request`, unread.
 * @throws TypeError when `secret` is neither a non-empty string nor `null`, or `url` is not a valid absolute URL.
 * @example
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { createPoaVerificationEvent, createPoaWebhookRequest } from 'p100-webhooks/testing';
 *
 * const handler = createFetchHandler({ secret: 's3cret', onEvent: (event) => console.log(event.status) });
 * const response = await handler(
 *   createPoaWebhookRequest(createPoaVerificationEvent({ status: 'QUESTIONED' }), { secret: 's3cret' }),
 * );
 * console.log(response.status); // 200
 *
 * const hostile = await handler(createPoaWebhookRequest('{not json', { secret: 's3cret' }));
 * console.log(hostile.status); // 400 (INVALID_JSON)
 * ```
 * @example Another webhook, and a custom one, on a routed handler
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { createKycFileAddedEvent, createPoaWebhookRequest } from 'p100-webhooks/testing';
 * import * as v from 'valibot';
 *
 * const deposit = v.object({ externalUserId: v.string(), txHash: v.string() });
 * const handler = createFetchHandler({
 *   secret: 's3cret',
 *   webhooks: {
 *     kycFileAdded: { path: '/webhook/kyc/file-added', onEvent: (event) => console.log(event.status) },
 *     custom: { cryptoDeposit: { path: '/webhook/crypto-deposit', schema: deposit, onEvent: (event) => console.log(event.txHash) } },
 *   },
 * });
 * await handler(createPoaWebhookRequest(createKycFileAddedEvent({ status: 'ERROR' }), {
 *   secret: 's3cret',
 *   url: 'https://partner.example/webhook/kyc/file-added',
 * }));
 * await handler(createPoaWebhookRequest<v.InferInput<typeof deposit>>({ externalUserId: 'user-42', txHash: '0xabc' }, {
 *   secret: 's3cret',
 *   url: 'https://partner.example/webhook/crypto-deposit',
 * }));
 * ```
 */
export function createPoaWebhookRequest<Custom extends object = never>(
  eventOrBody: P100WebhookTestBody<[Custom][Custom extends unknown ? 0 : never]>,
  options: CreatePoaWebhookRequestOptions,
): Request {
  const url = new URL(options.url ?? `https://partner.example${DEFAULT_TEST_PATH}`);
  const method = options.method ?? 'POST';
  const headers = testDeliveryHeaders(options);
  const init: RequestInit = { method, headers };
  const upper = method.toUpperCase();
  if (upper !== 'GET' && upper !== 'HEAD') init.body = testBodyBytes(eventOrBody);
  return new Request(url, init);
}
