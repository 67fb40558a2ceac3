import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertPoaWebhookOptions } from '../core/assert-poa-webhook-options.ts';
import { handlePoaWebhook } from '../core/handle-poa-webhook.ts';
import { matchPoaWebhookPath } from '../core/match-poa-webhook-path.ts';
import type { PoaWebhookOptions } from '../core/poa-webhook-options.ts';
import type { PoaWebhookRequest } from '../core/poa-webhook-request.ts';

/**
 * Options of {@link createNodeHandler}: the shared handler options, whose `path` (when set) sends
 * other paths to `next()`, or answers them 404 when there is no `next`.
 *
 * @example
 * ```ts
 * import type { NodeHandlerOptions } from 'p100-webhooks/node';
 *
 * const options: NodeHandlerOptions = { secret: 's3cret', path: '/webhook/poa-verification/status', onEvent: () => {} };
 * ```
 */
export type NodeHandlerOptions = PoaWebhookOptions;

/**
 * A Node request handler that is also Express/Connect middleware.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNodeHandler, type NodeHandler } from 'p100-webhooks/node';
 *
 * const handler: NodeHandler = createNodeHandler({ secret: 's3cret', onEvent: () => {} });
 * createServer(handler);
 * ```
 */
export type NodeHandler = (
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * Creates a handler for `node:http` servers and Express/Connect/Fastify-style middleware. It streams
 * the body (stopping at `maxBodyBytes`), or uses `req.body` when a body parser already read it.
 *
 * @param options - The secret, the handlers, and optionally `path`.
 * @returns `(req, res, next?) => Promise<void>`; it never rejects.
 * @throws TypeError when the options are invalid.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNodeHandler } from 'p100-webhooks/node';
 *
 * const handler = createNodeHandler({
 *   secret: 's3cret',
 *   path: '/webhook/poa-verification/status',
 *   on: {
 *     WAITING: () => {},
 *     APPROVED: (event) => console.log('verified', event.externalUserId),
 *     REJECTED: () => {},
 *     QUESTIONED: () => {},
 *   },
 * });
 * createServer(handler).listen(3000, '127.0.0.1');
 * ```
 */
export function createNodeHandler(options: NodeHandlerOptions): NodeHandler {
  assertPoaWebhookOptions(options);
  return async (req, res, next) => {
    if (next !== undefined && options.path !== undefined && !matchPoaWebhookPath(req.url ?? '/', options.path)) {
      next();
      return;
    }
    const request: PoaWebhookRequest = { method: req.method ?? '', headers: req.headers, url: req.url ?? '/' };
    const parsed = req.body;
    if (parsed === undefined) request.body = req;
    else if (typeof parsed === 'string' || parsed instanceof Uint8Array) request.body = parsed;
    else request.parsedBody = parsed;

    const response = await handlePoaWebhook(request, options);
    if (res.headersSent || res.destroyed) return;
    // A body left unread (refused before reading, or over the limit): close instead of draining it.
    if (!req.complete) res.shouldKeepAlive = false;
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  };
}
