/**
 * Request headers: a Fetch `Headers`, or a plain record such as Node's `req.headers` or a Lambda
 * event's `headers`. Names are matched case-insensitively; a name with several values (an array of
 * more than one) counts as ambiguous.
 *
 * @example
 * ```ts
 * import type { PoaHeaders } from 'p100-webhooks';
 *
 * const headers: PoaHeaders = { authorization: 'Bearer s3cret', 'content-type': 'application/json' };
 * ```
 */
export type PoaHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A request body that is still arriving: a web `ReadableStream` or any async iterable of bytes
 * (a Node `IncomingMessage` is one). {@link handlePoaWebhook} reads it only after authorization and
 * stops at `maxBodyBytes`: a `ReadableStream` is then cancelled, an async iterable is left unread
 * (the adapter decides what to do with the connection).
 *
 * @example
 * ```ts
 * import type { PoaBodyStream } from 'p100-webhooks';
 *
 * const stream: PoaBodyStream = new Blob(['{}']).stream();
 * ```
 */
export type PoaBodyStream = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A runtime-neutral HTTP request, as an adapter hands it to {@link handlePoaWebhook}.
 *
 * @example
 * ```ts
 * import type { PoaWebhookRequest } from 'p100-webhooks';
 *
 * const request: PoaWebhookRequest = {
 *   method: 'POST',
 *   headers: { authorization: 's3cret' },
 *   body: '{"externalUserId":"u-1","status":"APPROVED"}',
 * };
 * ```
 */
export interface PoaWebhookRequest {
  /** The HTTP method, such as `'POST'` (case-sensitive, as HTTP defines it). */
  method: string;
  /** The request headers; names are case-insensitive. */
  headers: PoaHeaders;
  /** The raw body: text, UTF-8 bytes, or a stream still arriving. `null`/absent when there is none. */
  body?: string | Uint8Array | ArrayBuffer | PoaBodyStream | null;
  /** `'base64'` when `body` is a base64 string of the raw bytes (as Lambda events may carry it). */
  bodyEncoding?: 'base64';
  /** A value a framework's body parser already produced; used only when `body` is absent. */
  parsedBody?: unknown;
  /** The request target (`/path?query` or an absolute URL); checked only when the `path` option is set. */
  url?: string;
}

/**
 * What to answer: status, headers and a JSON body. Adapters write it out as it is.
 *
 * @example
 * ```ts
 * import type { PoaWebhookResponse } from 'p100-webhooks';
 *
 * const ok: PoaWebhookResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
 * ```
 */
export interface PoaWebhookResponse {
  /** The HTTP status code. */
  status: number;
  /** Lower-case header names and their values. */
  headers: Record<string, string>;
  /** The JSON body text. */
  body: string;
}
