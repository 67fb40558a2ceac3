/**
 * Defects found by independent testing when each adapter made decisions of its own (issue 11):
 * each case here failed before the single receiver owned every decision.
 */
import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import { handlePoaWebhook, type PoaWebhookError, type PoaWebhookOptions } from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';
import { ADAPTERS, buildLambdaEvent, deliverOverHttp, listenOnLoopback, type RunningServer } from '../support/adapters.ts';

const SECRET = 'defect-s3cret-0123';
const VALID = JSON.stringify({ externalUserId: 'u-1', status: 'APPROVED' });

function recorder(extra: Partial<PoaWebhookOptions> = {}) {
  const events: unknown[] = [];
  const errors: PoaWebhookError[] = [];
  const options = {
    secret: SECRET,
    onEvent: (event: unknown) => void events.push(event),
    onError: (error: PoaWebhookError) => void errors.push(error),
    ...extra,
  } as PoaWebhookOptions;
  return { options, events, errors };
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Writes raw bytes on one connection and collects everything the server sends until it closes (or a pause). */
function rawExchange(port: number, bytes: string, waitMs = 400): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, waitMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

describe('createNodeHandler: a refusal that closes the connection', () => {
  const valid = `POST /webhook HTTP/1.1\r\nHost: x\r\nAuthorization: ${SECRET}\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`;
  it.each([
    { what: '401 with a chunked body', first: `POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`, status: 401 },
    { what: '413 declared over the limit', first: `POST /webhook HTTP/1.1\r\nHost: x\r\nAuthorization: ${SECRET}\r\nContent-Length: 5000\r\n\r\n${'x'.repeat(100)}`, status: 413 },
    { what: '405 with a chunked body', first: `PUT /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`, status: 405 },
  ])('should run no handler for a delivery pipelined behind a $what', async ({ first, status }) => {
    const { options, events } = recorder({ maxBodyBytes: 1000 });
    running = await listenOnLoopback(createServer(createNodeHandler(options)));
    const received = await rawExchange(running.port, first + valid);
    expect(received.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    // The second request's answer can never be written on this connection: its handler must not run.
    expect(received).not.toContain('HTTP/1.1 200');
    expect(events).toEqual([]);
  });

  it('should still answer a delivery pipelined behind a refusal whose small body was drained', async () => {
    const { options, events } = recorder();
    running = await listenOnLoopback(createServer(createNodeHandler(options)));
    const first = `POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`;
    const valid = `POST /webhook HTTP/1.1\r\nHost: x\r\nAuthorization: ${SECRET}\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`;
    const received = await rawExchange(running.port, first + valid);
    expect(received.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 401', 'HTTP/1.1 200']);
    expect(events).toHaveLength(1);
  });
});

describe('framework-parsed bodies', () => {
  it('should validate one snapshot of the fields and hand exactly it to the handler (getters read once)', async () => {
    let reads = 0;
    const parsed = {
      get externalUserId() {
        reads++;
        return reads === 1 ? 'u-1' : '';
      },
      get status() {
        return reads <= 1 ? 'APPROVED' : 'NOPE';
      },
    };
    const { options, events } = recorder();
    const answer = await handlePoaWebhook({ method: 'POST', headers: { authorization: SECRET }, parsedBody: parsed }, options);
    expect(answer.status).toBe(200);
    expect(events).toEqual([{ externalUserId: 'u-1', status: 'APPROVED' }]);
    expect(reads).toBe(1);
  });

  it('should hand onUnknownStatus the checked snapshot, never a second read', async () => {
    let reads = 0;
    const parsed = {
      get externalUserId() {
        reads++;
        return reads === 1 ? 'u-1' : 'x'.repeat(60_000);
      },
      get status() {
        return reads <= 1 ? 'EXPIRED' : '';
      },
    };
    const unknown: unknown[] = [];
    const { options } = recorder({ onUnknownStatus: (payload) => void unknown.push(payload) });
    const answer = await handlePoaWebhook({ method: 'POST', headers: { authorization: SECRET }, parsedBody: parsed }, options);
    expect([answer.status, unknown, reads]).toEqual([200, [{ externalUserId: 'u-1', status: 'EXPIRED' }], 1]);
  });

  it.each([
    { what: 'bytes from another realm (a vm context)', body: () => runInNewContext('new TextEncoder().encode(body)', { body: VALID, TextEncoder }) as Uint8Array },
    { what: 'an ArrayBuffer', body: () => new TextEncoder().encode(VALID).buffer },
    { what: 'a Buffer', body: () => Buffer.from(VALID) },
    { what: 'a string', body: () => VALID },
  ])('should accept req.body holding $what in the Node adapter, as the core does', async ({ body }) => {
    const { options, events } = recorder();
    const handler = createNodeHandler(options);
    running = await listenOnLoopback(
      createServer((req: IncomingMessage, res: ServerResponse) => {
        req.resume();
        req.on('end', () => void handler(Object.assign(req, { body: body() }), res));
      }),
    );
    const answer = await deliverOverHttp(running.port, { headers: { authorization: SECRET }, body: 'ignored' });
    expect([answer.status, events]).toEqual([200, [{ externalUserId: 'u-1', status: 'APPROVED' }]]);
    const core = await handlePoaWebhook({ method: 'POST', headers: { authorization: SECRET }, parsedBody: body() }, options);
    expect(core.status).toBe(200);
  });
});

describe('a polluted Object.prototype', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['status'];
    delete (Object.prototype as Record<string, unknown>)['externalUserId'];
  });

  it.each(ADAPTERS)('should not lend its fields to a payload through $name', async (adapter) => {
    const { options, events } = recorder();
    (Object.prototype as Record<string, unknown>)['status'] = 'APPROVED';
    const answer = await adapter.deliver(options, { headers: { authorization: SECRET }, body: '{"externalUserId":"u-1"}' });
    delete (Object.prototype as Record<string, unknown>)['status'];
    expect([answer.status, (answer.json as { error: { code: string } }).error.code, events]).toEqual([400, 'INVALID_PAYLOAD', []]);
  });
});

describe('base64 Lambda bodies', () => {
  it.each(['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const)(
    'should refuse a %s body padded with "=" past the limit as 413, without decoding it',
    async (kind) => {
      const { options, events, errors } = recorder({ maxBodyBytes: 1024 });
      const event = buildLambdaEvent(kind, { headers: { authorization: SECRET }, body: VALID }, true) as unknown as Record<string, unknown>;
      event['body'] = `${Buffer.from(VALID).toString('base64')}${'='.repeat(4 * 1024 * 1024)}`;
      const result = await createLambdaHandler(options)(event as never);
      expect([result.statusCode, errors.map((e) => e.code), events]).toEqual([413, ['PAYLOAD_TOO_LARGE'], []]);
    },
  );
});

describe('bodies the receiving server cannot hand over', () => {
  it('should answer a Fetch Request whose body was already read 500 BODY_UNAVAILABLE, so P100 retries', async () => {
    const { options, events, errors } = recorder();
    const request = new Request('http://127.0.0.1/webhook', { method: 'POST', headers: { authorization: SECRET }, body: VALID });
    await request.text();
    const response = await createFetchHandler(options)(request);
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code, events]).toEqual([500, 'BODY_UNAVAILABLE', []]);
    expect(errors.map((e) => e.code)).toEqual(['BODY_UNAVAILABLE']);
  });

  it.each(['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const)(
    'should answer a %s event whose body is an object 500 BODY_UNAVAILABLE',
    async (kind) => {
      const { options, events } = recorder();
      const event = buildLambdaEvent(kind, { headers: { authorization: SECRET }, body: VALID }, false) as unknown as Record<string, unknown>;
      event['body'] = JSON.parse(VALID) as unknown;
      const result = await createLambdaHandler(options)(event as never);
      expect([result.statusCode, (JSON.parse(result.body) as { error: { code: string } }).error.code, events]).toEqual([500, 'BODY_UNAVAILABLE', []]);
    },
  );

  it('should answer a Node request whose stream another middleware read 500 BODY_UNAVAILABLE', async () => {
    const { options, events } = recorder();
    const handler = createNodeHandler(options);
    running = await listenOnLoopback(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => void handler(req, res));
      }),
    );
    const answer = await deliverOverHttp(running.port, { headers: { authorization: SECRET }, body: VALID });
    expect([answer.status, (answer.json as { error: { code: string } }).error.code, events]).toEqual([500, 'BODY_UNAVAILABLE', []]);
  });
});

describe('Expect: 100-continue with a checkContinue listener', () => {
  const head = (authorization: string) =>
    `POST /webhook HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Length: ${VALID.length}\r\nExpect: 100-continue\r\n\r\n`;

  async function start() {
    const { options, events } = recorder();
    const handler = createNodeHandler(options);
    const server = createServer(handler);
    server.on('checkContinue', handler);
    running = await listenOnLoopback(server);
    return events;
  }

  it('should refuse a wrong token without ever asking for the body', async () => {
    const events = await start();
    const received = await rawExchange((running as RunningServer).port, head('wrong'));
    expect(received).not.toContain('100 Continue');
    expect(received.startsWith('HTTP/1.1 401 ')).toBe(true);
    expect(events).toEqual([]);
  });

  it('should ask for the body once the token is right, then deliver it', async () => {
    const events = await start();
    const port = (running as RunningServer).port;
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (text.includes('100 Continue') && !text.includes('sent')) {
          text += 'sent';
          socket.write(VALID);
        }
        if (text.includes('\r\n\r\n{}')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      socket.write(head(SECRET));
    });
    expect(received.startsWith('HTTP/1.1 100 Continue')).toBe(true);
    expect(received).toContain('HTTP/1.1 200 OK');
    expect(events).toHaveLength(1);
  });
});
