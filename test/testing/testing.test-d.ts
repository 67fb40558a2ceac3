import { describe, expectTypeOf, it } from 'vitest';
import type { PoaVerificationEvent, PoaVerificationEventOf, PoaVerificationStatus } from '../../src/index.ts';
import { createLambdaHandler, type AlbEvent, type AlbResult, type ApiGatewayResult, type ApiGatewayV1Event, type ApiGatewayV2Event } from '../../src/lambda.ts';
import {
  createPoaLambdaEvent,
  createPoaVerificationEvent,
  createPoaWebhookRequest,
  type PoaDeliveryReport,
  sendPoaWebhook,
} from '../../src/testing.ts';

describe('createPoaVerificationEvent', () => {
  it('should type the event by its status', () => {
    expectTypeOf(createPoaVerificationEvent()).toEqualTypeOf<PoaVerificationEventOf<'WAITING'>>();
    expectTypeOf(createPoaVerificationEvent({ status: 'APPROVED' })).toEqualTypeOf<PoaVerificationEventOf<'APPROVED'>>();
    const status = 'REJECTED' as PoaVerificationStatus;
    expectTypeOf(createPoaVerificationEvent({ status })).toEqualTypeOf<PoaVerificationEvent>();
    // @ts-expect-error: not a status
    createPoaVerificationEvent({ status: 'ARCHIVED' });
    // @ts-expect-error: not a field of the builder
    createPoaVerificationEvent({ userId: 'u-1' });
  });
});

describe('createPoaWebhookRequest', () => {
  it('should return a Request and take events, strings or bytes', () => {
    expectTypeOf(createPoaWebhookRequest('{}', { secret: 's' })).toEqualTypeOf<Request>();
    createPoaWebhookRequest(new Uint8Array(1), { secret: null });
    // @ts-expect-error: the secret is required (null for none)
    createPoaWebhookRequest('{}', {});
    // @ts-expect-error: an object must be an event; other shapes go as raw strings
    createPoaWebhookRequest({ externalUserId: 'u', status: 'ARCHIVED' }, { secret: 's' });
  });
});

describe('createPoaLambdaEvent', () => {
  it('should return the event type of the format, which the Lambda handler answers in kind', async () => {
    const handler = createLambdaHandler({ secret: 's', onEvent: () => {} });
    const v1 = createPoaLambdaEvent('{}', { secret: 's', format: 'apigw-v1' });
    const v2 = createPoaLambdaEvent('{}', { secret: 's', format: 'apigw-v2', base64: true });
    const url = createPoaLambdaEvent('{}', { secret: 's', format: 'function-url' });
    const alb = createPoaLambdaEvent('{}', { secret: 's', format: 'alb', multiValueHeaders: true });
    expectTypeOf(v1).toEqualTypeOf<ApiGatewayV1Event>();
    expectTypeOf(v2).toEqualTypeOf<ApiGatewayV2Event>();
    expectTypeOf(url).toEqualTypeOf<ApiGatewayV2Event>();
    expectTypeOf(alb).toEqualTypeOf<AlbEvent>();
    expectTypeOf(await handler(alb)).toEqualTypeOf<AlbResult>();
    expectTypeOf(await handler(v2)).toEqualTypeOf<ApiGatewayResult>();
    for (const format of ['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const) {
      const result = await handler(createPoaLambdaEvent('{}', { secret: 's', format }));
      expectTypeOf(result.statusCode).toEqualTypeOf<number>();
    }
    // @ts-expect-error: not a format
    createPoaLambdaEvent('{}', { secret: 's', format: 'sqs' });
  });
});

describe('sendPoaWebhook', () => {
  it('should resolve to a report', () => {
    expectTypeOf(sendPoaWebhook('http://127.0.0.1/', '{}', { secret: 's', retry: { scale: 0.001 } })).toEqualTypeOf<Promise<PoaDeliveryReport>>();
    // @ts-expect-error: retry takes a boolean or options
    void sendPoaWebhook('http://127.0.0.1/', '{}', { secret: 's', retry: 3 });
  });
});
