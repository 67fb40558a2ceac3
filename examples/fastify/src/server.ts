import { loggingAccounts } from './accounts.ts';
import { createApp, WEBHOOK_PATH } from './app.ts';

const secret = process.env.P100_WEBHOOK_SECRET;
if (!secret) throw new Error('Set P100_WEBHOOK_SECRET to the token configured in the P100 Partner API.');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const app = createApp({ secret, accounts: loggingAccounts });
await app.listen({ port, host });
console.log(`POA webhooks: POST http://${host}:${port}${WEBHOOK_PATH}`);
