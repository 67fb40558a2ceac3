import { createFetchHandler, type FetchHandler } from 'p100-webhooks/fetch';

/** The Worker's bindings: set the secret with `wrangler secret put P100_WEBHOOK_SECRET`. */
export interface Env {
  readonly P100_WEBHOOK_SECRET: string;
}

// Bindings arrive with each request, so the handler is built on the first one and reused.
let handler: FetchHandler | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    handler ??= createFetchHandler({
      secret: env.P100_WEBHOOK_SECRET,
      path: '/webhook/poa-verification/status',
      on: {
        WAITING: (event) => console.log(`${event.externalUserId}: proof of address pending`),
        APPROVED: (event) => console.log(`${event.externalUserId}: approved, limits unlocked`),
        REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
        QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to answer`),
      },
    });
    return handler(request);
  },
};
