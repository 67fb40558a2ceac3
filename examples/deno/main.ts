// Deno: `deno run --allow-net --allow-env main.ts` (see README.md next to this file).
import { createFetchHandler } from 'p100-webhooks/fetch';

const handler = createFetchHandler({
  secret: Deno.env.get('P100_WEBHOOK_SECRET') ?? '',
  path: '/webhook/poa-verification/status',
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: proof of address pending`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved, limits unlocked`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to answer`),
  },
});

const port = Number(Deno.env.get('PORT') ?? 8000);
Deno.serve({ hostname: Deno.env.get('HOST') ?? '127.0.0.1', port }, handler);
