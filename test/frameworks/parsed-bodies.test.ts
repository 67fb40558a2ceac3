import { describe, expect, it } from 'vitest';
import { CONTRACT_CASES, SECRET } from '../adapters/contract-cases.ts';
import { deliverOverHttp, type Delivery, type RunningServer } from '../support/adapters.ts';
import type { PoaWebhookOptions } from '../../src/index.ts';
import { startExpress, startFastifyParsed } from './servers.ts';

interface Variant {
  readonly name: string;
  readonly contentType: string;
  start(options: PoaWebhookOptions): Promise<RunningServer>;
}

const VARIANTS: readonly Variant[] = [
  { name: 'express.json()', contentType: 'application/json', start: (o) => startExpress(o, 'json') },
  { name: "express.raw({ type: '*/*' })", contentType: 'application/json', start: (o) => startExpress(o, 'raw') },
  { name: 'express.text()', contentType: 'text/plain', start: (o) => startExpress(o, 'text') },
  { name: 'fastify default JSON parser', contentType: 'application/json', start: startFastifyParsed },
];

/** Fastify's JSON parser itself refuses `__proto__` keys (400) before any route runs. */
const FRAMEWORK_DECISIONS: Readonly<Record<string, readonly string[]>> = {
  'fastify default JSON parser': ['not let __proto__ in a payload pollute prototypes'],
};

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bodies every parser accepts: a JSON object or array (the strict JSON parsers refuse the rest). */
function parsable(delivery: Delivery): boolean {
  if ((delivery.method ?? 'POST') !== 'POST' || delivery.body === undefined || delivery.path !== undefined) return false;
  try {
    const text = typeof delivery.body === 'string' ? delivery.body : decoder.decode(delivery.body);
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

describe.each(VARIANTS)('createNodeHandler behind $name', (variant) => {
  const cases = CONTRACT_CASES.filter(
    (c) =>
      c.path === undefined &&
      // The ledger's and the inbox's answers are one decision after the body: run on every adapter in test/adapters/contract.test.ts.
      c.ledger === undefined &&
      c.inbox === undefined &&
      c.handler !== 'hang' &&
      parsable(c.delivery) &&
      !(FRAMEWORK_DECISIONS[variant.name] ?? []).includes(c.description),
  );

  it('should cover the payload rules', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases)('should $description', async (c) => {
    const calls: unknown[] = [];
    const run = (event: unknown): unknown => {
      calls.push(event);
      if (c.handler === 'throw') throw new Error('db down');
      if (c.handler === 'reject') return Promise.reject(new Error('db down'));
      return undefined;
    };
    const server = await variant.start({
      secret: c.secret ?? SECRET,
      ...(c.maxBodyBytes === undefined ? {} : { maxBodyBytes: c.maxBodyBytes }),
      ...(c.handler === 'per-status'
        ? { on: { WAITING: run, APPROVED: run, REJECTED: run, QUESTIONED: run } }
        : c.handler === 'unknown-status-handler'
          ? { onEvent: run, onUnknownStatus: run }
          : { onEvent: run }),
    });
    try {
      const headers = { ...c.delivery.headers };
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
      const answer = await deliverOverHttp(server.port, { ...c.delivery, headers: { ...headers, 'content-type': variant.contentType } });
      expect(answer.status).toBe(c.status);
      if (c.code === undefined) expect(answer.json).toEqual({});
      else expect(answer.json).toMatchObject({ error: { code: c.code } });
      expect(calls).toHaveLength(c.calls);
      if (c.event !== undefined) expect(calls[0]).toEqual(c.event);
    } finally {
      await server.close();
    }
  });
});
