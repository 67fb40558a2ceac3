/**
 * docs/security.md, "What is read before the token is checked", on a real node:http server on
 * 127.0.0.1 driven byte-exactly over a raw socket: Node's own `100 Continue` without a
 * `checkContinue` listener and the SDK's after the token with one; a refusal's unread body kept
 * (drained by Node) when declared within `maxBodyBytes`, the connection closed otherwise.
 */
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/node.ts';
import { listenOnLoopback, type RunningServer, WEBHOOK_PATH } from '../support/adapters.ts';

const SECRET = 'read-before-token-secret';
const VALID = JSON.stringify({ externalUserId: 'u-1', status: 'APPROVED' });
const MAX = 1_000;

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Writes raw bytes on one connection; everything the server sent until it closed, or after a pause. */
function rawExchange(port: number, bytes: string, waitMs = 400): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

async function start(checkContinue: boolean) {
  const calls: unknown[] = [];
  const handler = createNodeHandler({ secret: SECRET, maxBodyBytes: MAX, onEvent: (event) => void calls.push(event) });
  const server = createServer(handler);
  if (checkContinue) server.on('checkContinue', handler);
  running = await listenOnLoopback(server);
  return { port: running.port, calls };
}

const request = (headers: string, body = '') => `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\n${headers}\r\n${body}`;
const valid = request(`Authorization: ${SECRET}\r\nContent-Length: ${VALID.length}\r\n`, VALID);

describe('Expect: 100-continue', () => {
  it.each([
    { listener: false, token: 'wrong', statuses: ['100', '401'] },
    { listener: true, token: 'wrong', statuses: ['401'] },
    { listener: false, token: SECRET, statuses: ['100', '200'] },
    { listener: true, token: SECRET, statuses: ['100', '200'] },
  ])('should answer $statuses for token $token with checkContinue listener $listener', async ({ listener, token, statuses }) => {
    const { port, calls } = await start(listener);
    const head = request(`Authorization: ${token}\r\nContent-Length: ${VALID.length}\r\nExpect: 100-continue\r\n`);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.startsWith('HTTP/1.1 100 ') && !socket.writableEnded) socket.end(VALID); // the body only once asked for
        if (/HTTP\/1\.1 [2-5]\d\d [^]*\r\n\r\n/.test(text)) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      socket.write(head);
    });
    expect(answer.match(/HTTP\/1\.1 (\d{3})/g)?.map((line) => line.slice(9))).toEqual(statuses);
    expect(calls).toHaveLength(token === SECRET ? 1 : 0);
  });
});

describe('the unread body of a refusal', () => {
  it.each([
    { what: 'a 401 declared within maxBodyBytes', first: request(`Content-Length: ${MAX}\r\n`, 'x'.repeat(MAX)), kept: true },
    { what: 'a 405 declared within maxBodyBytes', first: request(`Content-Length: 5\r\n`, 'hello').replace('POST', 'PUT'), kept: true },
    { what: 'a 401 declared over maxBodyBytes', first: request(`Content-Length: ${MAX + 1}\r\n`, 'x'.repeat(MAX + 1)), kept: false },
    { what: 'a 401 with a chunked body', first: request('Transfer-Encoding: chunked\r\n', '5\r\nhello\r\n0\r\n\r\n'), kept: false },
  ])('should keep the connection (drained) only for $what', async ({ first, kept }) => {
    const { port, calls } = await start(false);
    const { text, closed } = await rawExchange(port, first + valid);
    const statuses = text.match(/HTTP\/1\.1 \d{3}/g)?.map((line) => line.slice(9));
    expect(statuses).toEqual(kept ? [statuses?.[0], '200'] : [statuses?.[0]]);
    expect(closed).toBe(!kept);
    expect(calls).toHaveLength(kept ? 1 : 0);
  });
});
