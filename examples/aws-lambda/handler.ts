import { createLambdaHandler } from 'p100-webhooks/lambda';

/** The function's entry point: `handler.handler` in dist/handler.mjs. */
export const handler = createLambdaHandler({
  // Read per delivery, so the function loads without it. Not set: every delivery answers 500
  // SECRET_NOT_CONFIGURED (JSON), logged once to CloudWatch.
  secret: () => process.env.P100_WEBHOOK_SECRET,
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
  // Answer before API Gateway's 29 s integration timeout; P100 retries a 503.
  handlerTimeoutMs: 20_000,
});
