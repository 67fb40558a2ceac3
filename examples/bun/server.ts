// Bun: `bun run server.ts` serves the default export (see README.md next to this file).
import { createFetchHandler } from 'p100-webhooks/fetch';

const handler = createFetchHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '',
  path: '/webhook/poa-verification/status',
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: proof of address pending`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved, limits unlocked`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to answer`),
  },
});

export default {
  hostname: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  fetch: handler,
};
