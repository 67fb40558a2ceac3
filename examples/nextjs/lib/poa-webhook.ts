import { createFetchHandler, type FetchHandler } from 'p100-webhooks/fetch';
import type { Accounts } from './accounts';

/** Builds the route handler for P100 POA Verification Status webhooks. */
export function createPoaWebhookHandler(options: { secret: string; accounts: Accounts }): FetchHandler {
  const { accounts } = options;
  return createFetchHandler({
    secret: options.secret,
    on: {
      WAITING: (event) => accounts.markPoaPending(event.externalUserId),
      APPROVED: (event) => accounts.unlockExtendedLimits(event.externalUserId),
      REJECTED: (event) => accounts.askUserToAct(event.externalUserId, 'REJECTED'),
      QUESTIONED: (event) => accounts.askUserToAct(event.externalUserId, 'QUESTIONED'),
    },
  });
}
