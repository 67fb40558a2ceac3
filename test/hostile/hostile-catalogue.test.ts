import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoaWebhookContext, PoaWebhookError, PoaWebhookErrorCode, PoaWebhookOptions } from '../../src/index.ts';
import { createNodeHandler } from '../../src/node.ts';
import { ADAPTERS, listenOnLoopback, nodeHttpAdapter, type AdapterUnderTest, type Answer } from '../support/adapters.ts';
import { HOSTILE_CASES, toDelivery, type HostileCase } from './hostile-catalogue.ts';
import { sendChunked } from './send-chunked.ts';
import { DOCUMENTED_STATUS } from '../support/documented-statuses.ts';

/** Every own property (with its descriptor) of the prototypes a payload could try to pollute. */
function prototypeSnapshot(): string {
  const targets = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
  return JSON.stringify(
    Object.entries(targets).map(([name, proto]) => [
      name,
      Reflect.ownKeys(proto).map((key) => {
        const d = Object.getOwnPropertyDescriptor(proto, key);
        return [String(key), typeof d?.value, d?.writable, d?.enumerable, d?.configurable, typeof d?.get];
      }),
    ]),
  );
}

const PROTOTYPES_BEFORE = prototypeSnapshot();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

interface Recorder {
  readonly options: PoaWebhookOptions;
  readonly calls: unknown[];
  readonly errors: PoaWebhookError[];
  /** What `context.header('authorization')` gave onError: never the token. */
  readonly seenAuthorization: unknown[];
}

function record(c: HostileCase): Recorder {
  const calls: unknown[] = [];
  const errors: PoaWebhookError[] = [];
  const seenAuthorization: unknown[] = [];
  const run = (event: unknown): void => void calls.push(event);
  const o = c.options ?? {};
  const base = {
    secret: o.secret ?? c.secret,
    onError: (error: PoaWebhookError, context: PoaWebhookContext) => {
      errors.push(error);
      seenAuthorization.push(context.header('authorization'), context.header('Authorization'));
    },
    ...(o.maxBodyBytes === undefined ? {} : { maxBodyBytes: o.maxBodyBytes }),
    ...(o.onUnknownStatus === true ? { onUnknownStatus: run } : {}),
  };
  const options: PoaWebhookOptions =
    o.perStatus === true ? { ...base, on: { WAITING: run, APPROVED: run, REJECTED: run, QUESTIONED: run } } : { ...base, onEvent: run };
  return { options, calls, errors, seenAuthorization };
}

const isLambda = (adapter: AdapterUnderTest): boolean => adapter.name.startsWith('lambda');

async function deliver(adapter: AdapterUnderTest, c: HostileCase, recorder: Recorder): Promise<Answer> {
  const delivery = toDelivery(c, isLambda(adapter));
  if (adapter === nodeHttpAdapter && c.contentLength === 'omit') {
    const server = await listenOnLoopback(createServer(createNodeHandler(recorder.options)));
    try {
      return await sendChunked(server.port, delivery);
    } finally {
      await server.close();
    }
  }
  return adapter.deliver(recorder.options, delivery);
}


describe('the hostile catalogue', () => {
  it('should hold at least 60 cases with unique ids, each with a documented status and code', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(HOSTILE_CASES.map((c) => c.id)).size).toBe(HOSTILE_CASES.length);
    for (const c of HOSTILE_CASES) {
      if (c.code === null) expect([c.id, c.status, c.calls]).toEqual([c.id, 200, 1]);
      else expect([c.id, c.status, c.calls]).toEqual([c.id, DOCUMENTED_STATUS[c.code], 0]);
    }
  });

  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'])('should cover the method %s', (method) => {
    expect(HOSTILE_CASES.some((c) => c.method === method)).toBe(true);
  });
});

describe.each(ADAPTERS)('hostile deliveries through $name', (adapter) => {
  const cases = HOSTILE_CASES.filter((c) => adapter.supports(toDelivery(c, isLambda(adapter))));

  it('should carry nearly every case (a transport skips only what it cannot send)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(HOSTILE_CASES.length - 12);
  });

  it.each(cases)('should $description [$file $id]', async (c) => {
    const recorder = record(c);
    const answer = await deliver(adapter, c, recorder);

    expect(answer.status).toBe(c.status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.text).not.toContain(c.secret);
    expect(answer.text).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
    expect(recorder.calls).toHaveLength(c.calls);
    if (c.event !== undefined) expect(recorder.calls[0]).toStrictEqual(c.event);
    for (const call of recorder.calls) {
      // Only the typed event reaches the handler: never the extra or prototype-named fields.
      expect(Object.keys(call as object).sort()).toEqual(['externalUserId', 'status']);
    }
    const headWithoutBody = c.method === 'HEAD' && adapter === nodeHttpAdapter; // HTTP: a HEAD answer has no body
    if (c.code === null) {
      expect(answer.json).toEqual({});
      expect(recorder.errors).toEqual([]);
    } else {
      expect(recorder.errors.map((e) => e.code)).toEqual([c.code]);
      // What onError hands to the partner's logs carries no token.
      expect(recorder.seenAuthorization).toEqual([undefined, undefined]);
      expect(`${String(recorder.errors[0])} ${JSON.stringify(recorder.errors[0])}`).not.toContain(c.secret);
      if (headWithoutBody) expect(answer.text).toBe('');
      else {
        const { error } = answer.json as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
        expect(error.code).toBe(c.code);
        expect(typeof error.message).toBe('string');
        if (c.code === 'INVALID_PAYLOAD') {
          expect(error.issues?.length).toBeGreaterThan(0);
          if (c.issuePaths !== undefined) expect(error.issues?.map((i) => i.path)).toEqual(c.issuePaths);
        } else expect(error.issues).toBeUndefined();
      }
    }
    if (c.status === 405) expect(answer.headers['allow']).toBe('POST');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('after the whole catalogue', () => {
  it('should leave Object, Array, Function and String prototypes untouched', () => {
    expect(prototypeSnapshot()).toBe(PROTOTYPES_BEFORE);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('should have raised no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });

  it.each(ADAPTERS)('should still accept a valid delivery through $name', async (adapter) => {
    const valid = HOSTILE_CASES.find((c) => c.id === 'ctype-missing') as HostileCase;
    const recorder = record(valid);
    const answer = await deliver(adapter, valid, recorder);
    expect([answer.status, answer.json, recorder.calls]).toEqual([200, {}, [{ externalUserId: 'u-1', status: 'WAITING' }]]);
  });
});
