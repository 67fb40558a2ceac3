import type {
  ALBEvent,
  ALBHandler,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
  LambdaFunctionURLEvent,
  LambdaFunctionURLHandler,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AlbEvent,
  type AlbResult,
  type ApiGatewayResult,
  type ApiGatewayV1Event,
  type ApiGatewayV2Event,
  createLambdaHandler,
  type LambdaHandler,
} from '../../src/lambda.ts';

// The repository's tsconfig has exactOptionalPropertyTypes on; scripts/check-package.consumers.mjs
// compiles the same assignments against the emitted .d.ts with it on and off.
const handler = createLambdaHandler({ secret: 's3cret', onEvent: () => {} });
const log = (event: unknown): void => void event;

declare const v1: APIGatewayProxyEvent;
declare const v2: APIGatewayProxyEventV2;
declare const url: LambdaFunctionURLEvent;
declare const alb: ALBEvent;
declare const context: Context;

describe('createLambdaHandler', () => {
  it('should assign to the handler type of @types/aws-lambda for each event kind', () => {
    const restApi: APIGatewayProxyHandler = handler;
    const httpApi: APIGatewayProxyHandlerV2 = handler;
    const functionUrl: LambdaFunctionURLHandler = handler;
    const loadBalancer: ALBHandler = handler;
    expectTypeOf([restApi, httpApi, functionUrl, loadBalancer]).toBeArray();
  });

  it('should compile a forwarding wrapper for each event kind', () => {
    const restApi: APIGatewayProxyHandler = async (event, ctx) => {
      log(event);
      return handler(event, ctx);
    };
    const httpApi: APIGatewayProxyHandlerV2 = async (event, ctx) => {
      log(event);
      return handler(event, ctx);
    };
    const functionUrl: LambdaFunctionURLHandler = async (event, ctx) => {
      log(event);
      return handler(event, ctx);
    };
    const loadBalancer: ALBHandler = async (event, ctx) => {
      log(event);
      return handler(event, ctx);
    };
    expectTypeOf([restApi, httpApi, functionUrl, loadBalancer]).toBeArray();
  });

  it('should answer each event kind with a result of its own @types result type', () => {
    expectTypeOf(handler(v1, context)).resolves.toEqualTypeOf<ApiGatewayResult>();
    expectTypeOf(handler(v2, context)).resolves.toEqualTypeOf<ApiGatewayResult>();
    expectTypeOf(handler(url, context)).resolves.toEqualTypeOf<ApiGatewayResult>();
    expectTypeOf(handler(alb, context)).resolves.toEqualTypeOf<AlbResult>();
    expectTypeOf<ApiGatewayResult>().toExtend<APIGatewayProxyResult>();
    expectTypeOf<ApiGatewayResult>().toExtend<APIGatewayProxyStructuredResultV2>();
    expectTypeOf<AlbResult>().toExtend<ALBResult>();
  });

  it('should take the events of @types/aws-lambda as its own event types', () => {
    expectTypeOf(v1).toExtend<ApiGatewayV1Event>();
    expectTypeOf(v2).toExtend<ApiGatewayV2Event>();
    expectTypeOf(url).toExtend<ApiGatewayV2Event>();
    expectTypeOf(alb).toExtend<AlbEvent>();
  });

  it('should be callable without a context (tests, local invocations)', () => {
    expectTypeOf(handler(alb)).resolves.toEqualTypeOf<AlbResult>();
    expectTypeOf(handler).toExtend<LambdaHandler>();
  });

  it('should refuse what is not an HTTP event', () => {
    // @ts-expect-error an SQS-like event is not an HTTP event
    void handler({ Records: [] });
    // @ts-expect-error no event at all
    void handler();
  });
});
