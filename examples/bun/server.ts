import { createFetchHandler } from 'p100-webhooks/fetch';

const handler = createFetchHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '', // not set: a TypeError here, at start-up
  path: '/webhook/poa-verification/status',
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
});

// 127.0.0.1: reachable from this machine only. In production, listen where your TLS proxy reaches it.
const server = Bun.serve({ hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000), fetch: handler });
console.log(`Listening on ${new URL('/webhook/poa-verification/status', server.url)}`);
