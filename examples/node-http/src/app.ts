import { createServer, type Server } from 'node:http';
import { createNodeHandler } from 'p100-webhooks/node';
import type { Accounts } from './accounts.ts';

/** The path P100 delivers POA Verification Status webhooks to (configure it in the Partner API). */
export const WEBHOOK_PATH = '/webhook/poa-verification/status';

/**
 * A plain `node:http` server that receives P100 POA webhooks at {@link WEBHOOK_PATH} and answers
 * 404 everywhere else.
 */
export function createPoaServer(options: { secret: string; accounts: Accounts }): Server {
  const { accounts } = options;
  const handler = createNodeHandler({
    secret: options.secret,
    path: WEBHOOK_PATH,
    on: {
      WAITING: (event) => accounts.markPoaPending(event.externalUserId),
      APPROVED: (event) => accounts.unlockExtendedLimits(event.externalUserId),
      REJECTED: (event) => accounts.askUserToAct(event.externalUserId, 'REJECTED'),
      QUESTIONED: (event) => accounts.askUserToAct(event.externalUserId, 'QUESTIONED'),
    },
    onError: (error) => console.warn(`[p100] refused a delivery: ${error.code}`),
  });
  return createServer(handler);
}
