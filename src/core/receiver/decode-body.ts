import { base64DecodedLength } from '../base64-decoded-length.ts';
import { PoaWebhookError } from '../poa-webhook-error.ts';
import { readJsonBody } from '../read-json-body.ts';
import { utf8ByteLength } from '../utf8-byte-length.ts';
import { isBytes } from './is-bytes.ts';
import type { ReceivedBody } from './received-body.ts';
import type { ReceiverSource } from './receiver-source.ts';

/**
 * What a received body means: its parsed JSON value, or the error that refuses it. Size is decided
 * on what the body is or would decode to, before anything is decoded or parsed.
 *
 * @param body - The body as the adapter held it.
 * @param maxBytes - The limit, in bytes of the raw body.
 * @param source - The decoders the adapter lends.
 * @internal
 */
export function decodeBody(body: ReceivedBody, maxBytes: number, source: ReceiverSource): unknown {
  const { decodeUtf8 } = source;
  switch (body.kind) {
    case 'none':
      return new PoaWebhookError('EMPTY_BODY', 'The body is empty.');
    case 'text':
      return body.base64 === true ? decodeBase64Body(body.text, maxBytes, source.decodeBase64) : decodeText(body.text, maxBytes);
    case 'bytes':
      return decodeBytes(body.bytes, maxBytes, decodeUtf8);
    case 'value': {
      const { value } = body;
      if (typeof value === 'string') return decodeText(value, maxBytes);
      if (isBytes(value)) return decodeBytes(value, maxBytes, decodeUtf8);
      if (value === undefined) return new PoaWebhookError('EMPTY_BODY', 'The body is empty.');
      // A framework's parsed JSON value: its size was the declared length, checked before.
      return value;
    }
    case 'aborted':
      return new PoaWebhookError('INVALID_JSON', 'The body could not be read completely.', { cause: body.cause });
    default:
      return new PoaWebhookError('BODY_UNAVAILABLE', `The server could not read the request body: ${body.reason}`);
  }
}

/** Text is at least one byte per code unit and at most three: the exact count only when in doubt. */
function decodeText(text: string, maxBytes: number): unknown {
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8ByteLength(text) > maxBytes)) return tooLarge(maxBytes);
  return readJsonBody(text);
}

function decodeBase64Body(text: string, maxBytes: number, decodeBase64: ReceiverSource['decodeBase64']): unknown {
  // Base64 of at most `maxBytes` bytes is at most 4 * ceil(maxBytes / 3) characters, padding
  // included: anything longer is too large whatever it holds, and is never decoded.
  if (text.length > 4 * Math.ceil(maxBytes / 3) || base64DecodedLength(text) > maxBytes) return tooLarge(maxBytes);
  if (decodeBase64 === undefined) return new PoaWebhookError('BODY_UNAVAILABLE', 'The server cannot decode a base64 body.');
  const bytes = decodeBase64(text);
  return bytes === undefined ? new PoaWebhookError('INVALID_JSON', 'The body is not valid base64.') : readJsonBody(bytes);
}

function decodeBytes(
  bytes: Uint8Array | ArrayBuffer,
  maxBytes: number,
  decodeUtf8: ((bytes: Uint8Array) => string | undefined) | undefined,
): unknown {
  if (bytes.byteLength > maxBytes) return tooLarge(maxBytes);
  if (decodeUtf8 === undefined) return readJsonBody(bytes);
  const text = decodeUtf8(bytes instanceof Uint8Array ? bytes : ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes));
  return text === undefined ? new PoaWebhookError('INVALID_JSON', 'The body is not valid UTF-8.') : readJsonBody(text);
}

/** The 413 error for a body over `maxBytes`. @internal */
export function tooLarge(maxBytes: number): PoaWebhookError {
  return new PoaWebhookError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);
}
