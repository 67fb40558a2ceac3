import {
  AlbMultiValueHeadersSchema,
  AlbSchema,
  APIGatewayProxyEventSchema,
  APIGatewayProxyEventV2Schema,
  LambdaFunctionUrlSchema,
} from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createPoaLambdaEvent, createPoaVerificationEvent } from '../../src/testing.ts';

const CASES: readonly { format: 'apigw-v1' | 'apigw-v2' | 'alb' | 'function-url'; multiValueHeaders: boolean; schema: z.ZodType }[] = [
  { format: 'apigw-v1', multiValueHeaders: false, schema: APIGatewayProxyEventSchema },
  { format: 'apigw-v2', multiValueHeaders: false, schema: APIGatewayProxyEventV2Schema },
  { format: 'alb', multiValueHeaders: false, schema: AlbSchema },
  { format: 'alb', multiValueHeaders: true, schema: AlbMultiValueHeadersSchema },
  { format: 'function-url', multiValueHeaders: false, schema: LambdaFunctionUrlSchema },
];

const headersOf = (event: object): Record<string, string> => {
  const e = event as { headers?: Record<string, string>; multiValueHeaders?: Record<string, string[]> };
  if (e.headers !== undefined) return Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(Object.entries(e.multiValueHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v.join(',')]));
};

describe('createPoaLambdaEvent', () => {
  describe.each(CASES)('$format (multi-value headers: $multiValueHeaders)', ({ format, multiValueHeaders, schema }) => {
    it.each([false, true])('should build an event valid against the powertools schema (base64: %s)', (base64) => {
      const event = createPoaLambdaEvent(createPoaVerificationEvent({ status: 'APPROVED' }), { secret: 's3cret', format, base64, multiValueHeaders });
      const parsed = schema.safeParse(event);
      expect(parsed.error?.issues ?? []).toEqual([]);
    });

    it('should carry the JSON body, plain or base64, with its byte length', () => {
      const body = '{"externalUserId":"ü-1","status":"WAITING"}';
      const plain = createPoaLambdaEvent(body, { secret: 's3cret', format, multiValueHeaders }) as { body: string; isBase64Encoded: boolean };
      const encoded = createPoaLambdaEvent(body, { secret: 's3cret', format, multiValueHeaders, base64: true }) as { body: string; isBase64Encoded: boolean };
      expect(plain).toMatchObject({ body, isBase64Encoded: false });
      expect(encoded.isBase64Encoded).toBe(true);
      expect(new TextDecoder().decode(Uint8Array.from(atob(encoded.body), (c) => c.charCodeAt(0)))).toBe(body);
      expect(headersOf(plain)['content-length']).toBe(String(new TextEncoder().encode(body).length));
    });

    it.each([
      { description: 'a secret', options: { secret: 's3cret' }, expected: 'Bearer s3cret' },
      { description: 'no secret', options: { secret: null }, expected: undefined },
      { description: 'an overriding header', options: { secret: null, headers: { Authorization: 'bare-token' } }, expected: 'bare-token' },
    ])('should send the Authorization header for $description', ({ options, expected }) => {
      const headers = headersOf(createPoaLambdaEvent('{}', { ...options, format, multiValueHeaders }));
      expect(headers['authorization']).toBe(expected);
      expect(headers['content-type']).toBe('application/json');
    });
  });

  it('should keep the usual header spelling in API Gateway v1 and lower-case elsewhere', () => {
    const v1 = createPoaLambdaEvent('{}', { secret: 's', format: 'apigw-v1' });
    const v2 = createPoaLambdaEvent('{}', { secret: 's', format: 'apigw-v2' });
    expect(Object.keys(v1.headers ?? {})).toContain('Authorization');
    expect(v1.multiValueHeaders?.['Authorization']).toEqual(['Bearer s']);
    expect(Object.keys(v2.headers ?? {})).toContain('authorization');
  });

  it.each([
    { description: 'an unknown format', options: { secret: 's', format: 'sqs' } },
    { description: 'an empty secret', options: { secret: '', format: 'alb' } },
    { description: 'a missing secret', options: { format: 'alb' } },
  ])('should throw a TypeError for $description', ({ options }) => {
    expect(() => createPoaLambdaEvent('{}', options as never)).toThrow(TypeError);
  });

  it('should use the given method and path', () => {
    const event = createPoaLambdaEvent('{}', { secret: 's', format: 'function-url', method: 'GET', path: '/hooks/p100' });
    expect(event.requestContext.http).toMatchObject({ method: 'GET', path: '/hooks/p100' });
    expect(event.rawPath).toBe('/hooks/p100');
  });
});
