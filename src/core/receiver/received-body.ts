/**
 * A request body as an adapter holds it, before the receiver decides what it means (size, base64,
 * UTF-8, JSON): the adapter only says what it has.
 *
 * - `none`: there is no body.
 * - `text`: the body as text (`base64: true` when it is base64 text of the raw bytes, as Lambda
 *   events may carry it).
 * - `bytes`: the raw bytes; reading may have stopped past the limit, so they can be longer than it.
 * - `value`: what a framework's body parser left (`req.body`): text, bytes of any realm, or a parsed
 *   JSON value; the receiver tells them apart.
 * - `aborted`: the upload broke off before its end (the client's fault: 400).
 * - `unavailable`: the server cannot hand the body over (already consumed, or not a body at all):
 *   a fault of the receiving server, answered 500 `BODY_UNAVAILABLE` so that P100 retries.
 *
 * @internal
 */
export type ReceivedBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly text: string; readonly base64?: boolean }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array | ArrayBuffer }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'aborted'; readonly cause: unknown }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The `none` body, shared. @internal */
export const NO_BODY: ReceivedBody = { kind: 'none' };
