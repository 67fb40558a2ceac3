import { createFetchHandler } from 'p100-webhooks/fetch';

const handler = createFetchHandler({
  secret: Deno.env.get('P100_WEBHOOK_SECRET') ?? '', // not set: a TypeError here, at start-up
  path: '/webhook/poa-verification/status',
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
});

// 127.0.0.1: reachable from this machine only. Deno Deploy ignores the hostname and port.
Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000) }, handler);
