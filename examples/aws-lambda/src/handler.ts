import { loggingAccounts } from './accounts.ts';
import { createPoaLambdaHandler } from './app.ts';

/**
 * The function's entry point (`handler.handler`). A missing secret fails the cold start with a
 * TypeError instead of answering 401 to every delivery.
 */
export const handler = createPoaLambdaHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '',
  accounts: loggingAccounts,
});
