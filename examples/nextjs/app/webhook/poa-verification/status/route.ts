import type { FetchHandler } from 'p100-webhooks/fetch';
import { loggingAccounts } from '../../../../lib/accounts';
import { createPoaWebhookHandler } from '../../../../lib/poa-webhook';

// Created on the first request, not at import: `next build` imports route modules, and the secret
// is usually only present at run time.
let handler: FetchHandler | undefined;

/** POST /webhook/poa-verification/status (other methods get Next.js's own 405). */
export async function POST(request: Request): Promise<Response> {
  handler ??= createPoaWebhookHandler({ secret: process.env.P100_WEBHOOK_SECRET ?? '', accounts: loggingAccounts });
  return handler(request);
}
