import { describe, expect, it } from 'vitest';
import { createFetchHandler } from 'p100-webhooks/fetch';
import { createPoaVerificationEvent, createPoaWebhookRequest } from 'p100-webhooks/testing';

const SECRET = 'test-secret';

describe('POA webhook', () => {
  const seen: string[] = [];
  const handler = createFetchHandler({ secret: SECRET, onEvent: (event) => void seen.push(`${event.externalUserId}:${event.status}`) });

  it.each(['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'] as const)('should handle %s', async (status) => {
    const event = createPoaVerificationEvent({ status, externalUserId: 'user-1' });
    const response = await handler(createPoaWebhookRequest(event, { secret: SECRET }));
    expect(response.status).toBe(200);
    expect(seen).toContain(`user-1:${status}`);
  });

  it('should refuse a forged delivery without calling the handler', async () => {
    const before = seen.length;
    const response = await handler(createPoaWebhookRequest(createPoaVerificationEvent(), { secret: 'forged' }));
    expect(response.status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it('should answer 400 INVALID_JSON to a broken body', async () => {
    const response = await handler(createPoaWebhookRequest('{"externalUserId":', { secret: SECRET }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
  });

  it('should answer 400 INVALID_PAYLOAD to an externalUserId over 256 characters', async () => {
    const body = JSON.stringify({ externalUserId: 'u'.repeat(257), status: 'APPROVED' });
    const response = await handler(createPoaWebhookRequest(body, { secret: SECRET }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'externalUserId' }] } });
  });
});
