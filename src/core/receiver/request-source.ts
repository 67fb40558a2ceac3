import { decodeBase64 } from '../decode-base64.ts';
import type { PoaWebhookRequest } from '../poa-webhook-request.ts';
import { NO_BODY, type ReceivedBody } from './received-body.ts';
import type { ReceiverSource } from './receiver-source.ts';
import { readStream } from './read-stream.ts';
import { isBytes } from './is-bytes.ts';

/**
 * A {@link PoaWebhookRequest} (what custom adapters and {@link handlePoaWebhook} callers build) as
 * a receiver source. What the body is, is read once.
 *
 * @internal
 */
export function requestSource(request: PoaWebhookRequest): ReceiverSource {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    readBody: (maxBytes) => requestBody(request, maxBytes),
    decodeBase64,
  };
}

function requestBody(request: PoaWebhookRequest, maxBytes: number): ReceivedBody | Promise<ReceivedBody> {
  const { body } = request;
  if (body === undefined || body === null) {
    return request.parsedBody === undefined ? NO_BODY : { kind: 'value', value: request.parsedBody };
  }
  if (typeof body === 'string') return { kind: 'text', text: body, base64: request.bodyEncoding === 'base64' };
  if (isBytes(body)) return { kind: 'bytes', bytes: body };
  if (typeof body === 'object' && ('getReader' in body || Symbol.asyncIterator in body)) {
    if ((body as { locked?: unknown }).locked === true) return { kind: 'unavailable', reason: 'the body stream was already read.' };
    return readStream(body, maxBytes);
  }
  return { kind: 'unavailable', reason: `the body is a${typeof body === 'object' ? 'n object' : ` ${typeof body}`}, not text, bytes or a stream (was it parsed before?).` };
}
