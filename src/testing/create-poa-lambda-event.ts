import type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event } from '../lambda/lambda-events.ts';
import { encodeBase64 } from './encode-base64.ts';
import {
  DEFAULT_TEST_PATH,
  type PoaTestDeliveryOptions,
  testDeliveryHeaders,
} from './poa-test-delivery-options.ts';
import type { P100WebhookTestBody } from './p100-webhook-test-body.ts';
import { testBodyBytes } from './poa-webhook-test-body.ts';

/**
 * The AWS services that can invoke a Lambda function with an HTTP request: API Gateway REST API
 * (`apigw-v1`), API Gateway HTTP API (`apigw-v2`, payload format 2.0), an Application Load Balancer
 * (`alb`) and a Lambda Function URL (`function-url`).
 *
 * @example
 * ```ts
 * import type { PoaLambdaEventFormat } from 'p100-webhooks/testing';
 *
 * const formats: PoaLambdaEventFormat[] = ['apigw-v1', 'apigw-v2', 'alb', 'function-url'];
 * ```
 */
export type PoaLambdaEventFormat = 'apigw-v1' | 'apigw-v2' | 'alb' | 'function-url';

/**
 * The event type {@link createPoaLambdaEvent} returns for a format.
 *
 * @example
 * ```ts
 * import type { PoaLambdaEventFor } from 'p100-webhooks/testing';
 *
 * type Alb = PoaLambdaEventFor<'alb'>; // AlbEvent
 * ```
 */
export type PoaLambdaEventFor<F extends PoaLambdaEventFormat> = F extends 'apigw-v1'
  ? ApiGatewayV1Event
  : F extends 'alb'
    ? AlbEvent
    : ApiGatewayV2Event;

/**
 * Options of {@link createPoaLambdaEvent}.
 *
 * @example
 * ```ts
 * import type { CreatePoaLambdaEventOptions } from 'p100-webhooks/testing';
 *
 * const options: CreatePoaLambdaEventOptions<'alb'> = { secret: 's3cret', format: 'alb', multiValueHeaders: true, base64: true };
 * ```
 */
export interface CreatePoaLambdaEventOptions<F extends PoaLambdaEventFormat = PoaLambdaEventFormat> extends PoaTestDeliveryOptions {
  /** Which service the event comes from. */
  readonly format: F;
  /** Send the body base64-encoded with `isBase64Encoded: true`, as AWS does for binary media types. @default false */
  readonly base64?: boolean;
  /** For `alb`: a target group with multi-value headers turned on (`multiValueHeaders` instead of `headers`). @default false */
  readonly multiValueHeaders?: boolean;
  /** The request path; give the one your route serves for any other webhook than POA. @default '/webhook/poa-verification/status' */
  readonly path?: string;
  /** The HTTP method. @default 'POST' */
  readonly method?: string;
}

const ACCOUNT_ID = '123456789012';
const SOURCE_IP = '203.0.113.10';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2026:19:03:58 +0000`, the way API Gateway writes `requestTime`. */
function requestTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function randomHex(length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

function requestId(): string {
  const hex = randomHex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** API Gateway v1 keeps the client's header case; give the usual headers their usual spelling there. */
const CANONICAL: Readonly<Record<string, string>> = {
  authorization: 'Authorization',
  'content-type': 'Content-Type',
  'content-length': 'Content-Length',
  'user-agent': 'User-Agent',
  host: 'Host',
  accept: 'Accept',
};

/**
 * Builds an AWS Lambda event as API Gateway (REST or HTTP API), an ALB or a Function URL would hand
 * it to your function for a P100 delivery: `POST`, `content-type: application/json`,
 * `Authorization: Bearer <secret>`, the event as JSON (or a raw body as given), with the
 * `requestContext`, forwarding headers and header-name casing of the real service. With `base64`,
 * the body is base64-encoded and `isBase64Encoded` is `true`. Any webhook's event goes: POA (the
 * default `path`), KYC Verification Status, KYC File Added, User status, or a custom route's body,
 * whose shape you name as the second type argument `Custom`.
 *
 * @typeParam F - The format (inferred from `options.format`).
 * @typeParam Custom - The shape of a custom webhook's body (see `P100WebhookTestBody`); none by default.
 * @param eventOrBody - An event (see {@link createPoaVerificationEvent}, `createKycVerificationStatusEvent`,
 *   `createKycFileAddedEvent`, `createUserStatusEvent`), a `Custom` object, or a raw string/bytes body.
 * @param options - The secret (`null` for none), the `format`, and optionally `base64`,
 *   `multiValueHeaders` (ALB), `path`, `method` and extra `headers`.
 * @returns The event, typed for the format (`ApiGatewayV1Event`, `ApiGatewayV2Event` or `AlbEvent`).
 * @throws TypeError when `secret` is neither a non-empty string nor `null`, or `format` is unknown.
 * @example
 * ```ts
 * import { createLambdaHandler } from 'p100-webhooks/lambda';
 * import { createPoaLambdaEvent, createPoaVerificationEvent } from 'p100-webhooks/testing';
 *
 * const handler = createLambdaHandler({ secret: 's3cret', onEvent: (event) => console.log(event.status) });
 * const event = createPoaLambdaEvent(createPoaVerificationEvent({ status: 'REJECTED' }), {
 *   secret: 's3cret',
 *   format: 'apigw-v2',
 *   base64: true,
 * });
 * const result = await handler(event);
 * console.log(result.statusCode); // 200
 * ```
 * @example Another webhook, on its route
 * ```ts
 * import { createLambdaHandler } from 'p100-webhooks/lambda';
 * import { createKycVerificationStatusEvent, createPoaLambdaEvent } from 'p100-webhooks/testing';
 *
 * const handler = createLambdaHandler({
 *   secret: 's3cret',
 *   webhooks: { kycVerificationStatus: { path: '/webhook/kyc/verification-status', onEvent: (event) => console.log(event.verificationStatus) } },
 * });
 * const event = createPoaLambdaEvent(createKycVerificationStatusEvent({ verificationStatus: 'VERIFIED' }), {
 *   secret: 's3cret',
 *   format: 'alb',
 *   path: '/webhook/kyc/verification-status',
 * });
 * console.log((await handler(event)).statusCode); // 200
 * ```
 */
export function createPoaLambdaEvent<F extends PoaLambdaEventFormat, Custom extends object = never>(
  eventOrBody: P100WebhookTestBody<[Custom][Custom extends unknown ? 0 : never]>,
  options: CreatePoaLambdaEventOptions<F>,
): PoaLambdaEventFor<F> {
  const { format } = options;
  const base64 = options.base64 === true;
  const method = options.method ?? 'POST';
  const path = options.path ?? DEFAULT_TEST_PATH;
  const bytes = testBodyBytes(eventOrBody);
  const body = base64 ? encodeBase64(bytes) : new TextDecoder().decode(bytes);
  const now = new Date();
  const traceId = `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomHex(24)}`;
  const headers: Record<string, string> = {
    accept: '*/*',
    ...testDeliveryHeaders(options),
    'content-length': String(bytes.length),
    'x-amzn-trace-id': traceId,
    'x-forwarded-for': SOURCE_IP,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const userAgent = headers['user-agent'] ?? '';

  switch (format) {
    case 'apigw-v1': {
      const domainName = 'abcdef1234.execute-api.eu-central-1.amazonaws.com';
      const single: Record<string, string> = {};
      const multi: Record<string, string[]> = {};
      for (const [name, value] of Object.entries({ host: domainName, ...headers })) {
        const cased = CANONICAL[name] ?? name;
        single[cased] = value;
        multi[cased] = [value];
      }
      const event = {
        resource: path,
        path,
        httpMethod: method,
        headers: single,
        multiValueHeaders: multi,
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: null,
        requestContext: {
          accountId: ACCOUNT_ID,
          apiId: 'abcdef1234',
          resourceId: 'a1b2c3',
          resourcePath: path,
          httpMethod: method,
          extendedRequestId: randomHex(16),
          path: `/prod${path}`,
          protocol: 'HTTP/1.1',
          stage: 'prod',
          requestId: requestId(),
          requestTime: requestTime(now),
          requestTimeEpoch: now.getTime(),
          domainName,
          domainPrefix: 'abcdef1234',
          identity: { sourceIp: SOURCE_IP, userAgent },
        },
        body,
        isBase64Encoded: base64,
      };
      return event as unknown as PoaLambdaEventFor<F>;
    }
    case 'apigw-v2':
    case 'function-url': {
      const gateway = format === 'apigw-v2';
      const apiId = gateway ? 'abcdef1234' : 'abcdefghijklmnopqrstuvwxyz012345';
      const domainName = gateway ? `${apiId}.execute-api.eu-central-1.amazonaws.com` : `${apiId}.lambda-url.eu-central-1.on.aws`;
      const routeKey = gateway ? `${method} ${path}` : '$default';
      const event = {
        version: '2.0',
        routeKey,
        rawPath: path,
        rawQueryString: '',
        headers: { host: domainName, ...headers },
        requestContext: {
          accountId: gateway ? ACCOUNT_ID : 'anonymous',
          apiId,
          domainName,
          domainPrefix: apiId,
          http: { method, path, protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent },
          requestId: requestId(),
          routeKey,
          stage: '$default',
          time: requestTime(now),
          timeEpoch: now.getTime(),
        },
        body,
        isBase64Encoded: base64,
      };
      return event as unknown as PoaLambdaEventFor<F>;
    }
    case 'alb': {
      const all = { host: 'poa-webhooks-1234567890.eu-central-1.elb.amazonaws.com', ...headers };
      const requestContext = {
        elb: { targetGroupArn: `arn:aws:elasticloadbalancing:eu-central-1:${ACCOUNT_ID}:targetgroup/poa-webhooks/6d0ecf831eec9f09` },
      };
      const event: AlbEvent =
        options.multiValueHeaders === true
          ? {
              requestContext,
              httpMethod: method,
              path,
              multiValueQueryStringParameters: {},
              multiValueHeaders: Object.fromEntries(Object.entries(all).map(([name, value]) => [name, [value]])),
              body,
              isBase64Encoded: base64,
            } as AlbEvent
          : ({ requestContext, httpMethod: method, path, queryStringParameters: {}, headers: all, body, isBase64Encoded: base64 } as AlbEvent);
      return event as PoaLambdaEventFor<F>;
    }
    default:
      throw new TypeError(
        `p100-webhooks/testing: unknown Lambda event format ${JSON.stringify(format)}; use 'apigw-v1', 'apigw-v2', 'alb' or 'function-url'.`,
      );
  }
}
