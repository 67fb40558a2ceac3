import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoaWebhookError, PoaWebhookOptions } from '../../src/index.ts';
import { ADAPTERS, type Delivery } from '../support/adapters.ts';

/**
 * Handlers and `onError` callbacks that fail in every way JavaScript allows, through every adapter:
 * the answer is the documented 5xx (so P100 retries and nothing is lost), the handler ran exactly once
 * for the accepted delivery, nothing of the failure leaks into the answer, no rejection goes unhandled,
 * and the same endpoint accepts the retry.
 */
const SECRET = 'fault-secret-0123456789';
const LEAK = 'LEAKED-INTERNALS';
const TIMEOUT_MS = 40;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

const never = (): Promise<never> => new Promise<never>(() => {});
const later = <T>(ms: number, settle: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> =>
  new Promise<T>((resolve, reject) => setTimeout(() => settle(resolve, reject), ms));

/** A value that throws on every operation a careless error path could perform on it. */
const hostileThrown = (): unknown =>
  new Proxy(
    {},
    {
      get() {
        throw new Error(LEAK);
      },
      getPrototypeOf() {
        throw new Error(LEAK);
      },
      has() {
        throw new Error(LEAK);
      },
      ownKeys() {
        throw new Error(LEAK);
      },
      getOwnPropertyDescriptor() {
        throw new Error(LEAK);
      },
    },
  );

interface HandlerFault {
  readonly description: string;
  readonly handler: () => unknown;
  readonly status: 500 | 503;
  readonly code: 'HANDLER_FAILED' | 'HANDLER_TIMEOUT';
}

const HANDLER_FAULTS: readonly HandlerFault[] = [
  { description: 'throws an Error', handler: () => { throw new Error(`${LEAK} ${SECRET}`); }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'rejects with an Error', handler: () => Promise.reject(new Error(`${LEAK} ${SECRET}`)), status: 500, code: 'HANDLER_FAILED' },
  { description: 'throws a string', handler: () => { throw `${LEAK} ${SECRET}`; }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'throws undefined', handler: () => { throw undefined; }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'throws null', handler: () => { throw null; }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'throws a plain object', handler: () => { throw { message: LEAK, secret: SECRET }; }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'throws a number', handler: () => { throw 42; }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'throws a Proxy that throws on every access', handler: () => { throw hostileThrown(); }, status: 500, code: 'HANDLER_FAILED' },
  { description: 'rejects with undefined', handler: () => Promise.reject(undefined), status: 500, code: 'HANDLER_FAILED' },
  { description: 'rejects with null', handler: () => Promise.reject(null), status: 500, code: 'HANDLER_FAILED' },
  { description: 'rejects with a Proxy that throws on every access', handler: () => Promise.reject(hostileThrown()), status: 500, code: 'HANDLER_FAILED' },
  { description: 'rejects later, within the timeout', handler: () => later(5, (_, reject) => reject(new Error(LEAK))), status: 500, code: 'HANDLER_FAILED' },
  {
    description: 'returns a thenable whose then throws',
    handler: () => ({ then() { throw new Error(LEAK); } }),
    status: 500,
    code: 'HANDLER_FAILED',
  },
  { description: 'never settles', handler: never, status: 503, code: 'HANDLER_TIMEOUT' },
  { description: 'returns a thenable that never calls back', handler: () => ({ then() {} }), status: 503, code: 'HANDLER_TIMEOUT' },
  { description: 'resolves only after the timeout', handler: () => later(TIMEOUT_MS * 3, (resolve) => resolve(undefined)), status: 503, code: 'HANDLER_TIMEOUT' },
  { description: 'rejects only after the timeout', handler: () => later(TIMEOUT_MS * 3, (_, reject) => reject(new Error(LEAK))), status: 503, code: 'HANDLER_TIMEOUT' },
];

const delivery = (externalUserId: string): Delivery => ({
  headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
  body: JSON.stringify({ externalUserId, status: 'APPROVED' }),
});

describe.each(ADAPTERS)('handler faults through $name', (adapter) => {
  it.each(HANDLER_FAULTS)('should answer $status $code when the handler $description, then accept the retry', async (fault) => {
    const calls: string[] = [];
    const errors: PoaWebhookError[] = [];
    let failing = true;
    const options: PoaWebhookOptions = {
      secret: SECRET,
      handlerTimeoutMs: TIMEOUT_MS,
      onEvent: (event) => {
        calls.push(event.externalUserId);
        return failing ? fault.handler() : undefined;
      },
      onError: (error) => void errors.push(error),
    };

    const first = await adapter.deliver(options, delivery('u-1'));
    expect(first.status).toBe(fault.status);
    expect(first.json).toEqual({ error: { code: fault.code, message: expect.any(String) } });
    expect(first.text).not.toContain(LEAK);
    expect(first.text).not.toContain(SECRET);
    expect(calls).toEqual(['u-1']);
    expect(errors.map((e) => [e.code, e.httpStatus])).toEqual([[fault.code, fault.status]]);

    // P100 retries a 5xx; the handler now works, and the delivery is kept.
    failing = false;
    const retry = await adapter.deliver(options, delivery('u-1'));
    expect([retry.status, retry.json]).toEqual([200, {}]);
    expect(calls).toEqual(['u-1', 'u-1']);
    expect(errors).toHaveLength(1);
  });
});

interface OnErrorFault {
  readonly description: string;
  readonly onError: () => unknown;
}

const ON_ERROR_FAULTS: readonly OnErrorFault[] = [
  { description: 'throws an Error', onError: () => { throw new Error(LEAK); } },
  { description: 'throws a string', onError: () => { throw LEAK; } },
  { description: 'throws undefined', onError: () => { throw undefined; } },
  { description: 'rejects', onError: () => Promise.reject(new Error(LEAK)) },
  { description: 'rejects later', onError: () => later(5, (_, reject) => reject(new Error(LEAK))) },
  { description: 'never settles', onError: never },
  { description: 'returns a thenable whose then throws', onError: () => ({ then() { throw new Error(LEAK); } }) },
];

const REFUSALS: readonly { readonly name: string; readonly delivery: Delivery; readonly status: number; readonly code: string }[] = [
  { name: 'a wrong token', delivery: { headers: { authorization: 'Bearer nope' }, body: '{}' }, status: 401, code: 'UNAUTHORIZED' },
  { name: 'a broken body', delivery: { headers: { authorization: `Bearer ${SECRET}` }, body: '{' }, status: 400, code: 'INVALID_JSON' },
  { name: 'a failing handler', delivery: delivery('boom'), status: 500, code: 'HANDLER_FAILED' },
];

describe.each(ADAPTERS)('onError faults through $name', (adapter) => {
  const cases = ON_ERROR_FAULTS.flatMap((fault) => REFUSALS.map((refusal) => ({ ...fault, refusal })));

  it.each(cases)('should keep the answer to $refusal.name when onError $description', async ({ onError, refusal }) => {
    let onErrorCalls = 0;
    const options: PoaWebhookOptions = {
      secret: SECRET,
      handlerTimeoutMs: TIMEOUT_MS,
      onEvent: (event) => {
        if (event.externalUserId === 'boom') throw new Error(LEAK);
      },
      onError: () => {
        onErrorCalls++;
        return onError();
      },
    };
    const answer = await adapter.deliver(options, refusal.delivery);
    expect(answer.status).toBe(refusal.status);
    expect((answer.json as { error: { code: string } }).error.code).toBe(refusal.code);
    expect(answer.text).not.toContain(LEAK);
    expect(onErrorCalls).toBe(1);
    const next = await adapter.deliver(options, delivery('u-2'));
    expect([next.status, next.json]).toEqual([200, {}]);
  });
});

describe('after every fault', () => {
  it('should have left no rejection unhandled', async () => {
    // Let the late rejections of the slow handlers and onError callbacks happen first.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 6));
    expect(unhandled).toEqual([]);
  });
});
