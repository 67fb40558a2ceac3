import { describe, expectTypeOf, it } from 'vitest';
import type {
  KycFileAddedEvent,
  KycFileAddedEventOf,
  KycVerificationStatus,
  KycVerificationStatusEvent,
  KycVerificationStatusEventOf,
  PoaVerificationEvent,
  PoaVerificationEventOf,
  PoaVerificationStatus,
  UserStatusEvent,
  UserStatusEventOf,
} from '../../src/index.ts';
import { createLambdaHandler, type AlbEvent, type AlbResult, type ApiGatewayResult, type ApiGatewayV1Event, type ApiGatewayV2Event } from '../../src/lambda.ts';
import {
  createKycFileAddedEvent,
  createKycVerificationStatusEvent,
  createPoaLambdaEvent,
  createPoaVerificationEvent,
  createPoaWebhookRequest,
  createUserStatusEvent,
  type P100WebhookTestBody,
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

describe('createKycVerificationStatusEvent', () => {
  it('should type the event by its verificationStatus', () => {
    expectTypeOf(createKycVerificationStatusEvent()).toEqualTypeOf<KycVerificationStatusEventOf<'NOT_VERIFIED'>>();
    expectTypeOf(createKycVerificationStatusEvent({ verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL' })).toEqualTypeOf<
      KycVerificationStatusEventOf<'VERIFIED'>
    >();
    const verificationStatus = 'EXPIRED' as KycVerificationStatus;
    expectTypeOf(createKycVerificationStatusEvent({ verificationStatus })).toEqualTypeOf<KycVerificationStatusEvent>();
    createKycVerificationStatusEvent({ rejectionReason: null });
    // @ts-expect-error: not a verification status
    createKycVerificationStatusEvent({ verificationStatus: 'APPROVED' });
    // @ts-expect-error: not an attempt status
    createKycVerificationStatusEvent({ attemptStatus: 'FAILED' });
    // @ts-expect-error: KYC events are discriminated on verificationStatus, not status
    createKycVerificationStatusEvent({ status: 'VERIFIED' });
  });
});

describe('createKycFileAddedEvent and createUserStatusEvent', () => {
  it('should type the event by its status', () => {
    expectTypeOf(createKycFileAddedEvent()).toEqualTypeOf<KycFileAddedEventOf<'ADDED'>>();
    expectTypeOf(createKycFileAddedEvent({ status: 'ERROR' })).toEqualTypeOf<KycFileAddedEventOf<'ERROR'>>();
    expectTypeOf(createUserStatusEvent()).toEqualTypeOf<UserStatusEventOf<'ACTIVE'>>();
    // @ts-expect-error: not a KYC file status
    createKycFileAddedEvent({ status: 'APPROVED' });
    // @ts-expect-error: P100 shows only ACTIVE
    createUserStatusEvent({ status: 'BLOCKED' });
  });
});

describe('the builders with any webhook', () => {
  interface Deposit {
    readonly externalUserId: string;
    readonly txHash: string;
  }
  it('should take every documented event, and a custom body only of the shape named', async () => {
    for (const event of [createKycVerificationStatusEvent(), createKycFileAddedEvent(), createUserStatusEvent(), createPoaVerificationEvent()]) {
      expectTypeOf(createPoaWebhookRequest(event, { secret: 's' })).toEqualTypeOf<Request>();
      expectTypeOf(createPoaLambdaEvent(event, { secret: 's', format: 'alb' })).toEqualTypeOf<AlbEvent>();
      expectTypeOf(await sendPoaWebhook('http://127.0.0.1/', event, { secret: 's' })).toEqualTypeOf<PoaDeliveryReport>();
    }
    const deposit: Deposit = { externalUserId: 'u', txHash: '0x' };
    createPoaWebhookRequest<Deposit>(deposit, { secret: 's' });
    createPoaLambdaEvent<'apigw-v1', Deposit>(deposit, { secret: 's', format: 'apigw-v1' });
    void sendPoaWebhook<Deposit>('http://127.0.0.1/', deposit, { secret: 's' });
    // @ts-expect-error: a custom shape must be named as the type argument
    createPoaWebhookRequest(deposit, { secret: 's' });
    // @ts-expect-error: and the body must be of that shape
    createPoaWebhookRequest<Deposit>({ externalUserId: 'u', amount: '1' }, { secret: 's' });
    // @ts-expect-error: a KYC event with an unknown status is no event (send it as a raw string)
    createPoaLambdaEvent({ externalUserId: 'u', verificationStatus: 'ARCHIVED', attemptStatus: 'PENDING' }, { secret: 's', format: 'alb' });
    // @ts-expect-error: an attempt status is not a verification status
    void sendPoaWebhook('http://127.0.0.1/', { externalUserId: 'u', verificationStatus: 'SUCCESSFUL', attemptStatus: 'SUCCESSFUL' }, { secret: 's' });
    expectTypeOf<P100WebhookTestBody>().toEqualTypeOf<
      PoaVerificationEvent | KycVerificationStatusEvent | KycFileAddedEvent | UserStatusEvent | string | Uint8Array
    >();
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
