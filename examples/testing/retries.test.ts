import { expect, it } from 'vitest';
import { createFetchHandler } from 'p100-webhooks/fetch';
import { createPoaVerificationEvent, createPoaWebhookRequest, sendPoaWebhook } from 'p100-webhooks/testing';

it('should end in the same state when P100 retries or repeats a delivery', async () => {
  const poaStatus = new Map<string, string>(); // stands in for the POA column of your users table
  let calls = 0;
  const handler = createFetchHandler({
    secret: 'test-secret',
    onEvent: (event) => {
      calls += 1;
      if (calls === 1) throw new Error('database briefly unavailable'); // answered 500: P100 retries
      poaStatus.set(event.externalUserId, event.status); // sets a state: the same when repeated
    },
  });
  const event = createPoaVerificationEvent({ status: 'APPROVED' });

  // The kit's `fetch` option routes the deliveries straight to the handler, without a server.
  const report = await sendPoaWebhook('http://partner.test/webhook/poa-verification/status', event, {
    secret: 'test-secret',
    retry: { scale: 0.001 }, // 8, 16, 32, 64 ms
    fetch: async (input, init) => handler(new Request(input, init)),
  });
  expect(report.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);

  // The same delivery once more, as after a 200 that P100 never received: the handler runs again.
  const again = await handler(createPoaWebhookRequest(event, { secret: 'test-secret' }));
  expect(again.status).toBe(200);
  expect(calls).toBe(3);
  expect([...poaStatus]).toEqual([[event.externalUserId, 'APPROVED']]);
});
