import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Buffer } from 'node:buffer';
import { assertPoaWebhookOptions, DEFAULT_MAX_BODY_BYTES } from '../core/assert-poa-webhook-options.ts';
import { errorResponse, handlePoaWebhook } from '../core/handle-poa-webhook.ts';
import { matchPoaWebhookPath } from '../core/match-poa-webhook-path.ts';
import type { PoaWebhookOptions } from '../core/poa-webhook-options.ts';
import { PoaWebhookError } from '../core/poa-webhook-error.ts';
import type { PoaWebhookRequest, PoaWebhookResponse } from '../core/poa-webhook-request.ts';

/**
 * Options of {@link createNodeHandler}: the shared handler options, whose `path` (when set) sends
 * other paths to `next()`, or answers them 404 `NOT_FOUND` when there is no `next`.
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
 * @example Express 5: mount it before any body parser (it then checks authorization before reading
 * the body); behind `express.json()`, `express.raw()` or `express.text()` it uses `req.body`, and the
 * parser's own limit and error answers apply first.
 * ```ts
 * import express from 'express';
 * import { createNodeHandler } from 'p100-webhooks/node';
 *
 * const app = express();
 * app.post('/webhook/poa-verification/status', createNodeHandler({ secret: 's3cret', onEvent: () => {} }));
 * app.use(express.json()); // the rest of the app
 * ```
 * @example Fastify 5 (recommended): in its own plugin scope, a content-type parser that leaves the
 * body unread, and `reply.hijack()`, so the behaviour is exactly that of `node:http`.
 * ```ts
 * import Fastify from 'fastify';
 * import { createNodeHandler } from 'p100-webhooks/node';
 *
 * const handler = createNodeHandler({ secret: 's3cret', onEvent: () => {} });
 * const app = Fastify();
 * await app.register(async (scope) => {
 *   scope.removeAllContentTypeParsers();
 *   scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
 *   scope.post('/webhook/poa-verification/status', async (request, reply) => {
 *     reply.hijack();
 *     await handler(request.raw, reply.raw);
 *   });
 * });
 * ```
 * @example Fastify 5 with its JSON parser: hand the parsed body over as `req.body` (Fastify then
 * answers malformed JSON, `__proto__` keys and bodies over its `bodyLimit` itself).
 * ```ts
 * import Fastify from 'fastify';
 * import { createNodeHandler } from 'p100-webhooks/node';
 *
 * const handler = createNodeHandler({ secret: 's3cret', onEvent: () => {} });
 * const app = Fastify();
 * app.post('/webhook/poa-verification/status', async (request, reply) => {
 *   reply.hijack();
 *   await handler(Object.assign(request.raw, { body: request.body }), reply.raw);
 * });
 * ```
 */
export function createNodeHandler(options: NodeHandlerOptions): NodeHandler {
  assertPoaWebhookOptions(options);
  const { path } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req, res, next) => {
    let url = req.url ?? '/';
    if (path !== undefined && next !== undefined && !matchPoaWebhookPath(url, path)) {
      const { originalUrl } = req;
      if (typeof originalUrl !== 'string' || !matchPoaWebhookPath(originalUrl, path)) {
        next();
        return;
      }
      url = originalUrl;
    }
    let response: PoaWebhookResponse;
    try {
      const request: PoaWebhookRequest = { method: req.method ?? '', headers: nodeHeaders(req), url };
      const parsed = req.body;
      if (parsed === undefined) request.body = bodyOf(req);
      else if (typeof parsed === 'string' || parsed instanceof Uint8Array) request.body = parsed;
      else request.parsedBody = parsed;
      response = await handlePoaWebhook(request, options);
    } catch (cause) {
      // Not reachable with checked options; kept so a request can never hang or reject.
      response = errorResponse(new PoaWebhookError('HANDLER_FAILED', 'The webhook handler failed.', { cause }));
    }
    writeResponse(req, res, response, maxBodyBytes);
  };
}

/**
 * `req.headers`, except that a repeated `Authorization` header keeps all its values (Node keeps only
 * the first), so the core sees it as the ambiguous header it is.
 */
function nodeHeaders(req: IncomingMessage): IncomingHttpHeaders | Record<string, string | readonly string[] | undefined> {
  const { headers } = req;
  if (headers.authorization === undefined) return headers;
  const raw = req.rawHeaders;
  let values: string[] | undefined;
  let first: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    const value = raw[i + 1] as string;
    if (first === undefined) first = value;
    else (values ??= [first]).push(value);
  }
  return values === undefined ? headers : { ...headers, authorization: values };
}

/**
 * The request body as an async iterable that pulls with `read()` instead of Node's stream iterator
 * (which costs more than the rest of a small delivery). Buffered bytes are returned at once, and a
 * body whose declared `content-length` has fully arrived ends without waiting for the `end` event
 * (Node's parser never delivers more than `content-length`). The core stops pulling at
 * `maxBodyBytes`, leaving the rest unread.
 */
function bodyOf(req: IncomingMessage): AsyncIterable<Uint8Array> {
  const declared = req.headers['content-length'];
  const state = { remaining: declared === undefined ? -1 : Number(declared) };
  return { [Symbol.asyncIterator]: () => ({ next: () => nextChunk(req, state) }) };
}

function nextChunk(req: IncomingMessage, state: { remaining: number }): Promise<IteratorResult<Uint8Array, undefined>> {
  if (state.remaining === 0) return Promise.resolve({ done: true, value: undefined });
  const chunk = req.read() as Uint8Array | null;
  if (chunk !== null) {
    if (state.remaining > 0) state.remaining = Math.max(0, state.remaining - chunk.byteLength);
    return Promise.resolve({ done: false, value: chunk });
  }
  if (req.readableEnded || (req.complete && req.readableLength === 0)) return Promise.resolve({ done: true, value: undefined });
  if (req.destroyed) return Promise.reject(new Error('The request was aborted.'));
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      req.off('readable', settle);
      req.off('end', settle);
      req.off('error', settle);
      req.off('close', settle);
      nextChunk(req, state).then(resolve, reject);
    };
    req.on('readable', settle);
    req.on('end', settle);
    req.on('error', settle);
    req.on('close', settle);
  });
}

function writeResponse(req: IncomingMessage, res: ServerResponse, response: PoaWebhookResponse, maxBodyBytes: number): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  // A body left unread (refused before reading it, or over the limit): Node drains it to keep the
  // connection alive, which is cheap only when the body is known to be small. Otherwise close.
  if (!req.complete && !(Number(req.headers['content-length']) <= maxBodyBytes)) res.shouldKeepAlive = false;
  try {
    // With its length known, Node sends the answer in one write instead of chunked.
    response.headers['content-length'] = String(Buffer.byteLength(response.body));
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  } catch {
    // The socket went away between the check and the write; nothing is left to answer.
    res.destroy();
  }
}
