import { PoaWebhookError } from './poa-webhook-error.ts';
import type { PoaBodyStream } from './poa-webhook-request.ts';

/**
 * Reads a body stream into one byte array, stopping as soon as it passes `maxBytes`. A
 * `ReadableStream` is then cancelled; an async iterable is left as it is (its owner closes it).
 *
 * @internal
 */
export async function readBodyStream(stream: PoaBodyStream, maxBytes: number): Promise<Uint8Array | PoaWebhookError> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if ('getReader' in stream) {
      const reader = stream.getReader();
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        const value = toBytes(chunk);
        total += value.byteLength;
        if (total > maxBytes) {
          reader.cancel().catch(() => {});
          return tooLarge(maxBytes);
        }
        chunks.push(value);
      }
    } else {
      const iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        const { done, value: chunk } = await iterator.next();
        if (done) break;
        const value = toBytes(chunk);
        total += value.byteLength;
        // No iterator.return() here: for a Node request it would destroy the socket before the 413.
        if (total > maxBytes) return tooLarge(maxBytes);
        chunks.push(value);
      }
    }
  } catch (cause) {
    return unreadableBody(cause);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const encoder = new TextEncoder();

/**
 * A chunk as bytes: a string chunk (a Node request after `setEncoding()`) is encoded as UTF-8; anything
 * else that is not bytes makes the read fail.
 */
function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('A body chunk is neither bytes nor text.');
}

/** The 413 error for a body over `maxBytes`. @internal */
export function tooLarge(maxBytes: number): PoaWebhookError {
  return new PoaWebhookError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);
}

/** The 400 error for a body that could not be read to its end (an aborted or failed upload). @internal */
export function unreadableBody(cause: unknown): PoaWebhookError {
  return new PoaWebhookError('INVALID_JSON', 'The body could not be read completely.', { cause });
}
