import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AsyncResource } from 'node:async_hooks';
import { Buffer, isUtf8 } from 'node:buffer';
import type { PoaWebhookOptions } from '../core/poa-webhook-options.ts';
import type { PoaWebhookResponse } from '../core/poa-webhook-request.ts';
import { adapterReceiver } from '../adapters/adapter-receiver.ts';
import type { P100CustomSchemas, P100WebhooksOptions } from '../core/p100-webhooks-options.ts';
import type { ReceivedBody } from '../core/receiver/received-body.ts';
import type { ReceiverSource } from '../core/receiver/receiver-source.ts';
import { nodeHeaders } from './node-headers.ts';
import { readNodeBody } from './read-node-body.ts';

/**
 * Options of {@link createNodeHandler}: the shared handler options, whose `path` (when set) sends
 * other paths to `next()`, or answers them 404 `NOT_FOUND` when there is no `next`; or several
 * webhooks (`webhooks`, as for `handleP100Webhook`), a path none of them serves going to `next()`.
 *
 * @example
 * ```ts
 * import type { NodeHandlerOptions } from 'p100-webhooks/node';
 *
 * const options: NodeHandlerOptions = { secret: 's3cret', path: '/webhook/poa-verification/status', onEvent: () => {} };
 * ```
 */
export type NodeHandlerOptions<C extends P100CustomSchemas = P100CustomSchemas> = PoaWebhookOptions | P100WebhooksOptions<C>;

/**
 * The request a {@link NodeHandler} takes: a Node `IncomingMessage`, optionally carrying what a
 * framework's body parser produced (`body`) and the URL before a router stripped its mount path
 * (`originalUrl`, as Express sets it).
 *
 * @example
 * ```ts
 * import type { NodeHandlerRequest } from 'p100-webhooks/node';
 *
 * function hasParsedBody(req: NodeHandlerRequest): boolean {
 *   return req.body !== undefined;
 * }
 * ```
 */
export type NodeHandlerRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * A Node request handler that is also Express/Connect middleware. It never rejects.
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
export type NodeHandler = (req: NodeHandlerRequest, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/**
 * Creates a handler for `node:http` servers and Express/Connect-style middleware.
 *
 * It checks the `Authorization` header before reading anything, then streams the body and stops at
 * `maxBodyBytes` (413 without reading the rest; the connection is then closed instead of drained).
 * When a framework's body parser already read the body, `req.body` (a `Buffer`, a string or a parsed
 * JSON value) is used and the stream is never waited for. A repeated `Authorization` header is
 * handed to the core with all its values, so it is refused (401) as in every other adapter.
 *
 * With `path` set, requests for other paths go to `next()` (or are answered 404 `NOT_FOUND` when
 * there is no `next`); `req.url` and Express's `req.originalUrl` are both accepted.
 *
 * @param options - The secret, the handlers, and optionally `path`.
 * @returns `(req, res, next?) => Promise<void>`; it never rejects and never writes a response twice.
 * @throws TypeError when the options are invalid.
 * @example A node:http server on one path
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
 * @example Express 5, mounted before any body parser
 * Mounted first, it checks authorization before reading the body; behind `express.json()`,
 * `express.raw()` or `express.text()` it uses `req.body`, and the parser's own limit and error answers
 * apply first.
 * ```ts
 * import express from 'express';
 * import { createNodeHandler } from 'p100-webhooks/node';
 *
 * const app = express();
 * app.all('/webhook/poa-verification/status', createNodeHandler({ secret: 's3cret', onEvent: () => {} }));
 * app.use(express.json()); // the rest of the app
 * ```
 */
export function createNodeHandler<const C extends P100CustomSchemas = P100CustomSchemas>(options: NodeHandlerOptions<C>): NodeHandler {
  const receiver = adapterReceiver(options as PoaWebhookOptions, (message) => console.error(message));
  return (req, res, next) => {
    let url = req.url ?? '/';
    if (next !== undefined && !receiver.serves(url)) {
      const { originalUrl } = req;
      if (typeof originalUrl !== 'string' || !receiver.serves(originalUrl)) {
        next();
        return DONE;
      }
      url = originalUrl;
    }
    return new Promise((resolve) =>
      receiver.respond(new NodeSource(req, res, url), (response) => {
        write(res, response);
        resolve();
      }),
    );
  };
}

const DONE: Promise<void> = Promise.resolve();

/** Sockets whose connection closes after the answer being written: nothing behind it can be answered. */
const closing = new WeakSet<Socket>();

/** One request, lent to the receiver. */
class NodeSource implements ReceiverSource {
  readonly method: string;
  readonly headers: IncomingHttpHeaders | Record<string, string | readonly string[] | undefined>;
  readonly #req: NodeHandlerRequest;
  readonly #res: ServerResponse;

  constructor(
    req: NodeHandlerRequest,
    res: ServerResponse,
    readonly url: string,
  ) {
    this.#req = req;
    this.#res = res;
    this.method = req.method ?? '';
    this.headers = nodeHeaders(req);
  }

  readBody(maxBytes: number, later: (body: ReceivedBody) => void): ReceivedBody | undefined {
    const req = this.#req;
    if (req.body !== undefined) return { kind: 'value', value: req.body };
    if (req.readableEnded) return { kind: 'unavailable', reason: 'the request stream was read before the webhook handler.' };
    if (req.destroyed) return { kind: 'aborted', cause: new Error('The request was aborted.') };
    // Registered as a `checkContinue` listener, the client waits for this before sending the body.
    const res = this.#res as ServerResponse & { _sent100?: boolean };
    if (res._sent100 !== true && typeof req.headers.expect === 'string' && req.headers.expect.toLowerCase() === '100-continue') res.writeContinue();
    // The body arrives through the request's events: `later` runs in the caller's async context, so
    // AsyncLocalStorage (request loggers, tracing) reaches the handlers.
    const scope = new AsyncResource('p100-webhooks.body');
    readNodeBody(req, maxBytes, (body) => scope.runInAsyncScope(later, undefined, body));
    return undefined;
  }

  decodeUtf8(bytes: Uint8Array): string | undefined {
    return isUtf8(bytes) ? (bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8') : undefined;
  }

  canAnswer(): boolean {
    const { socket } = this.#req;
    return !this.#res.destroyed && socket !== null && !socket.destroyed && !closing.has(socket);
  }

  closeAfterAnswer(): void {
    const { socket } = this.#req;
    if (this.#req.complete || socket === null) return;
    this.#res.shouldKeepAlive = false;
    closing.add(socket);
  }
}

function write(res: ServerResponse, response: PoaWebhookResponse): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  try {
    // With its length known, Node sends the answer in one write instead of chunked.
    response.headers['content-length'] = String(Buffer.byteLength(response.body));
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  } catch {
    res.destroy(); // the socket went away between the check and the write
  }
}
