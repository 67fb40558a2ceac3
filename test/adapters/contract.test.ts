import { describe, expect, it } from 'vitest';
import { handlePoaWebhook, type PoaWebhookError, type PoaWebhookOptions } from '../../src/index.ts';
import { ADAPTERS, type Delivery } from '../support/adapters.ts';
import { CONTRACT_CASES, type ContractCase, SECRET } from './contract-cases.ts';

interface Recorder {
  readonly options: PoaWebhookOptions;
  readonly calls: unknown[];
  readonly errors: PoaWebhookError[];
}

function record(c: ContractCase): Recorder {
  const calls: unknown[] = [];
  const errors: PoaWebhookError[] = [];
  const behaviour = c.handler ?? 'ok';
  const run = (event: unknown): unknown => {
    calls.push(event);
    if (behaviour === 'throw') throw new Error(`db down: ${SECRET}`);
    if (behaviour === 'reject') return Promise.reject(new Error(`db down: ${SECRET}`));
    if (behaviour === 'hang') return new Promise((resolve) => setTimeout(resolve, 1_000));
    return undefined;
  };
  const base = {
    secret: c.secret ?? SECRET,
    onError: (error: PoaWebhookError) => void errors.push(error),
    handlerTimeoutMs: behaviour === 'hang' ? 30 : 5_000,
    ...(c.maxBodyBytes === undefined ? {} : { maxBodyBytes: c.maxBodyBytes }),
    ...(c.path === undefined ? {} : { path: c.path }),
  };
  const options: PoaWebhookOptions =
    behaviour === 'per-status'
      ? { ...base, on: { WAITING: run, APPROVED: run, REJECTED: run, QUESTIONED: run } }
      : behaviour === 'unknown-status-handler'
        ? { ...base, onEvent: run, onUnknownStatus: run }
        : { ...base, onEvent: run };
  return { options, calls, errors };
}

/** The answer of the core itself, the reference every adapter must reproduce. */
async function reference(c: ContractCase, delivery: Delivery): Promise<unknown> {
  const { options } = record(c);
  const response = await handlePoaWebhook(
    {
      method: delivery.method ?? 'POST',
      headers: delivery.headers ?? {},
      body: delivery.body ?? null,
      url: delivery.path ?? '/webhook/poa-verification/status',
    },
    options,
  );
  return JSON.parse(response.body);
}

describe.each(ADAPTERS)('adapter $name', (adapter) => {
  const cases = CONTRACT_CASES.filter((c) => adapter.supports(c.delivery));

  it('should carry nearly every case of the list', () => {
    expect(cases.length).toBeGreaterThanOrEqual(CONTRACT_CASES.length - 4);
  });

  it.each(cases)('should $description', async (c) => {
    const recorder = record(c);
    const answer = await adapter.deliver(recorder.options, c.delivery);

    expect(answer.status).toBe(c.status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json).toEqual(await reference(c, c.delivery));
    expect(recorder.calls).toHaveLength(c.calls);
    if (c.event !== undefined) expect(recorder.calls[0]).toEqual(c.event);
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).not.toContain('db down');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    if (c.code === undefined) {
      expect(answer.json).toEqual({});
      expect(recorder.errors).toEqual([]);
    } else {
      const error = (answer.json as { error: { code: string; message: string; issues?: { path: string }[] } }).error;
      expect(error.code).toBe(c.code);
      expect(typeof error.message).toBe('string');
      if (c.issuePaths !== undefined) expect(error.issues?.map((issue) => issue.path)).toEqual(c.issuePaths);
      else expect(error.issues).toBeUndefined();
      expect(recorder.errors.map((e) => e.code)).toEqual([c.code]);
    }
    if (c.status === 405) expect(answer.headers['allow']).toBe('POST');
  });
});
