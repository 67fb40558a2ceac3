import { readFileSync } from 'node:fs';
import {
  AlbMultiValueHeadersSchema,
  AlbSchema,
  APIGatewayProxyEventSchema,
  APIGatewayProxyEventV2Schema,
  LambdaFunctionUrlSchema,
} from '@aws-lambda-powertools/parser/schemas';
import type { ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createLambdaHandler, type AlbResult, type ApiGatewayResult, type PoaLambdaEvent } from '../../src/lambda.ts';
import { buildLambdaEvent, type Delivery, type LambdaKind } from '../support/adapters.ts';
import { CONTRACT_CASES } from './contract-cases.ts';

type Schema = z.ZodType;
const SCHEMAS: Record<LambdaKind, Schema> = {
  'apigw-v1': APIGatewayProxyEventSchema,
  'apigw-v2': APIGatewayProxyEventV2Schema,
  alb: AlbSchema,
  'alb-multi': AlbMultiValueHeadersSchema,
  'function-url': LambdaFunctionUrlSchema,
};

/** What each kind must answer with (strict: no key of another kind's shape). */
const RESULT_SCHEMAS: Record<LambdaKind, Schema> = {
  'apigw-v1': z.strictObject({ statusCode: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string(), isBase64Encoded: z.literal(false) }),
  'apigw-v2': z.strictObject({ statusCode: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string(), isBase64Encoded: z.literal(false) }),
  'function-url': z.strictObject({ statusCode: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string(), isBase64Encoded: z.literal(false) }),
  alb: z.strictObject({
    statusCode: z.number().int(),
    statusDescription: z.string().regex(/^\d{3} [A-Za-z ]+$/),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    isBase64Encoded: z.literal(false),
  }),
  'alb-multi': z.strictObject({
    statusCode: z.number().int(),
    statusDescription: z.string().regex(/^\d{3} [A-Za-z ]+$/),
    multiValueHeaders: z.record(z.string(), z.array(z.string()).length(1)),
    body: z.string(),
    isBase64Encoded: z.literal(false),
  }),
};

const FIXTURES: readonly { file: string; kind: LambdaKind; status: number }[] = [
  { file: 'apigw-v1.json', kind: 'apigw-v1', status: 200 },
  { file: 'apigw-v1-repeated-authorization.json', kind: 'apigw-v1', status: 401 },
  { file: 'apigw-v2.json', kind: 'apigw-v2', status: 200 },
  { file: 'function-url.json', kind: 'function-url', status: 200 },
  { file: 'function-url-base64.json', kind: 'function-url', status: 200 },
  { file: 'alb.json', kind: 'alb', status: 200 },
  { file: 'alb-multi-value.json', kind: 'alb-multi', status: 200 },
  { file: 'alb-multi-value-base64.json', kind: 'alb-multi', status: 200 },
];

const fixture = (file: string): PoaLambdaEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/lambda/${file}`, import.meta.url), 'utf8')) as PoaLambdaEvent;

function handlerFor(calls: unknown[]) {
  return createLambdaHandler({ secret: ['old-secret', 'fixture-secret'], onEvent: (event) => void calls.push(event) });
}

describe('createLambdaHandler', () => {
  describe('AWS-shaped fixtures', () => {
    it.each(FIXTURES)('should find $file valid against the powertools schema of $kind', ({ file, kind }) => {
      const result = SCHEMAS[kind].safeParse(fixture(file));
      expect(result.error).toBeUndefined();
    });

    it.each(FIXTURES)('should answer $file with $status in the shape of $kind', async ({ file, kind, status }) => {
      const calls: unknown[] = [];
      const event = fixture(file);
      const before = structuredClone(event);
      const result = await handlerFor(calls)(event);
      expect(result.statusCode).toBe(status);
      expect(RESULT_SCHEMAS[kind].safeParse(result).error).toBeUndefined();
      expect(calls).toEqual(status === 200 ? [{ externalUserId: 'user-12345', status: 'APPROVED' }] : []);
      expect(event).toEqual(before);
    });

    it.each([
      { kind: 'alb', file: 'alb.json', description: '200 OK' },
      { kind: 'alb-multi', file: 'alb-multi-value.json', description: '200 OK' },
    ])('should give $kind answers a statusDescription ($description) and matching headers', async ({ file, description }) => {
      const result = (await handlerFor([])(fixture(file))) as AlbResult;
      expect(result.statusDescription).toBe(description);
      const contentType = result.multiValueHeaders?.['content-type'] ?? [result.headers?.['content-type']];
      expect(contentType).toEqual(['application/json']);
    });

    it.each([
      { status: 401, description: '401 Unauthorized', headers: { authorization: 'wrong' } },
      { status: 405, description: '405 Method Not Allowed', method: 'GET' },
      { status: 413, description: '413 Payload Too Large', body: 'x'.repeat(70_000) },
      { status: 400, description: '400 Bad Request', body: 'nope' },
    ])('should describe an ALB $status as "$description"', async ({ status, description, ...change }) => {
      const base = fixture('alb.json') as unknown as Record<string, unknown>;
      const headers = { ...(base['headers'] as Record<string, string>), ...change.headers };
      const event = { ...base, headers, httpMethod: change.method ?? 'POST', body: change.body ?? base['body'] } as unknown as PoaLambdaEvent;
      const result = (await handlerFor([])(event)) as AlbResult;
      expect(result.statusCode).toBe(status);
      expect(result.statusDescription).toBe(description);
    });
  });

  describe('harness events', () => {
    const kinds: readonly LambdaKind[] = ['apigw-v1', 'apigw-v2', 'alb', 'alb-multi', 'function-url'];
    const deliveries: readonly Delivery[] = CONTRACT_CASES.map((c) => c.delivery);

    it.each(kinds.flatMap((kind) => [false, true].map((base64) => ({ kind, base64 }))))(
      'should build every $kind event (base64: $base64) of the case list valid against the powertools schema',
      ({ kind, base64 }) => {
        for (const delivery of deliveries) {
          const result = SCHEMAS[kind].safeParse(buildLambdaEvent(kind, delivery, base64));
          expect(result.error, JSON.stringify(delivery).slice(0, 200)).toBeUndefined();
        }
      },
    );
  });

  describe('events of other kinds', () => {
    it.each([
      { description: 'an empty object', event: {} },
      { description: 'an SQS event', event: { Records: [{ messageId: '1', body: '{}' }] } },
      { description: 'null', event: null },
      { description: 'a v2 event without requestContext', event: { version: '2.0', body: '{}' } },
    ])('should answer $description with 405 instead of throwing', async ({ event }) => {
      const result = await handlerFor([])(event as unknown as PoaLambdaEvent);
      expect(result.statusCode).toBe(405);
    });
  });

  it('should return results assignable to the @types/aws-lambda result types', () => {
    expectTypeOf<ApiGatewayResult>().toExtend<APIGatewayProxyResult>();
    expectTypeOf<ApiGatewayResult>().toExtend<APIGatewayProxyStructuredResultV2>();
    expectTypeOf<AlbResult>().toExtend<ALBResult>();
  });
});
