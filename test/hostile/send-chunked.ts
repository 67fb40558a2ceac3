/**
 * Sends a delivery over node:http without `content-length` (chunked transfer encoding), writing the
 * body in 64 KiB chunks with back-pressure and stopping as soon as the server has answered, the way a
 * well-behaved client does when a server refuses a large upload early.
 */
import { Buffer } from 'node:buffer';
import { request as httpRequest } from 'node:http';
import { WEBHOOK_PATH, type Answer, type Delivery } from '../support/adapters.ts';

const CHUNK = 64 * 1024;

/** Sends `delivery` chunked to 127.0.0.1:`port` and resolves with the parsed answer. */
export function sendChunked(port: number, delivery: Delivery): Promise<Answer> {
  const body = delivery.body === undefined ? Buffer.alloc(0) : Buffer.from(delivery.body);
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string | string[]> = { 'transfer-encoding': 'chunked' };
    for (const [k, v] of Object.entries(delivery.headers ?? {})) headers[k] = typeof v === 'string' ? v : [...v];
    let answered = false;
    const req = httpRequest(
      { host: '127.0.0.1', port, method: delivery.method ?? 'POST', path: delivery.path ?? WEBHOOK_PATH, headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: flat, text, json });
        });
      },
    );
    // Once the server has answered, a reset while the rest of the body is still being written is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    let offset = 0;
    const pump = (): void => {
      while (offset < body.length && !answered && !req.destroyed) {
        const chunk = body.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}
