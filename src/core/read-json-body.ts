import { PoaWebhookError } from './poa-webhook-error.ts';

/**
 * A raw request body: text, or UTF-8 bytes (a `Uint8Array`, such as a Node `Buffer`, or an `ArrayBuffer`).
 *
 * @example
 * ```ts
 * import { safeParsePoaVerificationEvent, type PoaRawBody } from 'p100-webhooks';
 *
 * const body: PoaRawBody = new TextEncoder().encode('{"externalUserId":"u-1","status":"WAITING"}');
 * safeParsePoaVerificationEvent(body);
 * ```
 */
export type PoaRawBody = string | Uint8Array | ArrayBuffer;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const JSON_WHITESPACE = /^[\t\n\r ]*$/;

/**
 * Decodes a raw body (UTF-8, a leading BOM tolerated) and parses it as JSON.
 * Returns the parsed value, or the error that says why it is not JSON.
 *
 * The hot path is one `JSON.parse` (after decoding bytes): a BOM, an empty body and white space all make
 * it throw, and are told apart only then.
 *
 * @internal
 */
export function readJsonBody(body: PoaRawBody): unknown {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      // The fatal decoder strips one leading BOM and refuses invalid UTF-8.
      text = utf8.decode(body);
    } catch (cause) {
      return new PoaWebhookError('INVALID_JSON', 'The body is not valid UTF-8.', { cause });
    }
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    return notJson(text, typeof body === 'string', cause);
  }
}

/** Why `text` did not parse: a string's leading BOM is stripped and parsing retried; else empty or not JSON. */
function notJson(text: string, mayHaveBom: boolean, cause: unknown): unknown {
  if (mayHaveBom && text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    try {
      return JSON.parse(text);
    } catch (retryCause) {
      cause = retryCause;
    }
  }
  return JSON_WHITESPACE.test(text)
    ? new PoaWebhookError('EMPTY_BODY', 'The body is empty.')
    : new PoaWebhookError('INVALID_JSON', 'The body is not valid JSON.', { cause });
}
