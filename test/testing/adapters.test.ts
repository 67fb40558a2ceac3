import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POA_VERIFICATION_STATUSES, type PoaVerificationEvent, type PoaWebhookOptions } from '../../src/index.ts';
import { createFetchHandler } from '../../src/fetch.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';
import {
  createPoaLambdaEvent,
  createPoaVerificationEvent,
  createPoaWebhookRequest,
  type PoaLambdaEventFormat,
  type PoaWebhookTestBody,
  sendPoaWebhook,
} from '../../src/testing.ts';
import { listenOnLoopback, type RunningServer } from '../support/adapters.ts';

const SECRET = 'kit-secret';

/** One delivery through one adapter: what it answered and what the handler saw. */
type Deliver = (body: PoaWebhookTestBody, secret: string | null) => Promise<{ status: number; json: unknown; seen: PoaVerificationEvent[] }>;

function recording(): { seen: PoaVerificationEvent[]; options: PoaWebhookOptions } {
  const seen: PoaVerificationEvent[] = [];
  return { seen, options: { secret: SECRET, onEvent: (event) => void seen.push(event) } };
}

const LAMBDA_CASES = (['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const).flatMap((format: PoaLambdaEventFormat) =>
  [false, true].flatMap((base64) =>
    (format === 'alb' ? [false, true] : [false]).map((multiValueHeaders) => ({
      name: `lambda ${format}${multiValueHeaders ? ' multi-value' : ''}${base64 ? ' base64' : ''}`,
      deliver: (async (body, secret) => {
        const { seen, options } = recording();
        const event = createPoaLambdaEvent(body, { secret, format, base64, multiValueHeaders });
        const result = await createLambdaHandler(options)(event);
        return { status: result.statusCode, json: JSON.parse(result.body) as unknown, seen };
      }) satisfies Deliver,
    })),
  ),
);

let server: RunningServer;
let current = recording();
beforeAll(async () => {
  server = await listenOnLoopback(createServer((req, res) => createNodeHandler(current.options)(req, res)));
});
afterAll(() => server.close());

const ADAPTERS: readonly { name: string; deliver: Deliver }[] = [
  {
    name: 'fetch (createPoaWebhookRequest)',
    deliver: async (body, secret) => {
      const { seen, options } = recording();
      const response = await createFetchHandler(options)(createPoaWebhookRequest(body, { secret }));
      return { status: response.status, json: await response.json(), seen };
    },
  },
  {
    name: 'node:http (sendPoaWebhook)',
    deliver: async (body, secret) => {
      current = recording();
      const report = await sendPoaWebhook(`http://127.0.0.1:${server.port}/webhook/poa-verification/status`, body, { secret });
      const last = report.attempts.at(-1);
      return { status: report.status ?? 0, json: JSON.parse(last?.body ?? '') as unknown, seen: current.seen };
    },
  },
  ...LAMBDA_CASES,
];

describe.each(ADAPTERS)('the testing kit through $name', ({ deliver }) => {
  it.each(POA_VERIFICATION_STATUSES)('should deliver a %s event the handler receives once', async (status) => {
    const event = createPoaVerificationEvent({ status, externalUserId: `user-${status}` });
    const { status: code, json, seen } = await deliver(event, SECRET);
    expect(code).toBe(200);
    expect(json).toEqual({});
    expect(seen).toEqual([{ externalUserId: `user-${status}`, status }]);
  });

  it.each([
    { description: 'no token', body: createPoaVerificationEvent(), secret: null, status: 401, code: 'UNAUTHORIZED' },
    { description: 'a wrong token', body: createPoaVerificationEvent(), secret: 'not-the-secret', status: 401, code: 'UNAUTHORIZED' },
    { description: 'bad JSON', body: '{"externalUserId":', secret: SECRET, status: 400, code: 'INVALID_JSON' },
    { description: 'an empty body', body: '', secret: SECRET, status: 400, code: 'EMPTY_BODY' },
    { description: 'an unknown status', body: '{"externalUserId":"u-1","status":"ARCHIVED"}', secret: SECRET, status: 400, code: 'UNKNOWN_STATUS' },
    { description: 'a wrong shape', body: '{"externalUserId":1,"status":"APPROVED"}', secret: SECRET, status: 400, code: 'INVALID_PAYLOAD' },
    { description: 'non-ASCII bytes', body: new TextEncoder().encode('{"externalUserId":"ü-1","status":"APPROVED"}'), secret: SECRET, status: 200, code: undefined },
  ])('should carry $description as given ($status)', async ({ body, secret, status, code }) => {
    const answer = await deliver(body, secret);
    expect(answer.status).toBe(status);
    if (code === undefined) expect(answer.seen).toEqual([{ externalUserId: 'ü-1', status: 'APPROVED' }]);
    else {
      expect(answer.json).toMatchObject({ error: { code } });
      expect(answer.seen).toEqual([]);
    }
  });
});
