import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PoaWebhookError } from '../../src/index.ts';
import { createNodeHandler, type NodeHandler, type NodeHandlerRequest } from '../../src/node.ts';

const SECRET = 'node-secret';
const PATH = '/webhook/poa-verification/status';
const BODY = '{"externalUserId":"u-1","status":"APPROVED"}';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

interface Harness {
  readonly port: number;
  readonly calls: unknown[];
  readonly errors: string[];
  /** Bytes the server read from each closed connection. */
  readonly bytesRead: number[];
  readonly writes: { count: number };
  close(): Promise<void>;
}

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function serve(
  options: { maxBodyBytes?: number; handlerTimeoutMs?: number; handlerDelayMs?: number; path?: string } = {},
  wrap: (handler: NodeHandler) => (req: IncomingMessage, res: ServerResponse) => void = (h) => (req, res) => void h(req, res),
): Promise<Harness> {
  const calls: unknown[] = [];
  const errors: string[] = [];
  const bytesRead: number[] = [];
  const writes = { count: 0 };
  const { handlerDelayMs, ...rest } = options;
  const handler = createNodeHandler({
    secret: SECRET,
    ...rest,
    onEvent: async (event) => {
      calls.push(event);
      if (handlerDelayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
    },
    onError: (error: PoaWebhookError) => void errors.push(error.code),
  });
  const inner = wrap(handler);
  const server: Server = createServer((req, res) => {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      writes.count++;
      return writeHead(...args);
    }) as typeof res.writeHead;
    inner(req, res);
  });
  server.on('connection', (socket: Socket) => socket.on('close', () => bytesRead.push(socket.bytesRead)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const harness: Harness = {
    port: (server.address() as AddressInfo).port,
    calls,
    errors,
    bytesRead,
    writes,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  open.push(harness);
  return harness;
}

/** One ordinary delivery on a fresh connection: status and body text. */
function deliver(port: number, body = BODY, headers: Record<string, string> = { authorization: SECRET }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: PATH, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes raw bytes on a TCP connection and collects what comes back until the server closes it (or `waitMs`). */
async function raw(port: number, write: (socket: Socket) => Promise<void> | void, waitMs = 2_000): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const closed = once(socket, 'close');
  await write(socket);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  socket.destroy();
  return received;
}

/** Uploads `total` bytes as fast as the connection takes them, until the server answers or closes. */
async function upload(port: number, total: number, declareLength: boolean): Promise<{ status: number | undefined; text: string; sent: number }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { authorization: SECRET };
    if (declareLength) headers['content-length'] = String(total);
    let sent = 0;
    let settled = false;
    const finish = (status: number | undefined, text: string): void => {
      if (settled) return;
      settled = true;
      resolve({ status, text, sent });
    };
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: PATH, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => finish(res.statusCode, text));
      res.on('error', () => finish(res.statusCode, text));
    });
    req.on('error', () => finish(undefined, ''));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!settled && !req.destroyed && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= total && !req.destroyed) req.end();
    };
    pump();
  });
}

describe('createNodeHandler', () => {
  describe('body size', () => {
    it.each([
      { description: 'a chunked 8 MiB upload (no content-length)', declareLength: false },
      { description: 'an 8 MiB upload that declares its content-length', declareLength: true },
    ])('should answer 413 to $description without reading the rest', async ({ declareLength }) => {
      const server = await serve({ maxBodyBytes: 65_536 });
      const total = 8 * 1024 * 1024;
      const answer = await upload(server.port, total, declareLength);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      // The connection is closed instead of drained: the server read a small part of the upload.
      await expect.poll(() => server.bytesRead.length).toBe(1);
      expect(server.bytesRead[0]).toBeLessThan(1024 * 1024);
      expect(server.calls).toEqual([]);
      expect(server.errors).toEqual(['PAYLOAD_TOO_LARGE']);
      expect(await deliver(server.port)).toEqual({ status: 200, text: '{}' });
    });

    it('should read a body of exactly maxBodyBytes sent in many small chunks', async () => {
      const server = await serve({ maxBodyBytes: 1_000 });
      const body = BODY.padEnd(1_000, ' ');
      const text = await raw(server.port, async (socket) => {
        socket.write(`POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n`);
        for (let i = 0; i < body.length; i += 100) {
          socket.write(`${(100).toString(16)}\r\n${body.slice(i, i + 100)}\r\n`);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        socket.write('0\r\n\r\n');
      });
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      expect(server.calls).toHaveLength(1);
    });
  });

  describe('broken clients', () => {
    it('should stay healthy when a client aborts mid-body', async () => {
      const server = await serve();
      await raw(
        server.port,
        async (socket) => {
          socket.write(`POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ncontent-length: 1000\r\n\r\n${BODY.slice(0, 20)}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
          socket.destroy();
        },
        100,
      );
      await expect.poll(() => server.errors).toEqual(['INVALID_JSON']);
      expect(server.calls).toEqual([]);
      expect(await deliver(server.port)).toEqual({ status: 200, text: '{}' });
      expect(server.calls).toHaveLength(1);
    });

    it('should read only content-length bytes when it is shorter than the body, and refuse the rest', async () => {
      const server = await serve();
      const text = await raw(server.port, (socket) => {
        socket.write(`POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ncontent-length: 20\r\n\r\n${BODY}`);
      });
      // The first 20 bytes are not JSON; the remainder is not an HTTP request, so Node answers 400 and
      // closes the connection (its answer may overtake the adapter's INVALID_JSON).
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      await expect.poll(() => server.errors).toEqual(['INVALID_JSON']);
      expect(server.calls).toEqual([]);
      expect(await deliver(server.port)).toEqual({ status: 200, text: '{}' });
    });

    it('should not call the handler when content-length is longer than the body and the client stops sending', async () => {
      const server = await serve();
      const text = await raw(server.port, (socket) => {
        socket.write(`POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ncontent-length: 100\r\n\r\n${BODY}`);
        socket.end();
      });
      expect(text).not.toMatch(/^HTTP\/1\.1 200 /);
      await expect.poll(() => server.errors).toEqual(['INVALID_JSON']);
      expect(server.calls).toEqual([]);
      expect(await deliver(server.port)).toEqual({ status: 200, text: '{}' });
    });

    it('should answer a refused delivery on a kept-alive connection and then serve the next one', async () => {
      const server = await serve();
      const text = await raw(server.port, (socket) => {
        socket.write(
          `POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: wrong\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY}` +
            `POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ncontent-length: ${BODY.length}\r\nconnection: close\r\n\r\n${BODY}`,
        );
      });
      expect(text.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 401', 'HTTP/1.1 200']);
      expect(server.calls).toHaveLength(1);
    });
  });

  describe('exactly once', () => {
    it('should call the handler once per delivery on a pipelined connection', async () => {
      const server = await serve();
      const one = `POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY}`;
      const text = await raw(server.port, (socket) => {
        socket.write(one + one + one.replace('\r\n\r\n', '\r\nconnection: close\r\n\r\n'));
      });
      expect(text.match(/HTTP\/1\.1 200/g)).toHaveLength(3);
      expect(server.calls).toHaveLength(3);
    });

    it('should write the response once when the handler finishes after its timeout', async () => {
      const server = await serve({ handlerTimeoutMs: 20, handlerDelayMs: 150 });
      expect((await deliver(server.port)).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.writes.count).toBe(1);
      expect(server.calls).toHaveLength(1);
    });

    it('should leave a response that another middleware already sent alone', async () => {
      const server = await serve({}, (handler) => (req, res) => {
        res.writeHead(202, { 'content-type': 'text/plain' });
        res.end('taken');
        void handler(req, res);
      });
      expect(await deliver(server.port)).toEqual({ status: 202, text: 'taken' });
      expect(server.writes.count).toBe(1);
    });
  });

  describe('parsed bodies', () => {
    it.each([
      { description: 'a parsed object', body: JSON.parse(BODY) as unknown },
      { description: 'a string', body: BODY },
      { description: 'a Buffer', body: Buffer.from(BODY) },
    ])('should use req.body ($description) and never wait for the stream', async ({ body }) => {
      // The client sends only part of its declared body and waits: waiting for the stream would hang.
      const server = await serve({}, (handler) => (req, res) => {
        (req as NodeHandlerRequest).body = body;
        void handler(req, res);
      });
      const text = await raw(server.port, (socket) => {
        socket.write(`POST ${PATH} HTTP/1.1\r\nhost: x\r\nauthorization: ${SECRET}\r\ncontent-length: 1000\r\n\r\n{`);
      }, 500);
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      expect(server.calls).toEqual([{ externalUserId: 'u-1', status: 'APPROVED' }]);
    });
  });

  describe('path and next()', () => {
    function chain(handler: NodeHandler, seen: string[]): (req: IncomingMessage, res: ServerResponse) => void {
      return (req, res) =>
        void handler(req, res, (error) => {
          seen.push(error === undefined ? `next ${req.url}` : 'next(error)');
          res.writeHead(418).end('fallthrough');
        });
    }

    it.each([
      { url: PATH, status: 200, seen: [] },
      { url: `${PATH}/`, status: 200, seen: [] },
      { url: `${PATH}?attempt=2`, status: 200, seen: [] },
      { url: '/other', status: 418, seen: ['next /other'] },
      { url: `${PATH}/deeper`, status: 418, seen: [`next ${PATH}/deeper`] },
    ])('should route $url to the handler or to next()', async ({ url, status, seen: expected }) => {
      const seen: string[] = [];
      const server = await serve({ path: PATH }, (handler) => chain(handler, seen));
      const answer = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: url, headers: { authorization: SECRET }, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(BODY);
      });
      expect(answer).toBe(status);
      expect(seen).toEqual(expected);
      expect(server.calls).toHaveLength(status === 200 ? 1 : 0);
    });

    it('should answer 404 NOT_FOUND for another path without next()', async () => {
      const server = await serve({ path: PATH });
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/other', headers: { authorization: SECRET }, agent: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(BODY);
      });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it.each([
      { url: '/webhook/user/status', status: 200, seen: [], handled: ['user ACTIVE'] },
      { url: '/webhook/kyc-file/status', status: 200, seen: [], handled: ['file ADDED'] },
      { url: PATH, status: 418, seen: [`next ${PATH}`], handled: [] },
      { url: '/other', status: 418, seen: ['next /other'], handled: [] },
    ])('should route $url of several webhooks to its route or to next()', async ({ url, status, seen: expected, handled: handledExpected }) => {
      const seen: string[] = [];
      const handled: string[] = [];
      const handler = createNodeHandler({
        secret: SECRET,
        webhooks: {
          userStatus: { onEvent: (event) => void handled.push(`user ${event.status}`) },
          kycFileAdded: { path: '/webhook/kyc-file/status', onEvent: (event) => void handled.push(`file ${event.status}`) },
        },
      });
      const server = createServer(chain(handler, seen));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const body = url === '/webhook/kyc-file/status' ? '{"externalUserId":"u-1","status":"ADDED"}' : '{"externalUserId":"u-1","status":"ACTIVE"}';
        const answer = await new Promise<number>((resolve, reject) => {
          const port = (server.address() as AddressInfo).port;
          const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: url, headers: { authorization: SECRET, 'content-type': 'application/json' }, agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', reject);
          req.end(body);
        });
        expect(answer).toBe(status);
        expect(seen).toEqual(expected);
        expect(handled).toEqual(handledExpected);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it('should never call next() for its own path, whatever the outcome', async () => {
      const seen: string[] = [];
      const server = await serve({ path: PATH }, (handler) => chain(handler, seen));
      expect((await deliver(server.port, 'not json')).status).toBe(400);
      expect((await deliver(server.port, BODY, { authorization: 'wrong' })).status).toBe(401);
      expect(seen).toEqual([]);
    });
  });

  it('should throw a TypeError for invalid options at creation', () => {
    expect(() => createNodeHandler({ secret: '', onEvent: () => {} })).toThrow(TypeError);
  });
});
