import type { NextLibExample, NextRouteExample } from './support/example-modules.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POA_VERIFICATION_STATUSES } from '../../src/index.ts';
import { createPoaVerificationEvent, createPoaWebhookRequest } from '../../src/testing.ts';
import { importExample } from './support/import-example.ts';
import { EXPECTED_CALL, recordingAccounts } from './support/recording-accounts.ts';

type RouteModule = NextRouteExample;
type LibModule = NextLibExample;

const SECRET = 'example-test-secret';
const URL_ = 'https://partner.example/webhook/poa-verification/status';

describe('examples/nextjs', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  describe('createPoaWebhookHandler', async () => {
    const { createPoaWebhookHandler } = await importExample<LibModule>('nextjs/lib/poa-webhook.ts');
    const accounts = recordingAccounts();
    const handler = createPoaWebhookHandler({ secret: SECRET, accounts });

    it.each(POA_VERIFICATION_STATUSES)('should answer 200 {} to a %s request and act on it once', async (status) => {
      const event = createPoaVerificationEvent({ status, externalUserId: `next-${status}` });
      const before = accounts.calls.length;
      const response = await handler(createPoaWebhookRequest(event, { secret: SECRET, url: URL_ }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
      expect(accounts.calls.slice(before)).toEqual([EXPECTED_CALL[status](event.externalUserId)]);
    });

    it('should answer 401 UNAUTHORIZED to another secret without acting', async () => {
      const before = accounts.calls.length;
      const response = await handler(createPoaWebhookRequest(createPoaVerificationEvent(), { secret: 'nope', url: URL_ }));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      expect(accounts.calls.length).toBe(before);
    });
  });

  describe('route.ts POST', () => {
    it('should import without the secret, as `next build` does', async () => {
      vi.stubEnv('P100_WEBHOOK_SECRET', undefined);
      const route = await importExample<RouteModule>('nextjs/app/webhook/poa-verification/status/route.ts');
      expect(typeof route.POST).toBe('function');
    });

    it.each(POA_VERIFICATION_STATUSES)('should answer 200 {} to a %s request with the secret from the environment', async (status) => {
      vi.stubEnv('P100_WEBHOOK_SECRET', SECRET);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const { POST } = await importExample<RouteModule>('nextjs/app/webhook/poa-verification/status/route.ts');
      const event = createPoaVerificationEvent({ status, externalUserId: `route-${status}` });
      const response = await POST(createPoaWebhookRequest(event, { secret: SECRET, url: URL_ }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
      expect(log).toHaveBeenCalledWith(expect.stringContaining(`route-${status}`));
    });
  });
});
