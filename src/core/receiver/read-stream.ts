import type { PoaBodyStream } from '../poa-webhook-request.ts';
import type { ReceivedBody } from './received-body.ts';

const encoder = new TextEncoder();

/**
 * Reads a body stream (a web `ReadableStream` or an async iterable of chunks) to its end, or until
 * more than `maxBytes` arrived (the receiver then refuses it for its size; a web stream is cancelled).
 *
 * @internal
 */
export async function readStream(stream: PoaBodyStream, maxBytes: number): Promise<ReceivedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if ('getReader' in stream) {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += add(chunks, value);
        if (total > maxBytes) {
          reader.cancel().catch(() => {});
          break;
        }
      }
    } else {
      // No iterator.return() past the limit: for a Node request it would destroy the socket before the 413.
      for (const iterator = stream[Symbol.asyncIterator](); ; ) {
        const { done, value } = await iterator.next();
        if (done) break;
        total += add(chunks, value);
        if (total > maxBytes) break;
      }
    }
  } catch (cause) {
    return { kind: 'aborted', cause };
  }
  return joined(chunks, total);
}

/** The chunks read, as one body. */
function joined(chunks: readonly Uint8Array[], total: number): ReceivedBody {
  if (chunks.length === 0) return { kind: 'none' };
  if (chunks.length === 1) return { kind: 'bytes', bytes: chunks[0] as Uint8Array };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'bytes', bytes };
}

/** Adds a chunk as bytes (a string chunk as its UTF-8); throws for anything else. */
function add(chunks: Uint8Array[], chunk: unknown): number {
  let bytes: Uint8Array;
  if (chunk instanceof Uint8Array) bytes = chunk;
  else if (typeof chunk === 'string') bytes = encoder.encode(chunk);
  else if (ArrayBuffer.isView(chunk)) bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  else throw new TypeError('A body chunk is neither bytes nor text.');
  if (bytes.byteLength > 0) chunks.push(bytes);
  return bytes.byteLength;
}
