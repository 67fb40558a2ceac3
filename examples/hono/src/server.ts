import { serve } from '@hono/node-server';
import { loggingAccounts } from './accounts.ts';
import { createApp, WEBHOOK_PATH } from './app.ts';

const secret = process.env.P100_WEBHOOK_SECRET;
if (!secret) throw new Error('Set P100_WEBHOOK_SECRET to the token configured in the P100 Partner API.');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';

serve({ fetch: createApp({ secret, accounts: loggingAccounts }).fetch, port, hostname }, () => {
  console.log(`POA webhooks: POST http://${hostname}:${port}${WEBHOOK_PATH}`);
});
