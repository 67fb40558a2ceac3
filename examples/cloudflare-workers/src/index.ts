import { env } from 'cloudflare:workers';
import { createFetchHandler } from 'p100-webhooks/fetch';

export default {
  fetch: createFetchHandler({
    // Read per delivery. Not set (no secret, no .dev.vars): every delivery answers 500
    // SECRET_NOT_CONFIGURED (JSON), logged once, instead of a Worker that looks healthy.
    secret: () => env.P100_WEBHOOK_SECRET,
    path: '/webhook/poa-verification/status',
    on: {
      WAITING: (event) => console.log(`${event.externalUserId}: in review`),
      APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
      REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
      QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
    },
  }),
};
