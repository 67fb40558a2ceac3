import { createPoaLambdaEvent, createPoaVerificationEvent } from 'p100-webhooks/testing';
import { handler } from './dist/handler.mjs';

const event = createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'user-42' });
for (const format of ['apigw-v1', 'apigw-v2', 'alb', 'function-url']) {
  const result = await handler(createPoaLambdaEvent(event, { secret: 's3cret', format }));
  console.log(format, result.statusCode, result.body);
}
