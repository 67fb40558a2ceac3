/**
 * The parts of an API Gateway REST API (v1) proxy event this package reads.
 *
 * @example
 * ```ts
 * import type { ApiGatewayV1Event } from 'p100-webhooks/lambda';
 *
 * const event: ApiGatewayV1Event = {
 *   httpMethod: 'POST', path: '/webhook/poa-verification/status', isBase64Encoded: false,
 *   headers: { Authorization: 's3cret' }, multiValueHeaders: { Authorization: ['s3cret'] },
 *   body: '{"externalUserId":"u-1","status":"WAITING"}', requestContext: { stage: 'prod' },
 * };
 * ```
 */
export interface ApiGatewayV1Event {
  readonly httpMethod: string;
  readonly path?: string | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | null | undefined;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null | undefined;
  readonly body?: string | null | undefined;
  readonly isBase64Encoded?: boolean | undefined;
  /** Not read; any object (an event with `requestContext.elb` is an {@link AlbEvent}). */
  readonly requestContext?: object | undefined;
}

/**
 * The parts of an API Gateway HTTP API (v2) or Lambda Function URL event this package reads.
 *
 * @example
 * ```ts
 * import type { ApiGatewayV2Event } from 'p100-webhooks/lambda';
 *
 * const event: ApiGatewayV2Event = {
 *   version: '2.0', rawPath: '/webhook/poa-verification/status', isBase64Encoded: false,
 *   headers: { authorization: 's3cret' }, body: '{"externalUserId":"u-1","status":"WAITING"}',
 *   requestContext: { http: { method: 'POST', path: '/webhook/poa-verification/status' } },
 * };
 * ```
 */
export interface ApiGatewayV2Event {
  /** `'2.0'` (typed `string`, as `@types/aws-lambda` types it). */
  readonly version: string;
  readonly rawPath?: string | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
  readonly body?: string | undefined;
  readonly isBase64Encoded?: boolean | undefined;
  readonly requestContext: { readonly http: { readonly method: string; readonly path?: string | undefined } };
}

/**
 * The parts of an Application Load Balancer target event this package reads (single- or
 * multi-value headers, as the target group is set up).
 *
 * @example
 * ```ts
 * import type { AlbEvent } from 'p100-webhooks/lambda';
 *
 * const event: AlbEvent = {
 *   httpMethod: 'POST', path: '/webhook/poa-verification/status', isBase64Encoded: false,
 *   headers: { authorization: 's3cret' }, body: '{"externalUserId":"u-1","status":"WAITING"}',
 *   requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/poa/0123456789abcdef' } },
 * };
 * ```
 */
export interface AlbEvent {
  readonly httpMethod: string;
  readonly path?: string | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | undefined;
  readonly body?: string | null | undefined;
  readonly isBase64Encoded?: boolean | undefined;
  readonly requestContext: { readonly elb: { readonly targetGroupArn: string } };
}

/**
 * Any event {@link createLambdaHandler} accepts.
 *
 * @example
 * ```ts
 * import type { PoaLambdaEvent } from 'p100-webhooks/lambda';
 *
 * function kind(event: PoaLambdaEvent) {
 *   return 'version' in event ? 'v2 or Function URL' : 'v1 or ALB';
 * }
 * ```
 */
export type PoaLambdaEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent;

/**
 * The answer to an API Gateway (v1 or v2) or Function URL event.
 *
 * @example
 * ```ts
 * import type { ApiGatewayResult } from 'p100-webhooks/lambda';
 *
 * const ok: ApiGatewayResult = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}', isBase64Encoded: false };
 * ```
 */
export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/**
 * The answer to an ALB event: with `statusDescription`, and `multiValueHeaders` when the event came
 * with multi-value headers.
 *
 * @example
 * ```ts
 * import type { AlbResult } from 'p100-webhooks/lambda';
 *
 * const ok: AlbResult = { statusCode: 200, statusDescription: '200 OK', headers: { 'content-type': 'application/json' }, body: '{}', isBase64Encoded: false };
 * ```
 */
export interface AlbResult {
  statusCode: number;
  statusDescription: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: false;
}
