import type { PoaWebhookOptions } from './poa-webhook-options.ts';
import type { PoaWebhookRequest, PoaWebhookResponse } from './poa-webhook-request.ts';
import { receiverFor } from './receiver/create-receiver.ts';
import { requestSource } from './receiver/request-source.ts';
import { resolveOptions } from './receiver/resolve-options.ts';

/**
 * The runtime-neutral webhook handler every adapter wraps: it checks path, method, authorization
 * (before touching the body), size, JSON and payload, in that order, calls exactly one handler for
 * an accepted delivery, and returns the answer to send. It never rejects for a bad request; it
 * rejects only with a `TypeError` for invalid options. A `secret` function is called after the
 * method check; when it returns no usable secret the answer is 500 `SECRET_NOT_CONFIGURED` and
 * `onError` is called (this function logs nothing itself; the adapters also log it once).
 *
 * @param request - The request, as an adapter or your own code reads it.
 * @param options - The secret and the handlers.
 * @returns The status, headers and JSON body to answer with.
 * @throws TypeError (as a rejection) when the options are invalid.
 * @example
 * ```ts
 * import { handlePoaWebhook } from 'p100-webhooks';
 *
 * const response = await handlePoaWebhook(
 *   { method: 'POST', headers: { authorization: 's3cret' }, body: '{"externalUserId":"u-1","status":"APPROVED"}' },
 *   { secret: 's3cret', onEvent: (event) => console.log(event.status) },
 * );
 * console.log(response.status, response.body); // 200 {}
 * ```
 */
export async function handlePoaWebhook(request: PoaWebhookRequest, options: PoaWebhookOptions): Promise<PoaWebhookResponse> {
  return receiverFor(options, resolveOptions).receive(requestSource(request));
}
