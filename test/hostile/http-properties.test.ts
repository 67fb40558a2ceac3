import { METHODS, createServer } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlePoaWebhook, POA_VERIFICATION_STATUSES, type PoaWebhookErrorCode, type PoaWebhookOptions } from '../../src/index.ts';
import { createLambdaHandler, type PoaLambdaEvent } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';
import {
  ADAPTERS,
  buildLambdaEvent,
  deliverOverHttp,
  listenOnLoopback,
  nodeHttpAdapter,
  type AdapterUnderTest,
  type Answer,
  type Delivery,
  type RunningServer,
} from '../support/adapters.ts';
import { DOCUMENTED_STATUS } from '../support/documented-statuses.ts';

const SECRET = 'prop-secret-0123456789';


/** Calls of every handler and of onError, reset before each delivery. */
const calls = { handler: 0, onError: 0 };
const OPTIONS: PoaWebhookOptions = {
  secret: SECRET,
  maxBodyBytes: 600,
  onEvent: () => void calls.handler++,
  onError: () => void calls.onError++,
};

/** Header names an HTTP client sets from the body itself; arbitrary values there would only break the client. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'expect', 'upgrade', 'te', 'trailer', 'keep-alive']);

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,11}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,38}[\x21-\x7e])?$/);
const userId = fc.oneof(fc.string({ minLength: 0, maxLength: 300 }), fc.constant('u-1'));
const status = fc.oneof(fc.constantFrom(...POA_VERIFICATION_STATUSES), fc.string({ maxLength: 12 }));
const encoder = new TextEncoder();

const bodyArb: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.uint8Array({ maxLength: 700 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
  fc.record({ externalUserId: userId, status }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  {
    arbitrary: fc
      .tuple(fc.string({ minLength: 1, maxLength: 64 }), fc.constantFrom(...POA_VERIFICATION_STATUSES))
      .map(([id, s]) => JSON.stringify({ externalUserId: id, status: s })),
    weight: 4,
  },
  fc.tuple(userId, status, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(([id, s, extra]) =>
    encoder.encode(JSON.stringify({ ...extra, externalUserId: id, status: s })),
  ),
);

const authorizationArb: fc.Arbitrary<string | readonly string[] | undefined> = fc.oneof(
  fc.constant(undefined),
  { arbitrary: fc.constantFrom(`Bearer ${SECRET}`, SECRET, `bearer  ${SECRET}`), weight: 5 },
  headerValue,
  fc.nat({ max: SECRET.length - 1 }).map((i) => `Bearer ${SECRET.slice(0, i)}${String.fromCharCode(SECRET.charCodeAt(i) ^ 1)}${SECRET.slice(i + 1)}`),
  fc.constant([`Bearer ${SECRET}`, `Bearer ${SECRET}`]),
);

function deliveryArb(methods: fc.Arbitrary<string>): fc.Arbitrary<Delivery> {
  return fc
    .record({
      method: methods,
      authorization: authorizationArb,
      headers: fc.dictionary(token.map((n) => n.toLowerCase()).filter((n) => !FRAMING.has(n) && n !== 'authorization'), headerValue, { maxKeys: 6 }),
      body: bodyArb,
    })
    .map(({ method, authorization, headers, body }) => {
      const all: Record<string, string | readonly string[]> = { ...headers };
      if (authorization !== undefined) all['authorization'] = authorization;
      return body === undefined ? { method, headers: all } : { method, headers: all, body };
    });
}

/** One node:http server for a whole property run, instead of one per delivery. */
let server: RunningServer;
beforeAll(async () => {
  server = await listenOnLoopback(createServer(createNodeHandler(OPTIONS)));
});
afterAll(async () => {
  await server.close();
});

function send(adapter: AdapterUnderTest, delivery: Delivery): Promise<Answer> {
  return adapter === nodeHttpAdapter ? deliverOverHttp(server.port, delivery) : adapter.deliver(OPTIONS, delivery);
}

function checkAnswer(delivery: Delivery, answer: Answer, adapter: AdapterUnderTest): void {
  expect(answer.headers['content-type']).toBe('application/json');
  if (answer.status === 200) {
    expect(answer.json).toEqual({});
    expect(calls).toEqual({ handler: 1, onError: 0 });
    // Only a POST with exactly the right token can get in.
    expect(delivery.method?.toUpperCase()).toBe('POST');
    expect(typeof delivery.headers?.['authorization']).toBe('string');
    return;
  }
  expect(calls).toEqual({ handler: 0, onError: 1 });
  expect([400, 401, 405, 413]).toContain(answer.status);
  if (delivery.method === 'HEAD' && adapter === nodeHttpAdapter) {
    expect(answer.text).toBe(''); // HTTP: an answer to HEAD carries no body
    return;
  }
  const { error } = answer.json as { error: { code: PoaWebhookErrorCode; message: unknown; issues?: unknown } };
  expect(DOCUMENTED_STATUS[error.code]).toBe(answer.status);
  expect(typeof error.message).toBe('string');
  expect(answer.text).not.toContain(SECRET);
  if (error.code === 'INVALID_PAYLOAD') expect(Array.isArray(error.issues)).toBe(true);
}

describe.each(ADAPTERS)('any delivery through $name', (adapter) => {
  const isNode = adapter === nodeHttpAdapter;
  // node:http's parser only knows the registered methods; other transports carry any token.
  const methods = isNode
    ? fc.oneof({ arbitrary: fc.constant('POST'), weight: 4 }, fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT')))
    : fc.oneof({ arbitrary: fc.constant('POST'), weight: 4 }, fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'post'), token);

  it('should answer a documented status with a well-formed JSON body, never throw, and call the handler exactly on 200', async () => {
    let carried = 0;
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(deliveryArb(methods), async (delivery) => {
        if (!adapter.supports(delivery)) return;
        carried++;
        calls.handler = 0;
        calls.onError = 0;
        const answer = await send(adapter, delivery);
        seen.add(answer.status);
        checkAnswer(delivery, answer, adapter);
      }),
      { numRuns: isNode ? 80 : 200 },
    );
    expect(carried).toBeGreaterThan(isNode ? 40 : 100);
    // The generators reach both sides: accepted deliveries and each kind of refusal.
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400, 401, 405]));
  });

  it('should accept every valid event whatever else the request carries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POA_VERIFICATION_STATUSES),
        fc.string({ minLength: 1, maxLength: 256 }),
        fc.dictionary(token.map((n) => n.toLowerCase()).filter((n) => !FRAMING.has(n) && n !== 'authorization'), headerValue, { maxKeys: 4 }),
        async (s, id, headers) => {
          calls.handler = 0;
          calls.onError = 0;
          const body = JSON.stringify({ externalUserId: id, status: s });
          const answer = await send(adapter, { headers: { ...headers, authorization: `Bearer ${SECRET}` }, body });
          expect([answer.status, answer.json, calls]).toEqual([200, {}, { handler: 1, onError: 0 }]);
        },
      ),
      { numRuns: isNode ? 40 : 100 },
    );
  });
});

describe('every adapter and handlePoaWebhook', () => {
  /** Header values as hand-built Lambda events and requests can carry them: text, lists, and worse. */
  const oddValue = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([SECRET, 7]), fc.constant({ value: SECRET }));

  it('should give the same answer and the same handler calls for any method, headers and bytes', async () => {
    await fc.assert(
      fc.asyncProperty(deliveryArb(fc.oneof({ arbitrary: fc.constant('POST'), weight: 4 }, fc.constantFrom('GET', 'PUT', 'DELETE'))), async (delivery) => {
        const answers: unknown[] = [];
        for (const adapter of ADAPTERS) {
          if (!adapter.supports(delivery)) continue;
          calls.handler = 0;
          calls.onError = 0;
          const answer = await send(adapter, delivery);
          answers.push({ status: answer.status, json: answer.json, calls: { ...calls } });
        }
        calls.handler = 0;
        calls.onError = 0;
        const reference = await handlePoaWebhook(
          { method: delivery.method ?? 'POST', headers: delivery.headers ?? {}, body: delivery.body ?? null, url: '/webhook/poa-verification/status' },
          OPTIONS,
        );
        const expected = { status: reference.status, json: JSON.parse(reference.body) as unknown, calls: { ...calls } };
        for (const answer of answers) expect(answer).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it.each(['apigw-v1', 'apigw-v2', 'alb', 'alb-multi', 'function-url'] as const)(
    'should answer 401 (never reject, onError called) for Authorization values that are not text, in a %s event and in the core',
    async (kind) => {
      const lambda = createLambdaHandler(OPTIONS);
      const body = JSON.stringify({ externalUserId: 'u-1', status: 'APPROVED' });
      await fc.assert(
        fc.asyncProperty(oddValue, fc.constantFrom('authorization', 'Authorization'), async (value, name) => {
          calls.handler = 0;
          calls.onError = 0;
          const headers = { [name]: value } as unknown as Record<string, string>;
          const core = await handlePoaWebhook({ method: 'POST', headers, body }, OPTIONS);
          expect([core.status, calls]).toEqual([401, { handler: 0, onError: 1 }]);
          calls.onError = 0;
          const event = buildLambdaEvent(kind, { body }, false) as unknown as Record<string, Record<string, unknown> | undefined>;
          for (const map of [event['headers'], event['multiValueHeaders']]) if (map !== undefined && map !== null) map[name] = map === event['multiValueHeaders'] ? [value] : value;
          const result = await lambda(event as unknown as PoaLambdaEvent);
          expect([result.statusCode, calls]).toEqual([401, { handler: 0, onError: 1 }]);
        }),
        { numRuns: 30 },
      );
    },
  );
});
