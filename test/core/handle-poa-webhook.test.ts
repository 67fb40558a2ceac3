import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  handlePoaWebhook,
  type PoaWebhookContext,
  type PoaWebhookErrorCode,
  PoaWebhookError,
  type PoaWebhookOptions,
  type PoaWebhookRequest,
  type PoaWebhookResponse,
} from '../../src/index.ts';

const SECRET = 'whsec-7f3a9c1e5b2d8f40';
const VALID = '{"externalUserId":"user-1","status":"APPROVED"}';
const utf8 = new TextEncoder();

/** A body stream that records whether and how far it was read. */
function recordingIterable(chunks: readonly (Uint8Array | string)[]) {
  const state = { pulls: 0, returned: false };
  const stream: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const value = chunks[state.pulls];
        state.pulls++;
        return value === undefined ? { done: true, value: undefined } : { done: false, value: value as Uint8Array };
      },
      return: async () => {
        state.returned = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return { stream, state };
}

function recordingReadableStream(chunks: readonly Uint8Array[]) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const value = chunks[state.pulls];
        state.pulls++;
        if (value === undefined) controller.close();
        else controller.enqueue(value);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** Like `Partial<T>`, with `undefined` allowed for every key (tests pass it to mean "absent"). */
type Loose<T> = { [K in keyof T]?: T[K] | undefined };
type Row = {
  readonly description: string;
  readonly request: Loose<PoaWebhookRequest>;
  readonly options?: Loose<PoaWebhookOptions>;
  readonly status: number;
  readonly code: PoaWebhookErrorCode;
};

interface Run {
  readonly response: PoaWebhookResponse;
  readonly json: { error?: { code: string; message: string; issues?: unknown[] } };
  readonly handled: unknown[];
  readonly errors: PoaWebhookError[];
  readonly contexts: PoaWebhookContext[];
}

/** Calls handlePoaWebhook with a valid delivery, changed by `request`, and records every callback. */
async function run(request: Loose<PoaWebhookRequest> = {}, options: Loose<PoaWebhookOptions> = {}): Promise<Run> {
  const handled: unknown[] = [];
  const errors: PoaWebhookError[] = [];
  const contexts: PoaWebhookContext[] = [];
  const base = {
    secret: SECRET,
    onEvent: (event: unknown, context: PoaWebhookContext) => {
      handled.push(event);
      contexts.push(context);
    },
    onError: (error: PoaWebhookError, context: PoaWebhookContext) => {
      errors.push(error);
      contexts.push(context);
    },
  };
  const response = await handlePoaWebhook(
    { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: VALID, ...request } as PoaWebhookRequest,
    { ...base, ...options } as PoaWebhookOptions,
  );
  expect(response.headers['content-type']).toBe('application/json');
  const json = JSON.parse(response.body) as Run['json'];
  const visible = JSON.stringify([response, errors, errors.map((e) => [e.message, e.stack, String(e.cause)])]);
  expect(visible).not.toContain(SECRET);
  if (response.status >= 200 && response.status < 300) expect(errors).toHaveLength(0);
  else {
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe(json.error?.code);
    expect(errors[0]?.httpStatus).toBe(response.status);
  }
  return { response, json, handled, errors, contexts };
}

const big = (bytes: number) => JSON.stringify({ externalUserId: 'u', status: 'APPROVED', pad: 'x'.repeat(bytes) });

describe('handlePoaWebhook', () => {
  describe('the HTTP table, in order', () => {
    const TABLE: readonly Row[] = [
      { description: 'another path (before the method)', request: { url: '/other', method: 'GET', headers: {} }, options: { path: '/hook' }, status: 404, code: 'NOT_FOUND' },
      { description: 'GET (before authorization)', request: { method: 'GET', headers: {} }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { description: 'PUT', request: { method: 'PUT' }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { description: 'lower-case post', request: { method: 'post' }, status: 405, code: 'METHOD_NOT_ALLOWED' },
      { description: 'no Authorization (before the size)', request: { headers: {}, body: big(100_000) }, status: 401, code: 'UNAUTHORIZED' },
      { description: 'a wrong secret (before parsing)', request: { headers: { authorization: 'Bearer nope' }, body: 'not json' }, status: 401, code: 'UNAUTHORIZED' },
      { description: 'a Basic scheme', request: { headers: { authorization: `Basic ${SECRET}` } }, status: 401, code: 'UNAUTHORIZED' },
      { description: 'a repeated Authorization', request: { headers: { authorization: [SECRET, SECRET] } }, status: 401, code: 'UNAUTHORIZED' },
      {
        description: 'Authorization repeated under two spellings, one of them right',
        request: { headers: { Authorization: 'wrong', authorization: `Bearer ${SECRET}` } },
        status: 401,
        code: 'UNAUTHORIZED',
      },
      { description: 'an empty Authorization', request: { headers: { authorization: '' } }, status: 401, code: 'UNAUTHORIZED' },
      { description: 'a string body over the limit (before parsing)', request: { body: `{${'x'.repeat(100)}` }, options: { maxBodyBytes: 64 }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { description: 'multi-byte text over the limit in bytes only', request: { body: `"${'é'.repeat(40)}"` }, options: { maxBodyBytes: 64 }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { description: 'bytes over the limit', request: { body: utf8.encode(big(70_000)) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { description: 'an ArrayBuffer over the limit', request: { body: new ArrayBuffer(65_537) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { description: 'base64 over the limit', request: { body: btoa(big(100)), bodyEncoding: 'base64' }, options: { maxBodyBytes: 64 }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { description: 'no body', request: { body: undefined }, status: 400, code: 'EMPTY_BODY' },
      { description: 'a null body', request: { body: null }, status: 400, code: 'EMPTY_BODY' },
      { description: 'an empty body', request: { body: '' }, status: 400, code: 'EMPTY_BODY' },
      { description: 'a white-space body', request: { body: utf8.encode(' \r\n') }, status: 400, code: 'EMPTY_BODY' },
      { description: 'a body that is not JSON', request: { body: 'status=APPROVED' }, status: 400, code: 'INVALID_JSON' },
      { description: 'a body that is not UTF-8', request: { body: new Uint8Array([0x7b, 0xff, 0x7d]) }, status: 400, code: 'INVALID_JSON' },
      { description: 'a body that is not base64', request: { body: '!!!', bodyEncoding: 'base64' }, status: 400, code: 'INVALID_JSON' },
      { description: 'a wrong shape', request: { body: '{"externalUserId":"u-1"}' }, status: 400, code: 'INVALID_PAYLOAD' },
      { description: 'a parsed body of the wrong shape', request: { body: undefined, parsedBody: [] }, status: 400, code: 'INVALID_PAYLOAD' },
      { description: 'an unknown status', request: { body: '{"externalUserId":"u-1","status":"EXPIRED"}' }, status: 400, code: 'UNKNOWN_STATUS' },
    ];
    it.each(TABLE)('should answer $status $code for $description', async ({ request, options, status, code }) => {
      const { response, json, handled } = await run(request, options);
      expect(response.status).toBe(status);
      expect(json.error?.code).toBe(code);
      expect(typeof json.error?.message).toBe('string');
      expect(Object.keys(json)).toEqual(['error']);
      expect(handled).toEqual([]);
      if (status === 405) expect(response.headers['allow']).toBe('POST');
      else expect(response.headers['allow']).toBeUndefined();
      if (code === 'INVALID_PAYLOAD') expect(json.error?.issues).toEqual([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })].concat(json.error?.issues?.slice(1) ?? []));
      else expect(json.error).not.toHaveProperty('issues');
    });

    it('should list every issue with its path for a wrong shape', async () => {
      const { json } = await run({ body: '{"externalUserId":5}' });
      expect(json).toEqual({
        error: {
          code: 'INVALID_PAYLOAD',
          message: expect.any(String),
          issues: [
            { path: 'externalUserId', message: expect.any(String) },
            { path: 'status', message: expect.any(String) },
          ],
        },
      });
    });

    it.each([
      { description: 'a string', body: VALID },
      { description: 'bytes', body: utf8.encode(VALID) },
      { description: 'an ArrayBuffer', body: utf8.encode(VALID).buffer },
      { description: 'bytes from another realm', body: runInNewContext('new Uint8Array(bytes)', { bytes: [...utf8.encode(VALID)] }) as Uint8Array },
      { description: 'an ArrayBuffer from another realm', body: runInNewContext('new Uint8Array(bytes).buffer', { bytes: [...utf8.encode(VALID)] }) as ArrayBuffer },
      { description: 'a BOM and bytes', body: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8.encode(VALID)]) },
      { description: 'base64', body: btoa(VALID), bodyEncoding: 'base64' as const },
      { description: 'unpadded base64', body: btoa(VALID).replace(/=+$/, ''), bodyEncoding: 'base64' as const },
      { description: 'an async iterable', body: recordingIterable([utf8.encode(VALID.slice(0, 10)), utf8.encode(VALID.slice(10))]).stream },
      { description: 'an async iterable of strings', body: recordingIterable([VALID.slice(0, 10), VALID.slice(10)]).stream },
      { description: 'a ReadableStream', body: recordingReadableStream([utf8.encode(VALID)]).stream },
      { description: 'a body of exactly maxBodyBytes', body: VALID, maxBodyBytes: VALID.length },
      { description: 'a parsed body', body: undefined, parsedBody: { externalUserId: 'user-1', status: 'APPROVED', extra: 1 } },
      { description: 'a raw body over a parsed one', body: VALID, parsedBody: { externalUserId: 'other', status: 'REJECTED' } },
    ])('should answer 200 {} and call the handler once for $description', async ({ body, bodyEncoding, parsedBody, maxBodyBytes }) => {
      const request: Loose<PoaWebhookRequest> = { body };
      if (bodyEncoding !== undefined) request.bodyEncoding = bodyEncoding;
      if (parsedBody !== undefined) request.parsedBody = parsedBody;
      const { response, handled } = await run(request, maxBodyBytes === undefined ? {} : { maxBodyBytes });
      expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: '{}' });
      expect(handled).toEqual([{ externalUserId: 'user-1', status: 'APPROVED' }]);
    });

    it.each([
      { description: 'a wrong method', request: { method: 'GET' }, code: 'METHOD_NOT_ALLOWED' },
      { description: 'a missing Authorization', request: { headers: {} }, code: 'UNAUTHORIZED' },
      { description: 'a wrong Authorization', request: { headers: { authorization: `Bearer ${SECRET}x` } }, code: 'UNAUTHORIZED' },
      { description: 'another path', request: { url: '/elsewhere' }, code: 'NOT_FOUND' },
    ])('should not touch an async-iterable body for $description', async ({ request, code }) => {
      const { stream, state } = recordingIterable([utf8.encode(VALID)]);
      const { json } = await run({ ...request, body: stream, url: request.url ?? '/hook' }, { path: '/hook' });
      expect(json.error?.code).toBe(code);
      expect(state.pulls).toBe(0);
    });

    it('should not pull a ReadableStream body before authorization', async () => {
      const { stream, state } = recordingReadableStream([utf8.encode(VALID)]);
      const { json } = await run({ headers: { authorization: 'wrong' }, body: stream });
      expect(json.error?.code).toBe('UNAUTHORIZED');
      expect(state.pulls).toBe(0);
      expect(stream.locked).toBe(false);
    });

    it('should stop reading an async iterable at the limit and answer 413', async () => {
      const chunk = new Uint8Array(40).fill(0x20);
      const { stream, state } = recordingIterable(Array.from({ length: 100 }, () => chunk));
      const { json } = await run({ body: stream }, { maxBodyBytes: 100 });
      expect(json.error?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(state.pulls).toBe(3); // 40 + 40 + 40 > 100
    });

    it('should cancel a ReadableStream at the limit and answer 413', async () => {
      const chunk = new Uint8Array(40).fill(0x20);
      const { stream, state } = recordingReadableStream(Array.from({ length: 100 }, () => chunk));
      const { json } = await run({ body: stream }, { maxBodyBytes: 100 });
      expect(json.error?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(state.pulls).toBeLessThanOrEqual(4);
      expect(state.cancelled).toBe(true);
    });

    it('should answer 413 from a declared Content-Length without reading the stream', async () => {
      const { stream, state } = recordingIterable([utf8.encode(VALID)]);
      const { json } = await run({ headers: { authorization: SECRET, 'Content-Length': '1000000' }, body: stream });
      expect(json.error?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(state.pulls).toBe(0);
    });

    it('should answer 400 INVALID_JSON when the stream fails midway', async () => {
      const stream: AsyncIterable<Uint8Array> = {
        async *[Symbol.asyncIterator]() {
          yield utf8.encode('{"externalUserId"');
          throw new Error('socket hang up');
        },
      };
      const { json } = await run({ body: stream });
      expect(json.error?.code).toBe('INVALID_JSON');
    });
  });

  describe('handlers', () => {
    it.each(['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'] as const)('should call only on.%s, once, with the event and a context', async (status) => {
      const calls: string[] = [];
      const on = Object.fromEntries(
        (['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'] as const).map((s) => [
          s,
          (event: unknown, context: PoaWebhookContext) => void calls.push(`${s}:${JSON.stringify(event)}:${context.method}`),
        ]),
      ) as unknown as PoaWebhookOptions['on'];
      const response = await handlePoaWebhook(
        { method: 'POST', headers: { authorization: SECRET }, body: `{"status":"${status}","externalUserId":"u-9","x":1}` },
        { secret: SECRET, on: on! },
      );
      expect(response.status).toBe(200);
      expect(calls).toEqual([`${status}:{"externalUserId":"u-9","status":"${status}"}:POST`]);
    });

    it('should wait for an async handler before answering', async () => {
      let finished = false;
      const { response } = await run({}, {
        onEvent: async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          finished = true;
        },
      });
      expect(response.status).toBe(200);
      expect(finished).toBe(true);
    });

    it.each([
      { description: 'throws an Error', handler: () => { throw new Error(`db down; secret=${SECRET.slice(0, 4)} at /srv/app.js:1`); } },
      { description: 'rejects', handler: async () => { throw new TypeError('boom'); } },
      { description: 'throws a string', handler: () => { throw 'plain string'; } },
      { description: 'throws undefined', handler: () => { throw undefined; } },
      { description: 'returns a rejected thenable', handler: () => ({ then: (_: unknown, reject: (e: unknown) => void) => reject(new Error('thenable')) }) },
      {
        description: 'returns an object whose then getter throws',
        handler: () => Object.defineProperty({}, 'then', { get: () => { throw new Error('boom getter'); } }),
      },
      {
        description: 'returns a proxy that throws on every read',
        handler: () => new Proxy({}, { get: () => { throw new Error('boom proxy'); } }),
      },
    ])('should answer 500 with a generic body when the handler $description', async ({ handler }) => {
      const { response, json, errors } = await run({}, { onEvent: handler });
      expect(response.status).toBe(500);
      expect(json).toEqual({ error: { code: 'HANDLER_FAILED', message: 'The webhook handler failed.' } });
      expect(response.body).not.toMatch(/boom|db down|plain string|thenable|at |\.js/);
      expect(errors[0]?.code).toBe('HANDLER_FAILED');
      expect(errors[0]).toHaveProperty('cause');
    });

    it('should keep the thrown value as the cause given to onError', async () => {
      const thrown = new Error('original');
      const { errors } = await run({}, { onEvent: () => { throw thrown; } });
      expect(errors[0]?.cause).toBe(thrown);
    });

    it('should answer 503 HANDLER_TIMEOUT when the handler outlives handlerTimeoutMs', async () => {
      const { response, json } = await run({}, { onEvent: () => new Promise(() => {}), handlerTimeoutMs: 30 });
      expect(response.status).toBe(503);
      expect(json.error?.code).toBe('HANDLER_TIMEOUT');
    });

    it('should answer 200 when the handler finishes within handlerTimeoutMs', async () => {
      const { response } = await run({}, { onEvent: () => new Promise((resolve) => setTimeout(resolve, 5)), handlerTimeoutMs: 2_000 });
      expect(response.status).toBe(200);
    });

    it('should apply handlerTimeoutMs to onUnknownStatus too', async () => {
      const { response } = await run(
        { body: '{"externalUserId":"u-1","status":"EXPIRED"}' },
        { onUnknownStatus: () => new Promise(() => {}), handlerTimeoutMs: 30 },
      );
      expect(response.status).toBe(503);
    });

    it('should turn an unknown status into 200 after onUnknownStatus runs, and not call the event handler', async () => {
      const seen: unknown[] = [];
      const { response, handled } = await run(
        { body: '{"externalUserId":"u-1","status":"EXPIRED","extra":true}' },
        { onUnknownStatus: async (payload) => { await Promise.resolve(); seen.push(payload); } },
      );
      expect(response.status).toBe(200);
      expect(seen).toEqual([{ externalUserId: 'u-1', status: 'EXPIRED' }]);
      expect(handled).toEqual([]);
    });

    it('should answer 500 when onUnknownStatus returns a value whose then getter throws', async () => {
      const { response, errors } = await run(
        { body: '{"externalUserId":"u-1","status":"EXPIRED"}' },
        { onUnknownStatus: () => Object.defineProperty({}, 'then', { get: () => { throw new Error('getter'); } }) },
      );
      expect(response.status).toBe(500);
      expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
    });

    it('should answer 500 when onUnknownStatus throws', async () => {
      const { response } = await run(
        { body: '{"externalUserId":"u-1","status":"EXPIRED"}' },
        { onUnknownStatus: () => { throw new Error('no'); } },
      );
      expect(response.status).toBe(500);
    });

    it('should not call onUnknownStatus for an invalid payload', async () => {
      const seen: unknown[] = [];
      const { response } = await run({ body: '{"externalUserId":1,"status":"EXPIRED"}' }, { onUnknownStatus: (p) => void seen.push(p) });
      expect(response.status).toBe(400);
      expect(seen).toEqual([]);
    });
  });

  describe('onError', () => {
    it.each([
      { description: 'throws', onError: () => { throw new Error('logger down'); } },
      { description: 'rejects', onError: async () => { throw new Error('logger down'); } },
    ])('should leave the answer unchanged when onError $description', async ({ onError }) => {
      let calls = 0;
      const response = await handlePoaWebhook(
        { method: 'GET', headers: {} },
        { secret: SECRET, onEvent: () => {}, onError: () => { calls++; return onError() as never; } },
      );
      expect(response.status).toBe(405);
      expect(JSON.parse(response.body)).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: expect.any(String) } });
      expect(calls).toBe(1);
    });

    it('should not be called for a 200', async () => {
      const { errors } = await run();
      expect(errors).toEqual([]);
    });
  });

  describe('context', () => {
    it.each([
      { description: 'a record', headers: { Authorization: `Bearer ${SECRET}`, 'X-Request-Id': 'r-1', 'user-agent': ['a', 'b'] } },
      { description: 'Headers', headers: new Headers({ Authorization: `Bearer ${SECRET}`, 'X-Request-Id': 'r-1', 'user-agent': 'a, b' }) },
    ])('should read headers case-insensitively from $description and withhold authorization', async ({ headers }) => {
      const { contexts } = await run({ headers, url: '/hook?x=1' });
      const context = contexts[0]!;
      expect(context.header('authorization')).toBeUndefined();
      expect(context.header('Authorization')).toBeUndefined();
      expect(context.header('AUTHORIZATION')).toBeUndefined();
      expect(context.header('x-request-id')).toBe('r-1');
      expect(context.header('X-REQUEST-ID')).toBe('r-1');
      expect(context.header('user-agent')).toBe('a, b');
      expect(context.header('missing')).toBeUndefined();
      expect(context.header('not a header name')).toBeUndefined();
      expect(context.method).toBe('POST');
      expect(context.url).toBe('/hook?x=1');
      expect(context.receivedAt).toBeInstanceOf(Date);
      expect(JSON.stringify(context)).not.toContain(SECRET);
    });

    it('should withhold authorization from the context given to onError too', async () => {
      const { contexts } = await run({ headers: { authorization: 'Bearer wrong' } });
      expect(contexts[0]?.header('authorization')).toBeUndefined();
    });
  });

  describe('path', () => {
    it.each([
      { url: '/hook', ok: true },
      { url: '/hook/', ok: true },
      { url: '/hook?token=1', ok: true },
      { url: 'https://example.com/hook#x', ok: true },
      { url: '/hook/more', ok: false },
      { url: '/hoo', ok: false },
      { url: '/', ok: false },
    ])('should serve $url: $ok', async ({ url, ok }) => {
      const { response } = await run({ url }, { path: '/hook' });
      expect(response.status).toBe(ok ? 200 : 404);
    });
  });
});
