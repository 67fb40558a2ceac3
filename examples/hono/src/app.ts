import { Hono } from 'hono';
import { createFetchHandler } from 'p100-webhooks/fetch';
import type { Accounts } from './accounts.ts';

/** The path P100 delivers POA Verification Status webhooks to (configure it in the Partner API). */
export const WEBHOOK_PATH = '/webhook/poa-verification/status';

/**
 * A Hono app: the Fetch handler takes Hono's raw `Request`. The same app runs on Node
 * (`@hono/node-server`), Bun, Deno and Cloudflare Workers.
 */
export function createApp(options: { secret: string; accounts: Accounts }): Hono {
  const { accounts } = options;
  const poaWebhook = createFetchHandler({
    secret: options.secret,
    on: {
      WAITING: (event) => accounts.markPoaPending(event.externalUserId),
      APPROVED: (event) => accounts.unlockExtendedLimits(event.externalUserId),
      REJECTED: (event) => accounts.askUserToAct(event.externalUserId, 'REJECTED'),
      QUESTIONED: (event) => accounts.askUserToAct(event.externalUserId, 'QUESTIONED'),
    },
  });

  const app = new Hono();
  // `all`, not `post`: other methods get the documented 405 with `Allow: POST`.
  app.all(WEBHOOK_PATH, (c) => poaWebhook(c.req.raw));
  app.get('/health', (c) => c.json({ ok: true }));
  return app;
}
