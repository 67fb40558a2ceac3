import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNodeHandler } from 'p100-webhooks/node';
import { createPoaVerificationEvent, sendPoaWebhook } from 'p100-webhooks/testing';

const approved: string[] = [];
const server = createServer(
  createNodeHandler({
    secret: 'test-secret',
    on: {
      WAITING: () => {},
      APPROVED: (event) => void approved.push(event.externalUserId),
      REJECTED: () => {},
      QUESTIONED: () => {},
    },
  }),
);
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/poa-verification/status`;
});
afterAll(() => {
  server.close();
});

it('should record an approval delivered over HTTP', async () => {
  const report = await sendPoaWebhook(url, createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'u-7' }), {
    secret: 'test-secret',
  });
  expect(report.ok).toBe(true);
  expect(report.attempts[0]?.body).toBe('{}');
  expect(approved).toEqual(['u-7']);
});
