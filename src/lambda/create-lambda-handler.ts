import type { PoaWebhookOptions } from '../core/poa-webhook-options.ts';
import type { PoaWebhookResponse } from '../core/poa-webhook-request.ts';
import { decodeBase64 } from '../core/decode-base64.ts';
import { adapterReceiver } from '../adapters/adapter-receiver.ts';
import type { P100CustomSchemas, P100WebhooksOptions } from '../core/p100-webhooks-options.ts';
import { NO_BODY, type ReceivedBody } from '../core/receiver/received-body.ts';
import type { ReceiverSource } from '../core/receiver/receiver-source.ts';
import type { AlbEvent, AlbResult, ApiGatewayResult, ApiGatewayV1Event, ApiGatewayV2Event, PoaLambdaEvent } from './lambda-events.ts';

/**
 * A Lambda handler that answers each event kind in its own shape: one overload per kind, so it
 * assigns to `APIGatewayProxyHandler`, `APIGatewayProxyHandlerV2`, `LambdaFunctionURLHandler` and
 * `ALBHandler` of `@types/aws-lambda` (with or without `exactOptionalPropertyTypes`), and a wrapper
 * typed with one of them can forward its event.
 *
 * @example
 * ```ts
 * import { createLambdaHandler, type LambdaHandler } from 'p100-webhooks/lambda';
 *
 * export const handler: LambdaHandler = createLambdaHandler({ secret: 's3cret', onEvent: () => {} });
 * ```
 * @example Typed with the handler types of the aws-lambda type package, in a wrapper that forwards its event
 * ```ts
 * import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
 * import { createLambdaHandler } from 'p100-webhooks/lambda';
 *
 * const poa = createLambdaHandler({ secret: () => process.env.P100_WEBHOOK_SECRET, onEvent: () => {} });
 * export const handler: APIGatewayProxyHandlerV2 = async (event, context) => {
 *   console.log(context.awsRequestId, event.rawPath);
 *   return poa(event, context);
 * };
 * ```
 */
export interface LambdaHandler {
  /** An ALB event (single- or multi-value headers): answered with `statusDescription`. */
  (event: AlbEvent, context?: unknown): Promise<AlbResult>;
  /** An API Gateway REST API (v1) proxy event. */
  (event: ApiGatewayV1Event, context?: unknown): Promise<ApiGatewayResult>;
  /** An API Gateway HTTP API (v2) or Function URL event. */
  (event: ApiGatewayV2Event, context?: unknown): Promise<ApiGatewayResult>;
  /** An event whose kind is known only at run time. */
  (event: PoaLambdaEvent, context?: unknown): Promise<ApiGatewayResult | AlbResult>;
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Creates an AWS Lambda handler for API Gateway REST (v1) and HTTP API (v2) proxy events, ALB events
 * (single- and multi-value headers) and Function URL events. Base64 bodies are decoded; header names
 * are case-insensitive.
 *
 * @param options - The secret and the handlers.
 * @returns An async Lambda handler; it never rejects.
 * @throws TypeError when the options are invalid.
 * @example
 * ```ts
 * import { createLambdaHandler } from 'p100-webhooks/lambda';
 *
 * export const handler = createLambdaHandler({
 *   secret: 's3cret',
 *   on: {
 *     WAITING: () => {},
 *     APPROVED: async (event) => console.log('verified', event.externalUserId),
 *     REJECTED: () => {},
 *     QUESTIONED: () => {},
 *   },
 * });
 * ```
 */
export function createLambdaHandler<const C extends P100CustomSchemas = P100CustomSchemas>(options: PoaWebhookOptions | P100WebhooksOptions<C>): LambdaHandler {
  const receiver = adapterReceiver(options as PoaWebhookOptions, (message) => console.error(message));
  return ((event: PoaLambdaEvent) => {
    // Synchronous unless the handler returned a promise: one promise per event, not a chain of them.
    const answer = receiver.receive(toSource(event));
    return answer instanceof Promise ? answer.then((settled) => toResult(settled, event)) : Promise.resolve(toResult(answer, event));
  }) as LambdaHandler;
}

function toResult(response: PoaWebhookResponse, event: PoaLambdaEvent): ApiGatewayResult | AlbResult {
  const elb = typeof event === 'object' && event !== null && typeof event.requestContext === 'object' && event.requestContext !== null && 'elb' in event.requestContext;
  return elb ? toAlbResult(response, event as AlbEvent) : toApiGatewayResult(response);
}

/** The event as a receiver source; an event of another kind becomes a request without a method (405). */
function toSource(event: PoaLambdaEvent): ReceiverSource {
  if (typeof event !== 'object' || event === null) return { method: '', url: undefined, headers: {}, readBody: () => NO_BODY };
  const readBody = (): ReceivedBody => {
    const { body } = event;
    if (body === undefined || body === null) return NO_BODY;
    if (typeof body === 'string') return { kind: 'text', text: body, base64: event.isBase64Encoded === true };
    return { kind: 'unavailable', reason: `the event's body is a${typeof body === 'object' ? 'n object' : ` ${typeof body}`}, not the raw text (was it parsed before?).` };
  };
  if ('version' in event && event.version === '2.0') {
    const http = (event.requestContext as Partial<ApiGatewayV2Event['requestContext']> | undefined)?.http;
    return { method: http?.method ?? '', url: event.rawPath ?? http?.path ?? '/', headers: event.headers ?? {}, readBody, decodeBase64 };
  }
  // API Gateway v1 fills both header maps (`headers` keeps only the last of repeated values);
  // ALB fills the one its target group is set up for.
  const v1 = event as ApiGatewayV1Event | AlbEvent;
  return {
    method: typeof v1.httpMethod === 'string' ? v1.httpMethod : '',
    url: v1.path ?? '/',
    headers: v1.multiValueHeaders ?? v1.headers ?? {},
    readBody,
    decodeBase64,
  };
}

function toApiGatewayResult(response: PoaWebhookResponse): ApiGatewayResult {
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
}

function toAlbResult(response: PoaWebhookResponse, event: AlbEvent): AlbResult {
  const result: AlbResult = {
    statusCode: response.status,
    statusDescription: `${response.status} ${REASONS[response.status] ?? ''}`.trim(),
    body: response.body,
    isBase64Encoded: false,
  };
  if (event.multiValueHeaders === undefined) result.headers = response.headers;
  else result.multiValueHeaders = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, [value]]));
  return result;
}
