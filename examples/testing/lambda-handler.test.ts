import { describe, expect, it } from 'vitest';
import { createLambdaHandler } from 'p100-webhooks/lambda';
import { createPoaLambdaEvent, createPoaVerificationEvent } from 'p100-webhooks/testing';

const handler = createLambdaHandler({ secret: 'test-secret', onEvent: () => {} });

describe('Lambda POA webhook', () => {
  it.each(['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const)('should answer 200 to a %s event', async (format) => {
    const event = createPoaLambdaEvent(createPoaVerificationEvent({ status: 'APPROVED' }), { secret: 'test-secret', format, base64: true });
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({});
  });
});
