import { describe, expect, it } from 'vitest';
import { httpServerAdapter, WEBHOOK_PATH, type Delivery } from '../support/adapters.ts';
import { CONTRACT_CASES, SECRET } from '../adapters/contract-cases.ts';
import { startExpress, startFastifyRaw, startHono } from './servers.ts';

/** The framework routes only the webhook path; the `path` option cases are the adapters' own. */
const routed = (delivery: Delivery): boolean =>
  delivery.method !== 'CONNECT' && (delivery.path === undefined || delivery.path.startsWith(WEBHOOK_PATH));

const FRAMEWORKS = [
  httpServerAdapter('express 5 (no body parser)', (options) => startExpress(options), routed),
  httpServerAdapter('fastify 5 (body left to the handler)', startFastifyRaw, routed),
  httpServerAdapter('hono on @hono/node-server', startHono, routed),
];

describe.each(FRAMEWORKS)('$name', (framework) => {
  // The ledger's and the inbox's answers are one decision after the body: run on every adapter in test/adapters/contract.test.ts.
  const cases = CONTRACT_CASES.filter(
    (c) => c.path === undefined && c.ledger === undefined && c.inbox === undefined && framework.supports(c.delivery),
  );

  it.each(cases)('should $description', async (c) => {
    const calls: unknown[] = [];
    const run = (event: unknown): unknown => {
      calls.push(event);
      if (c.handler === 'throw') throw new Error('db down');
      if (c.handler === 'reject') return Promise.reject(new Error('db down'));
      if (c.handler === 'hang') return new Promise((resolve) => setTimeout(resolve, 1_000));
      return undefined;
    };
    const answer = await framework.deliver(
      {
        secret: c.secret ?? SECRET,
        handlerTimeoutMs: c.handler === 'hang' ? 30 : 5_000,
        ...(c.maxBodyBytes === undefined ? {} : { maxBodyBytes: c.maxBodyBytes }),
        ...(c.handler === 'per-status'
          ? { on: { WAITING: run, APPROVED: run, REJECTED: run, QUESTIONED: run } }
          : c.handler === 'unknown-status-handler'
            ? { onEvent: run, onUnknownStatus: run }
            : { onEvent: run }),
      },
      c.delivery,
    );
    expect(answer.status).toBe(c.status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    if (c.code === undefined) expect(answer.json).toEqual({});
    else expect(answer.json).toMatchObject({ error: { code: c.code } });
    expect(calls).toHaveLength(c.calls);
    if (c.event !== undefined) expect(calls[0]).toEqual(c.event);
  });
});
