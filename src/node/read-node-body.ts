import { Buffer } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { NO_BODY, type ReceivedBody } from '../core/receiver/received-body.ts';

/**
 * Collects the body with `data`/`end` listeners (cheaper than an async iterator for a small body)
 * and stops at the first chunk past `maxBytes`, leaving the rest unread. The receiver awaits the
 * promise in the caller's async context, so AsyncLocalStorage reaches the handlers.
 *
 * @internal
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number, resolve: (body: ReceivedBody) => void): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let total = 0;
  let settled = false;
  // Settled once; the listeners stay on the request, which is done with (cheaper than four `off` calls).
  const done = (body: ReceivedBody): void => {
    if (settled) return;
    settled = true;
    resolve(body);
  };
  const onEnd = (): void => {
    if (first === undefined) done(NO_BODY);
    else done({ kind: 'bytes', bytes: chunks === undefined ? first : Buffer.concat(chunks, total) });
  };
  const onData = (data: Buffer | string): void => {
    if (settled) return;
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    total += chunk.byteLength;
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
    if (total > maxBytes) {
      req.pause();
      onEnd();
    }
  };
  const onFail = (error?: unknown): void => {
    if (!settled) done({ kind: 'aborted', cause: error instanceof Error ? error : new Error('The request was aborted.') });
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onFail);
  req.on('close', onFail);
}

