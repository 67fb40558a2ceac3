import { adapterReceiver } from '../adapters/adapter-receiver.ts';
import type { P100CustomSchemas, P100WebhooksOptions } from '../core/p100-webhooks-options.ts';
import { NO_BODY } from '../core/receiver/received-body.ts';
import { readStream } from '../core/receiver/read-stream.ts';
import type { PoaWebhookOptions } from '../core/poa-webhook-options.ts';

/**
 * A Fetch API handler: a web `Request` in, a `Response` out.
 *
 * @example
 * ```ts
 * import { createFetchHandler, type FetchHandler } from 'p100-webhooks/fetch';
 *
 * const handler: FetchHandler = createFetchHandler({ secret: 's3cret', onEvent: () => {} });
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Creates a handler for any Fetch API runtime: Next.js route handlers, Hono, Deno.serve, Bun.serve,
 * Cloudflare Workers. Uses only web-standard APIs, and `console.error` for the one line that reports a
 * `secret` function returning no secret.
 *
 * @param options - The secret and the handlers.
 * @returns `(request: Request) => Promise<Response>`; it never rejects.
 * @throws TypeError when the options are invalid.
 * @example A Next.js route handler
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 *
 * // app/webhook/poa-verification/status/route.ts in Next.js: the secret is read at the first
 * // delivery, so `next build` passes without it; unset at run time, deliveries get a JSON 500
 * // SECRET_NOT_CONFIGURED and the handler logs it once.
 * export const POST = createFetchHandler({
 *   secret: () => process.env.P100_WEBHOOK_SECRET,
 *   onEvent: async (event) => console.log(event.externalUserId, event.status),
 * });
 * ```
 * @example Hono on any runtime
 * Hand over the raw `Request` (`c.req.raw`), on Node through `@hono/node-server` as well.
 * ```ts
 * import { Hono } from 'hono';
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 *
 * const handler = createFetchHandler({ secret: 's3cret', onEvent: () => {} });
 * const app = new Hono();
 * app.all('/webhook/poa-verification/status', (c) => handler(c.req.raw));
 * ```
 */
export function createFetchHandler<const C extends P100CustomSchemas = P100CustomSchemas>(options: PoaWebhookOptions | P100WebhooksOptions<C>): FetchHandler {
  const receiver = adapterReceiver(options as PoaWebhookOptions, (message) => console.error(message));
  return async (request) => {
    const answer = await receiver.receive({
      method: request.method,
      url: request.url,
      headers: request.headers,
      readBody: (maxBytes) => {
        if (request.bodyUsed || request.body?.locked === true) return { kind: 'unavailable', reason: 'the Request body was read before the webhook handler.' };
        return request.body === null ? NO_BODY : readStream(request.body, maxBytes);
      },
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
