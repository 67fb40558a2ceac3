import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import { handlePoaWebhook, type PoaWebhookOptions, type PoaWebhookSecretSource } from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';
import { createPoaWebhookRequest } from '../../src/testing.ts';

const SECRET = 'lazy-s3cret-77';
const body = JSON.stringify({ externalUserId: 'u-1', status: 'APPROVED' });
const request = { method: 'POST', headers: { authorization: SECRET }, body };
const deliver = (handler: (request: Request) => Promise<Response>): Promise<Response> =>
  handler(createPoaWebhookRequest(body, { secret: SECRET }));

const FACTORIES = [
  { name: 'createNodeHandler', create: (o: PoaWebhookOptions) => createNodeHandler(o) },
  { name: 'createFetchHandler', create: (o: PoaWebhookOptions) => createFetchHandler(o) },
  { name: 'createLambdaHandler', create: (o: PoaWebhookOptions) => createLambdaHandler(o) },
];

afterEach(() => void vi.restoreAllMocks());

describe('SecretSource (a secret function)', () => {
  it.each(FACTORIES)('should not call the function when $name creates the handler', ({ create }) => {
    const source = vi.fn<PoaWebhookSecretSource>(() => {
      throw new Error('not yet');
    });
    expect(() => create({ secret: source, onEvent: () => {} })).not.toThrow();
    expect(source).not.toHaveBeenCalled();
  });

  it('should let handlePoaWebhook answer 500 SECRET_NOT_CONFIGURED without any I/O of its own', async () => {
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((level) => vi.spyOn(console, level));
    const codes: string[] = [];
    const options: PoaWebhookOptions = { secret: () => undefined, onEvent: () => {}, onError: (error) => void codes.push(error.code) };
    const response = await handlePoaWebhook(request, options);
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'SECRET_NOT_CONFIGURED' } });
    expect(response.headers['content-type']).toBe('application/json');
    expect(codes).toEqual(['SECRET_NOT_CONFIGURED']);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('should check a returned value identical to the last one only once', async () => {
    // A list whose reads are counted: the first delivery checks it and compares the token with it;
    // later ones only compare, so each costs the same number of reads, fewer than the first.
    let reads = 0;
    const list = new Proxy(['old-secret', SECRET], {
      get: (target, key, receiver) => {
        reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const options: PoaWebhookOptions = { secret: () => list, onEvent: () => {} };
    const perDelivery: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = reads;
      expect((await handlePoaWebhook(request, options)).status).toBe(200);
      perDelivery.push(reads - before);
    }
    const [first, ...later] = perDelivery as [number, ...number[]];
    expect(new Set(later).size).toBe(1);
    expect(first).toBeGreaterThan(later[0] as number);
  });

  it('should check a new value again when the function returns another one', async () => {
    const values: (string | undefined)[] = [SECRET, 'rotated-secret', undefined];
    const options: PoaWebhookOptions = { secret: () => values[0], onEvent: () => {} };
    expect((await handlePoaWebhook(request, options)).status).toBe(200);
    values.shift();
    expect((await handlePoaWebhook(request, options)).status).toBe(401);
    values.shift();
    expect((await handlePoaWebhook(request, options)).status).toBe(500);
  });

  it('should log once per handler, each handler its own misconfiguration', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = createFetchHandler({ secret: () => undefined, onEvent: () => {} });
    const second = createFetchHandler({ secret: () => '', onEvent: () => {} });
    for (let i = 0; i < 3; i++) {
      expect((await deliver(first)).status).toBe(500);
      expect((await deliver(second)).status).toBe(500);
    }
    expect(log.mock.calls.map(([line]) => String(line).match(/returned (undefined|an empty string)/)?.[1])).toEqual([
      'undefined',
      'an empty string',
    ]);
  });

  it('should name a thrown non-error value without echoing it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = createFetchHandler({
      secret: () => {
        throw SECRET;
      },
      onEvent: () => {},
    });
    expect((await deliver(handler)).status).toBe(500);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/threw a non-error value/);
    expect(String(log.mock.calls[0]?.[0])).not.toContain(SECRET);
  });

  it('should keep the answer when the log itself throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {
      throw new Error('stderr closed');
    });
    const response = await deliver(createFetchHandler({ secret: () => undefined, onEvent: () => {} }));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'SECRET_NOT_CONFIGURED' } });
  });
});
