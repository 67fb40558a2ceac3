/**
 * A `secret` function, resolved at the first delivery that needs the token, across every adapter and
 * Lambda event kind: valid, it works as a literal secret; returning nothing usable or throwing, every
 * delivery gets a JSON 500 SECRET_NOT_CONFIGURED, `onError` sees each, and the adapter logs it once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PoaWebhookError, PoaWebhookOptions, PoaWebhookSecretSource } from '../../src/index.ts';
import { ADAPTERS, type Answer, type Delivery } from '../support/adapters.ts';
import { OLD_SECRET, SECRET } from './contract-cases.ts';

const approved = JSON.stringify({ externalUserId: 'u-1', status: 'APPROVED' });
const delivery: Delivery = { headers: { authorization: `Bearer ${SECRET}` }, body: approved };

/** What a secret function can return (or do) that leaves no usable secret. */
const MISCONFIGURED: readonly { readonly description: string; readonly source: PoaWebhookSecretSource; readonly cause: RegExp }[] = [
  { description: 'undefined (the variable is unset)', source: () => undefined, cause: /returned undefined/ },
  { description: 'null', source: () => null as never, cause: /returned null/ },
  { description: 'an empty string', source: () => '', cause: /returned an empty string/ },
  { description: 'an empty list', source: () => [], cause: /returned an empty list/ },
  { description: 'a list with an empty entry', source: () => [SECRET, ''], cause: /list with an empty string/ },
  { description: 'a secret padded with white space', source: () => ` ${SECRET} `, cause: /white space/ },
  { description: 'a number', source: () => 42 as never, cause: /type number/ },
  { description: 'a promise of the secret', source: () => Promise.resolve(SECRET) as never, cause: /type object/ },
];

interface Recorded {
  readonly options: PoaWebhookOptions;
  readonly errors: PoaWebhookError[];
  readonly handled: unknown[];
  readonly calls: () => number;
}

function recorded(source: PoaWebhookSecretSource): Recorded {
  let calls = 0;
  const errors: PoaWebhookError[] = [];
  const handled: unknown[] = [];
  const options: PoaWebhookOptions = {
    secret: () => {
      calls += 1;
      return source();
    },
    onEvent: (event) => void handled.push(event),
    onError: (error) => void errors.push(error),
  };
  return { options, errors, handled, calls: () => calls };
}

function expectSecretNotConfigured(answer: Answer): void {
  expect(answer.status).toBe(500);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(Object.keys(answer.json as object)).toEqual(['error']);
  const { error } = answer.json as { error: Record<string, unknown> };
  expect(error).toEqual({ code: 'SECRET_NOT_CONFIGURED', message: expect.any(String) });
  expect(answer.text).not.toMatch(/\bat \S+:\d+|Error:|secret` function/);
  expect(answer.text).not.toContain(SECRET);
}

describe.each(ADAPTERS)('secret function, adapter $name', (adapter) => {
  afterEach(() => void vi.restoreAllMocks());

  it('should accept a delivery with the secret it returns, without logging', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { options, errors, handled, calls } = recorded(() => SECRET);
    for (let i = 0; i < 3; i++) {
      const answer = await adapter.deliver(options, delivery);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({});
    }
    expect(handled).toHaveLength(3);
    expect(calls()).toBe(3);
    expect(errors).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it('should accept every secret of a rotation list it returns', async () => {
    const { options } = recorded(() => [OLD_SECRET, SECRET]);
    const answer = await adapter.deliver(options, { ...delivery, headers: { authorization: OLD_SECRET } });
    expect(answer.status).toBe(200);
  });

  it.each([
    ...MISCONFIGURED,
    {
      description: 'throwing (with the secret in its message)',
      source: (): never => {
        throw new SyntaxError(`Unexpected token in "${SECRET}"`);
      },
      cause: /Unexpected token/,
    },
  ])('should answer 500 SECRET_NOT_CONFIGURED to every delivery when it returns $description, logging once', async ({ source, cause }) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { options, errors, handled } = recorded(source);
    for (let i = 0; i < 3; i++) expectSecretNotConfigured(await adapter.deliver(options, delivery));

    expect(handled).toEqual([]);
    expect(errors.map((e) => [e.code, e.httpStatus])).toEqual(Array.from({ length: 3 }, () => ['SECRET_NOT_CONFIGURED', 500]));
    expect(String((errors[0]?.cause as Error | undefined)?.message)).toMatch(cause);
    expect(log).toHaveBeenCalledTimes(1);
    const [line] = log.mock.calls[0] as [string];
    expect(line).toMatch(/^p100-webhooks: the `secret` function (returned|threw) .*500 SECRET_NOT_CONFIGURED/);
    expect(line).not.toContain(SECRET);
  });

  it('should answer 405 before calling it', async () => {
    const { options, calls } = recorded(() => undefined);
    const answer = await adapter.deliver(options, { method: 'PUT', headers: delivery.headers ?? {}, body: approved });
    expect(answer.status).toBe(405);
    expect(calls()).toBe(0);
  });

  it('should answer 500, not 401, to a delivery without a token while no secret is configured', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { options } = recorded(() => undefined);
    expectSecretNotConfigured(await adapter.deliver(options, { body: approved }));
  });

  it('should recover once it returns a secret, and log again if it loses it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const values = [undefined, undefined, SECRET, SECRET, undefined, undefined];
    const { options } = recorded(() => values.shift());
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await adapter.deliver(options, delivery)).status);
    expect(statuses).toEqual([500, 500, 200, 200, 500, 500]);
    expect(log).toHaveBeenCalledTimes(2);
  });
});
