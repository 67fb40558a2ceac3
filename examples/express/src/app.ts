import express, { type Express } from 'express';
import { createNodeHandler } from 'p100-webhooks/node';
import type { Accounts } from './accounts.ts';

/** The path P100 delivers POA Verification Status webhooks to (configure it in the Partner API). */
export const WEBHOOK_PATH = '/webhook/poa-verification/status';

/**
 * An Express 5 app with the P100 webhook mounted before the JSON body parser, so the SDK reads the
 * raw body itself (size limit, UTF-8 and JSON errors answered as documented). Mounted after
 * `express.json()` it works too, using the already-parsed body.
 */
export function createApp(options: { secret: string; accounts: Accounts }): Express {
  const { accounts } = options;
  const app = express();

  // `all`, not `post`: other methods get the documented 405 with `Allow: POST`.
  app.all(
    WEBHOOK_PATH,
    createNodeHandler({
      secret: options.secret,
      on: {
        WAITING: (event) => accounts.markPoaPending(event.externalUserId),
        APPROVED: (event) => accounts.unlockExtendedLimits(event.externalUserId),
        REJECTED: (event) => accounts.askUserToAct(event.externalUserId, 'REJECTED'),
        QUESTIONED: (event) => accounts.askUserToAct(event.externalUserId, 'QUESTIONED'),
      },
    }),
  );

  // The rest of your API, with its own body parser.
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
