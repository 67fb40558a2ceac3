import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PoaWebhookError, PoaWebhookOptions } from '../../src/index.ts';
import { createNodeHandler } from '../../src/node.ts';
import { deliverOverHttp, listenOnLoopback, WEBHOOK_PATH, type RunningServer } from '../support/adapters.ts';

/**
 * Clients that go away at every point of an exchange with a real node:http server on 127.0.0.1,
 * written byte by byte on raw sockets. The server keeps serving, nothing is thrown or left unhandled,
 * the handler runs only for a delivery whose body fully arrived, and the sender that saw no answer
 * retries and is accepted.
 */
const SECRET = 'conn-secret-0123456789';
const BODY = JSON.stringify({ externalUserId: 'u-1', status: 'APPROVED' });

const unhandled: unknown[] = [];
const uncaught: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

interface Harness {
  readonly server: RunningServer;
  readonly http: Server;
  readonly calls: string[];
  readonly errors: PoaWebhookError[];
  /** Resolves when the handler has been entered `n` times. */
  entered(n: number): Promise<void>;
}

let current: Harness | undefined;
afterEach(async () => {
  await current?.server.close();
  current = undefined;
});

async function start(handlerDelayMs = 0, extra: Partial<PoaWebhookOptions> = {}): Promise<Harness> {
  const calls: string[] = [];
  const errors: PoaWebhookError[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const options = {
    secret: SECRET,
    handlerTimeoutMs: 2_000,
    onEvent: async (event: { externalUserId: string }) => {
      calls.push(event.externalUserId);
      for (const w of waiters.filter((w) => calls.length >= w.n)) w.resolve();
      if (handlerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
    },
    onError: (error: PoaWebhookError) => void errors.push(error),
    ...extra,
  } as PoaWebhookOptions;
  const http = createServer(createNodeHandler(options));
  http.on('clientError', (error) => void uncaught.push(error));
  const server = await listenOnLoopback(http);
  current = {
    server,
    http,
    calls,
    errors,
    entered: (n) => (calls.length >= n ? Promise.resolve() : new Promise<void>((resolve) => void waiters.push({ n, resolve }))),
  };
  return current;
}

function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

const head = (length: number | 'chunked', authorization = `Bearer ${SECRET}`): string =>
  `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\n` +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) +
  '\r\n';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `parts` with a pause between them, then resets the connection. */
async function abortAfter(port: number, parts: readonly string[]): Promise<void> {
  const socket = await rawSocket(port);
  socket.on('error', () => {});
  for (const part of parts) {
    socket.write(part);
    await tick(15);
  }
  socket.resetAndDestroy();
  await tick(30);
}

async function expectStillServing(h: Harness): Promise<void> {
  const answer = await deliverOverHttp(h.server.port, { headers: { authorization: `Bearer ${SECRET}` }, body: BODY });
  expect([answer.status, answer.json]).toEqual([200, {}]);
}

describe('clients that disconnect mid-request', () => {
  const CASES: readonly { readonly description: string; readonly parts: readonly string[] }[] = [
    { description: 'inside the request line', parts: ['POST /webhook/poa'] },
    { description: 'inside the headers', parts: [`POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthori`] },
    { description: 'after the headers, before any body', parts: [head(BODY.length)] },
    { description: 'in the middle of the body', parts: [head(BODY.length), BODY.slice(0, 20)] },
    { description: 'one byte before the end of the body', parts: [head(BODY.length), BODY.slice(0, -1)] },
    { description: 'in the middle of a chunked body', parts: [head('chunked'), `${BODY.length.toString(16)}\r\n${BODY.slice(0, 10)}`] },
    { description: 'after the last chunk of data but before the terminating chunk', parts: [head('chunked'), `${BODY.length.toString(16)}\r\n${BODY}\r\n`] },
    { description: 'in the middle of a large body', parts: [head(60_000), 'x'.repeat(30_000)] },
    { description: 'in the middle of a body over the limit', parts: [head(10_000_000), 'x'.repeat(100_000)] },
    { description: 'in the middle of a body sent with a wrong token', parts: [head(BODY.length, 'Bearer nope'), BODY.slice(0, 20)] },
  ];

  it.each(CASES)('should not call the handler and keep serving when the client resets $description', async ({ parts }) => {
    const h = await start();
    await abortAfter(h.server.port, parts);
    expect(h.calls).toEqual([]);
    await expectStillServing(h);
    expect(h.calls).toEqual(['u-1']);
  });

  it('should survive 200 clients resetting mid-body at once and then accept 50 deliveries', async () => {
    const h = await start();
    await Promise.all(Array.from({ length: 200 }, (_, i) => abortAfter(h.server.port, [head(BODY.length), BODY.slice(0, i % BODY.length)])));
    expect(h.calls).toEqual([]);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        deliverOverHttp(h.server.port, { headers: { authorization: `Bearer ${SECRET}` }, body: JSON.stringify({ externalUserId: `u-${i}`, status: 'WAITING' }) }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 200));
    expect(h.calls.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `u-${i}`).sort());
  });
});

describe('clients that disconnect while the answer is on its way', () => {
  it('should run the handler once for a delivery whose client left while it ran, and accept the retry', async () => {
    const h = await start(100);
    const socket = await rawSocket(h.server.port);
    socket.on('error', () => {});
    socket.write(head(BODY.length) + BODY);
    await h.entered(1);
    socket.resetAndDestroy();
    await tick(150); // the handler finishes and the answer meets a closed socket

    // P100 saw no answer, so it retries: the retry is accepted, the handler runs once per delivery.
    await expectStillServing(h);
    expect(h.calls).toEqual(['u-1', 'u-1']);
  });

  it('should keep serving when the client half-closes right after sending', async () => {
    // node:http (without allowHalfOpen) gives up on a request whose client half-closed: the delivery
    // may be handled or not, and the answer may be lost; either way P100 sees no 2xx and retries.
    const h = await start(50);
    const socket = await rawSocket(h.server.port);
    socket.on('error', () => {});
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => void received.push(chunk));
    socket.end(head(BODY.length) + BODY);
    await new Promise((resolve) => socket.on('close', resolve));
    const answer = Buffer.concat(received).toString('latin1');
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    await tick(80);
    const before = h.calls.length;
    expect(before).toBeLessThanOrEqual(1);
    await expectStillServing(h);
    expect(h.calls).toHaveLength(before + 1);
  });

  it('should keep serving when the client resets as soon as the answer starts arriving', async () => {
    const h = await start(20);
    const socket = await rawSocket(h.server.port);
    socket.on('error', () => {});
    socket.write(head(BODY.length) + BODY);
    await new Promise<void>((resolve) =>
      socket.once('data', () => {
        socket.resetAndDestroy();
        resolve();
      }),
    );
    await tick(30);
    await expectStillServing(h);
    expect(h.calls).toEqual(['u-1', 'u-1']);
  });

  it('should time out a slow handler with 503 even when the client already left', async () => {
    const h = await start(500, { handlerTimeoutMs: 50 });
    const socket = await rawSocket(h.server.port);
    socket.on('error', () => {});
    socket.write(head(BODY.length) + BODY);
    await h.entered(1);
    socket.resetAndDestroy();
    await tick(100);
    expect(h.errors.map((e) => e.code)).toEqual(['HANDLER_TIMEOUT']);
    await tick(500); // let the slow handler finish
  });
});

describe('slow clients', () => {
  it('should be cut by the server request timeout the security guide recommends, without calling the handler', async () => {
    const calls: string[] = [];
    const http = createServer({ requestTimeout: 300, headersTimeout: 200, connectionsCheckingInterval: 50 }, createNodeHandler({ secret: SECRET, onEvent: (e) => void calls.push(e.externalUserId) }));
    const server = await listenOnLoopback(http);
    current = { server, http, calls, errors: [], entered: () => Promise.resolve() };
    const socket = await rawSocket(server.port);
    socket.on('error', () => {});
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => void received.push(chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(head(BODY.length));
    // Trickle one byte every 50 ms: the body would take far longer than the request timeout.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 50);
    await closed;
    clearInterval(trickle);
    expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 (408|400) /);
    expect(calls).toEqual([]);
    await expectStillServing(current);
  });
});

describe('after every connection fault', () => {
  it('should have left no rejection unhandled and seen no client error beyond resets', async () => {
    await tick(50);
    expect(unhandled).toEqual([]);
    for (const error of uncaught) expect((error as NodeJS.ErrnoException).code).toMatch(/^(ECONNRESET|HPE_INVALID_EOF_STATE|ERR_HTTP_REQUEST_TIMEOUT)$/);
  });
});
