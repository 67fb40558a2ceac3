import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createFetchHandler } from 'p100-webhooks/fetch';

const poaWebhook = createFetchHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '', // not set: a TypeError here, at start-up
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
});

const app = new Hono();
// `all`, not `post`: other methods get the documented 405 with `Allow: POST`.
app.all('/webhook/poa-verification/status', (c) => poaWebhook(c.req.raw));
app.get('/health', (c) => c.json({ ok: true }));

// 127.0.0.1: reachable from this machine only. In production, listen where your TLS proxy reaches it.
const port = Number(process.env.PORT ?? 3000);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => {
  console.log(`Listening on http://127.0.0.1:${port}/webhook/poa-verification/status`);
});
