import { createLambdaHandler, type LambdaHandler } from 'p100-webhooks/lambda';
import type { Accounts } from './accounts.ts';

/**
 * The Lambda handler for P100 POA webhooks. One function serves API Gateway REST (v1) and HTTP API
 * (v2), an ALB target group (single- or multi-value headers) and a Function URL: it answers in the
 * shape of the event that came in.
 */
export function createPoaLambdaHandler(options: { secret: string; accounts: Accounts }): LambdaHandler {
  const { accounts } = options;
  return createLambdaHandler({
    secret: options.secret,
    on: {
      WAITING: (event) => accounts.markPoaPending(event.externalUserId),
      APPROVED: (event) => accounts.unlockExtendedLimits(event.externalUserId),
      REJECTED: (event) => accounts.askUserToAct(event.externalUserId, 'REJECTED'),
      QUESTIONED: (event) => accounts.askUserToAct(event.externalUserId, 'QUESTIONED'),
    },
    // Answer before API Gateway's 29 s integration timeout; P100 retries a 503.
    handlerTimeoutMs: 20_000,
  });
}
