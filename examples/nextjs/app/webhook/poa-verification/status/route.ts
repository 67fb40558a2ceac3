import { createFetchHandler } from 'p100-webhooks/fetch';

/** POST /webhook/poa-verification/status (other methods get Next.js's own 405). */
export const POST = createFetchHandler({
  // A function: read when a delivery arrives, so `next build` loads this module without the secret.
  // Not set at run time: every delivery answers 500 SECRET_NOT_CONFIGURED (JSON), logged once.
  secret: () => process.env.P100_WEBHOOK_SECRET,
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
});
