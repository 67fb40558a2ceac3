import type { P100CustomSchemas, P100WebhooksOptions } from './p100-webhooks-options.ts';
import type { PoaWebhookOptions } from './poa-webhook-options.ts';
import type { PoaWebhookRequest, PoaWebhookResponse } from './poa-webhook-request.ts';
import { receiverFor } from './receiver/create-receiver.ts';
import { requestSource } from './receiver/request-source.ts';
import { resolveAnyOptions } from './receiver/resolve-p100-options.ts';

/**
 * {@link handlePoaWebhook} for several P100 webhooks on one server: the path picks the route (P100
 * sends no event type), then the same checks in the same order (method, authorization, size, JSON,
 * the route's payload), and exactly one handler for an accepted delivery. A path no route serves is
 * 404 `NOT_FOUND`. Given POA-only options (`on`, `onEvent` or `inbox`, no `webhooks`) it is
 * {@link handlePoaWebhook}: that is how an `inbox` is used here, since the inbox queues POA deliveries. It never rejects for a bad request; it rejects only with a `TypeError` for invalid
 * options: an unknown webhook, two routes on one path, a route without exactly one handler.
 *
 * @param request - The request, as an adapter or your own code reads it.
 * @param options - The secret, the limits and a route per webhook (or POA-only options).
 * @returns The status, headers and JSON body to answer with.
 * @throws TypeError (as a rejection) when the options are invalid.
 * @example
 * ```ts
 * import { handleP100Webhook } from 'p100-webhooks';
 * import * as v from 'valibot';
 *
 * const response = await handleP100Webhook(
 *   { method: 'POST', url: '/webhook/crypto-deposit', headers: { authorization: 's3cret' }, body: '{"externalUserId":"u-1","txHash":"0xabc"}' },
 *   {
 *     secret: 's3cret',
 *     webhooks: {
 *       poaVerificationStatus: { onEvent: (event) => console.log('POA', event.status) },
 *       custom: {
 *         cryptoDeposit: {
 *           path: '/webhook/crypto-deposit',
 *           schema: v.object({ externalUserId: v.string(), txHash: v.string() }),
 *           onEvent: (event) => console.log('deposit', event.txHash),
 *         },
 *       },
 *     },
 *   },
 * );
 * console.log(response.status, response.body); // 200 {}
 * ```
 */
export async function handleP100Webhook<const C extends P100CustomSchemas = P100CustomSchemas>(
  request: PoaWebhookRequest,
  options: P100WebhooksOptions<C> | PoaWebhookOptions,
): Promise<PoaWebhookResponse> {
  return receiverFor(options, resolveAnyOptions).receive(requestSource(request));
}
