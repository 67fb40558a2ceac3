/**
 * The AWS Lambda adapter: API Gateway REST (v1) and HTTP API (v2), ALB and Function URLs.
 *
 * @example
 * ```ts
 * import { createLambdaHandler } from 'p100-webhooks/lambda';
 *
 * export const handler = createLambdaHandler({ secret: 's3cret', onEvent: () => {} });
 * ```
 *
 * @module p100-webhooks/lambda
 */
export { createLambdaHandler, type LambdaHandler } from './lambda/create-lambda-handler.ts';
export type {
  AlbEvent,
  AlbResult,
  ApiGatewayResult,
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  PoaLambdaEvent,
} from './lambda/lambda-events.ts';
