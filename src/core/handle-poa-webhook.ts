import {
  assertPoaWebhookOptions,
  DEFAULT_HANDLER_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
} from './assert-poa-webhook-options.ts';
import { base64DecodedLength, decodeBase64 } from './decode-base64.ts';
import { getHeader } from './get-header.ts';
import { matchPoaWebhookPath } from './match-poa-webhook-path.ts';
import type { PoaWebhookContext, PoaWebhookOptions } from './poa-webhook-options.ts';
import { PoaWebhookError } from './poa-webhook-error.ts';
import type { PoaBodyStream, PoaHeaders, PoaWebhookRequest, PoaWebhookResponse } from './poa-webhook-request.ts';
import { readBodyStream, tooLarge } from './read-body-stream.ts';
import { readJsonBody } from './read-json-body.ts';
import { resolvePoaWebhookSecret } from './resolve-poa-webhook-secret.ts';
import { utf8ByteLength } from './utf8-byte-length.ts';
import { validatePoaVerificationEvent } from './validate-poa-verification-event.ts';
import { verifyAuthorizationHeader } from './verify-authorization-header.ts';

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
export async function handlePoaWebhook(
  request: PoaWebhookRequest,
  options: PoaWebhookOptions,
): Promise<PoaWebhookResponse> {
  assertPoaWebhookOptions(options);
  return processPoaWebhook(request, options);
}

/**
 * {@link handlePoaWebhook} for options already checked, without a promise unless something had to be
 * awaited (a body stream, a handler's promise): what adapters call on their hot path.
 *
 * @internal
 */
export function processPoaWebhook(
  request: PoaWebhookRequest,
  options: PoaWebhookOptions,
): PoaWebhookResponse | Promise<PoaWebhookResponse> {
  const context = new DeliveryContext(request);
  const outcome = accept(request, options, context);
  return outcome instanceof Promise ? outcome.then((error) => respond(error, options, context)) : respond(outcome, options, context);
}

/**
 * The checks made before any body byte is read (path, method, authorization and, when the body is
 * still to be read, its declared length), for an adapter that reads the body itself only once they
 * pass. Returns the refusal to answer with (`onError` already called), or `undefined` to go on with
 * {@link finishPoaWebhook}. Options must be checked.
 *
 * @internal
 */
export function checkPoaWebhookHead(
  request: PoaWebhookRequest,
  options: PoaWebhookOptions,
  context: PoaWebhookContext,
  bodyPending: boolean,
): PoaWebhookResponse | undefined {
  let error = head(request, options);
  if (error === undefined && bodyPending) {
    const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const declared = contentLength(request.headers);
    if (declared !== undefined && declared > maxBytes) error = tooLarge(maxBytes);
  }
  return error === undefined ? undefined : respond(error, options, context);
}

/**
 * The rest of a delivery whose head passed {@link checkPoaWebhookHead}: the body (given whole, even
 * when it is larger than `maxBodyBytes`, which is then refused), the payload and the handler.
 *
 * @internal
 */
export function finishPoaWebhook(
  request: PoaWebhookRequest,
  options: PoaWebhookOptions,
  context: PoaWebhookContext,
): PoaWebhookResponse | Promise<PoaWebhookResponse> {
  const outcome = dispatch(readJson(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), options, context);
  return outcome instanceof Promise ? outcome.then((error) => respond(error, options, context)) : respond(outcome, options, context);
}

/**
 * The answer for a refusal decided in the core (such as {@link unreadableBody}), with `onError` called.
 *
 * @internal
 */
export function refusePoaWebhook(error: PoaWebhookError, options: PoaWebhookOptions, context: PoaWebhookContext): PoaWebhookResponse {
  return respond(error, options, context);
}

/**
 * The context of one delivery, created when it arrives.
 *
 * @internal
 */
export function createPoaWebhookContext(request: PoaWebhookRequest): PoaWebhookContext {
  return new DeliveryContext(request);
}

/** The answer for an outcome: 200 `{}` when accepted, else the error's answer after `onError`. */
function respond(error: PoaWebhookError | undefined, options: PoaWebhookOptions, context: PoaWebhookContext): PoaWebhookResponse {
  if (error === undefined) return { status: 200, headers: jsonHeaders(), body: '{}' };
  if (options.onError !== undefined) {
    try {
      const result: unknown = options.onError(error, context);
      if (isThenable(result)) result.then(undefined, () => {});
    } catch {
      // onError's own failure must not change the answer.
    }
  }
  return errorResponse(error);
}

/** The outcome: `undefined` when accepted and handled; a promise only when something had to be awaited. */
type Outcome = PoaWebhookError | undefined | Promise<PoaWebhookError | undefined>;

function accept(request: PoaWebhookRequest, options: PoaWebhookOptions, context: PoaWebhookContext): Outcome {
  const refused = head(request, options);
  if (refused !== undefined) return refused;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { body } = request;
  if (body !== undefined && body !== null && typeof body !== 'string' && !isBytes(body)) {
    return readStreamJson(request, body, maxBytes).then((json) => dispatch(json, options, context));
  }
  return dispatch(readJson(request, maxBytes), options, context);
}

/** Path, method, a configured secret and authorization: what is refused before the body is touched. */
function head(request: PoaWebhookRequest, options: PoaWebhookOptions): PoaWebhookError | undefined {
  if (options.path !== undefined && request.url !== undefined && !matchPoaWebhookPath(request.url, options.path)) {
    return new PoaWebhookError('NOT_FOUND', 'No webhook is served at this path.');
  }
  if (request.method !== 'POST') {
    return new PoaWebhookError('METHOD_NOT_ALLOWED', 'Webhook deliveries must use POST.');
  }
  const secret = resolvePoaWebhookSecret(options);
  if (secret instanceof PoaWebhookError) return secret;
  if (!verifyAuthorizationHeader(getHeader(request.headers, 'authorization'), secret)) {
    return new PoaWebhookError('UNAUTHORIZED', 'The Authorization header is missing or wrong.');
  }
  return undefined;
}

/** Validates the parsed body and runs the one handler it calls for. */
function dispatch(json: unknown, options: PoaWebhookOptions, context: PoaWebhookContext): Outcome {
  if (json instanceof PoaWebhookError) return json;
  const result = validatePoaVerificationEvent(json);
  if (result.success) {
    const { event } = result;
    const { on } = options;
    let returned: unknown;
    try {
      // Called directly (no closure): this runs on every delivery.
      returned =
        on === undefined
          ? options.onEvent(event, context)
          : (on[event.status] as (e: typeof event, c: PoaWebhookContext) => unknown)(event, context);
    } catch (cause) {
      return handlerFailed(cause);
    }
    return settle(returned, options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS);
  }
  const { onUnknownStatus } = options;
  if (result.error.code === 'UNKNOWN_STATUS' && onUnknownStatus !== undefined) {
    const { externalUserId, status } = json as { externalUserId: string; status: string };
    return runHandler(
      () => onUnknownStatus({ externalUserId, status }, context),
      options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    );
  }
  return result.error;
}

/** A body given whole (or absent) as a parsed JSON value, or the error that refuses it. */
function readJson(request: PoaWebhookRequest, maxBytes: number): unknown {
  let { body } = request;
  if (body === undefined || body === null) {
    if (request.parsedBody === undefined) return new PoaWebhookError('EMPTY_BODY', 'The body is empty.');
    // A framework parsed the body: its declared size still counts against the limit.
    const declared = contentLength(request.headers);
    return declared !== undefined && declared > maxBytes ? tooLarge(maxBytes) : request.parsedBody;
  }
  if (typeof body === 'string') {
    if (request.bodyEncoding === 'base64') {
      if (base64DecodedLength(body) > maxBytes) return tooLarge(maxBytes);
      const bytes = decodeBase64(body);
      if (bytes === undefined) return new PoaWebhookError('INVALID_JSON', 'The body is not valid base64.');
      body = bytes;
    } else if (body.length > maxBytes || (body.length * 3 > maxBytes && utf8ByteLength(body) > maxBytes)) {
      return tooLarge(maxBytes);
    }
  } else if (isBytes(body)) {
    // Also typed arrays and buffers from another realm (a vm context, a worker), which fail instanceof.
    if (body.byteLength > maxBytes) return tooLarge(maxBytes);
  }
  return readJsonBody(body as string | Uint8Array | ArrayBuffer);
}

/** A body still arriving, read up to `maxBytes`, as a parsed JSON value or the error that refuses it. */
async function readStreamJson(request: PoaWebhookRequest, body: PoaBodyStream, maxBytes: number): Promise<unknown> {
  const declared = contentLength(request.headers);
  if (declared !== undefined && declared > maxBytes) return tooLarge(maxBytes);
  const bytes = await readBodyStream(body, maxBytes);
  return bytes instanceof PoaWebhookError ? bytes : readJsonBody(bytes);
}

function isBytes(body: unknown): body is Uint8Array | ArrayBuffer {
  return ArrayBuffer.isView(body) || body instanceof ArrayBuffer || Object.prototype.toString.call(body) === '[object ArrayBuffer]';
}

/** The declared `content-length` when it is 1 to 15 ASCII digits (checked without a regular expression: every delivery pays it). */
function contentLength(headers: PoaHeaders): number | undefined {
  const value = getHeader(headers, 'content-length');
  if (value === undefined || value.length === 0 || value.length > 15) return undefined;
  let declared = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    declared = declared * 10 + digit;
  }
  return declared;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Runs one handler; a throw, a rejection or a timeout becomes the error to answer with. A handler
 * that returns no promise is done at once (no timer, nothing awaited).
 */
function runHandler(handler: () => unknown, timeoutMs: number): Outcome {
  let result: unknown;
  try {
    result = handler();
  } catch (cause) {
    return handlerFailed(cause);
  }
  return settle(result, timeoutMs);
}

/** What a handler returned: done at once, or a promise to wait for. A `then` that throws when read is a failure too. */
function settle(returned: unknown, timeoutMs: number): Outcome {
  try {
    if (!isThenable(returned)) return undefined;
  } catch (cause) {
    return handlerFailed(cause);
  }
  return settleHandler(returned, timeoutMs);
}

async function settleHandler(result: PromiseLike<unknown>, timeoutMs: number): Promise<PoaWebhookError | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (timeoutMs === Number.POSITIVE_INFINITY) {
      await result;
      return undefined;
    }
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
    });
    if ((await Promise.race([result, timeout])) === TIMED_OUT) {
      return new PoaWebhookError('HANDLER_TIMEOUT', `The webhook handler did not finish within ${timeoutMs} ms.`);
    }
    return undefined;
  } catch (cause) {
    return new PoaWebhookError('HANDLER_FAILED', 'The webhook handler failed.', { cause });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function handlerFailed(cause: unknown): PoaWebhookError {
  return new PoaWebhookError('HANDLER_FAILED', 'The webhook handler failed.', { cause });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The context handed to handlers and `onError`: one object per delivery, no closure. The arrival
 * time is read once, as a number; the `Date` is built only if someone reads `receivedAt`.
 */
class DeliveryContext implements PoaWebhookContext {
  readonly method: string;
  readonly url: string | undefined;
  readonly #headers: PoaHeaders;
  readonly #receivedAt: number;
  #date: Date | undefined;

  constructor(request: PoaWebhookRequest) {
    this.#receivedAt = Date.now();
    this.method = request.method;
    this.url = request.url;
    this.#headers = request.headers;
  }

  get receivedAt(): Date {
    return (this.#date ??= new Date(this.#receivedAt));
  }

  header(name: string): string | undefined {
    const key = String(name).toLowerCase();
    if (key === 'authorization') return undefined;
    try {
      return getHeader(this.#headers, key);
    } catch {
      // `Headers#get` throws for a name that is not a valid header name: no such header.
      return undefined;
    }
  }
}

function jsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', 'cache-control': 'no-store' };
}

/**
 * The answer for a refused or failed delivery: the error's status and
 * `{"error":{"code","message"[,"issues"]}}`. Handler failures carry only a generic message.
 *
 * @internal
 */
export function errorResponse(error: PoaWebhookError): PoaWebhookResponse {
  const headers = jsonHeaders();
  if (error.code === 'METHOD_NOT_ALLOWED') headers['allow'] = 'POST';
  const body =
    error.code === 'INVALID_PAYLOAD'
      ? { code: error.code, message: error.message, issues: error.issues }
      : { code: error.code, message: error.message };
  return { status: error.httpStatus, headers, body: JSON.stringify({ error: body }) };
}
