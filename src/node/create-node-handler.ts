import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AsyncResource } from 'node:async_hooks';
import { Buffer, isUtf8 } from 'node:buffer';
import { assertPoaWebhookOptions, DEFAULT_MAX_BODY_BYTES } from '../core/assert-poa-webhook-options.ts';
import {
  checkPoaWebhookHead,
  createPoaWebhookContext,
  errorResponse,
  finishPoaWebhook,
  processPoaWebhook,
  refusePoaWebhook,
} from '../core/handle-poa-webhook.ts';
import type { PoaWebhookContext } from '../core/poa-webhook-options.ts';
import { unreadableBody } from '../core/read-body-stream.ts';
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
  return (req, res, next) => {
    let url = req.url ?? '/';
    if (path !== undefined && next !== undefined && !matchPoaWebhookPath(url, path)) {
      const { originalUrl } = req;
      if (typeof originalUrl !== 'string' || !matchPoaWebhookPath(originalUrl, path)) {
        next();
        return DONE;
      }
      url = originalUrl;
    }
    try {
      const request: PoaWebhookRequest = { method: req.method ?? '', headers: nodeHeaders(req), url };
      const parsed = req.body;
      if (parsed === undefined) {
        // The core checks path, method, authorization and declared length before a byte is read.
        const context = createPoaWebhookContext(request);
        const refused = checkPoaWebhookHead(request, options, context, true);
        if (refused !== undefined) {
          writeResponse(req, res, refused, maxBodyBytes);
          return DONE;
        }
        return new Promise((resolve) => readBody(req, res, request, options, context, maxBodyBytes, resolve));
      }
      if (typeof parsed === 'string' || parsed instanceof Uint8Array) request.body = parsed;
      else request.parsedBody = parsed;
      const response = processPoaWebhook(request, options);
      if (!(response instanceof Promise)) {
        writeResponse(req, res, response, maxBodyBytes);
        return DONE;
      }
      return response.then(
        (settled) => writeResponse(req, res, settled, maxBodyBytes),
        (cause: unknown) => writeResponse(req, res, failed(cause), maxBodyBytes),
      );
    } catch (cause) {
      writeResponse(req, res, failed(cause), maxBodyBytes);
      return DONE;
    }
  };
}

const DONE: Promise<void> = Promise.resolve();

/** Not reachable with checked options; kept so a request can never hang or reject. */
function failed(cause: unknown): PoaWebhookResponse {
  return errorResponse(new PoaWebhookError('HANDLER_FAILED', 'The webhook handler failed.', { cause }));
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
 * Collects the body with `data`/`end` listeners (cheaper than an async iterator for a small body),
 * stops at the first chunk past `maxBodyBytes` (the rest is left unread) and hands what it has to
 * the core, which decides: a body over the limit is refused there, an aborted upload too.
 */
function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  request: PoaWebhookRequest,
  options: PoaWebhookOptions,
  context: PoaWebhookContext,
  maxBodyBytes: number,
  resolve: () => void,
): void {
  if (req.readableEnded) {
    // Already read by someone else, who left nothing behind: an empty body.
    finish(req, res, finishPoaWebhook(request, options, context), maxBodyBytes, resolve);
    return;
  }
  if (req.destroyed) {
    finish(req, res, refusePoaWebhook(unreadableBody(new Error('The request was aborted.')), options, context), maxBodyBytes, resolve);
    return;
  }
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let total = 0;
  const stop = (): void => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onFail);
    req.off('close', onFail);
  };
  // The listeners enter the caller's async context, so AsyncLocalStorage (request loggers, tracing)
  // reaches the handlers even though the body arrives through the request's own events. One resource
  // per request costs about 0.1 µs; `AsyncResource.bind` costs about 25 µs a call on Node 20 (two
  // `util.deprecate` wrappers each time), which cut the adapter to 0.39x the node:http floor.
  const scope = new AsyncResource('P100Webhook');
  const settle = (): void => {
    stop();
    if (first !== undefined) {
      const bytes = chunks === undefined ? first : Buffer.concat(chunks, total);
      // Valid UTF-8 within the limit goes to the core as text (Node's decoder costs less than a
      // TextDecoder); anything else as the bytes, which the core refuses (size, invalid UTF-8).
      request.body = total <= maxBodyBytes && isUtf8(bytes) ? bytes.toString('utf8') : bytes;
    }
    finish(req, res, finishPoaWebhook(request, options, context), maxBodyBytes, resolve);
  };
  const done = (): void => scope.runInAsyncScope(settle);
  const onData = (data: Buffer | string): void => {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    total += chunk.byteLength;
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
    if (total > maxBodyBytes) {
      // Stop reading here; the core refuses the body for its size.
      req.pause();
      done();
    }
  };
  const onEnd = done;
  const fail = (error?: unknown): void => {
    stop();
    const cause = error instanceof Error ? error : new Error('The request was aborted.');
    finish(req, res, refusePoaWebhook(unreadableBody(cause), options, context), maxBodyBytes, resolve);
  };
  const onFail = (error?: unknown): void => scope.runInAsyncScope(fail, undefined, error);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onFail);
  req.on('close', onFail);
}

function finish(
  req: IncomingMessage,
  res: ServerResponse,
  response: PoaWebhookResponse | Promise<PoaWebhookResponse>,
  maxBodyBytes: number,
  resolve: () => void,
): void {
  if (response instanceof Promise) {
    response.then(
      (settled) => {
        writeResponse(req, res, settled, maxBodyBytes);
        resolve();
      },
      (cause: unknown) => {
        writeResponse(req, res, failed(cause), maxBodyBytes);
        resolve();
      },
    );
    return;
  }
  writeResponse(req, res, response, maxBodyBytes);
  resolve();
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
