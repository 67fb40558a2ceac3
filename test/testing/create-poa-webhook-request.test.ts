import { describe, expect, it } from 'vitest';
import { isPoaVerificationEvent, POA_VERIFICATION_STATUSES } from '../../src/index.ts';
import { createPoaVerificationEvent, createPoaWebhookRequest } from '../../src/testing.ts';

describe('createPoaVerificationEvent', () => {
  it.each(POA_VERIFICATION_STATUSES)('should build a valid %s event', (status) => {
    const event = createPoaVerificationEvent({ status });
    expect(event.status).toBe(status);
    expect(isPoaVerificationEvent(event)).toBe(true);
  });

  it('should default to WAITING with a fresh externalUserId per call', () => {
    const a = createPoaVerificationEvent();
    const b = createPoaVerificationEvent();
    expect(a.status).toBe('WAITING');
    expect(a.externalUserId).not.toBe(b.externalUserId);
  });

  it('should keep a given externalUserId', () => {
    expect(createPoaVerificationEvent({ externalUserId: 'user-42' })).toEqual({ externalUserId: 'user-42', status: 'WAITING' });
  });
});

describe('createPoaWebhookRequest', () => {
  it('should build a POST with a JSON body, content-type and a Bearer token', async () => {
    const request = createPoaWebhookRequest({ externalUserId: 'u-1', status: 'REJECTED' }, { secret: 's3cret' });
    expect(request).toBeInstanceOf(Request);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://partner.example/webhook/poa-verification/status');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('authorization')).toBe('Bearer s3cret');
    expect(await request.text()).toBe('{"externalUserId":"u-1","status":"REJECTED"}');
  });

  it.each([
    { description: 'a raw string', body: '{"status":', expected: '{"status":' },
    { description: 'bytes', body: new Uint8Array([0x7b, 0xff, 0x7d]), expected: '{\ufffd}' },
  ])('should send $description as given', async ({ body, expected }) => {
    expect(await createPoaWebhookRequest(body, { secret: 's' }).text()).toBe(expected);
  });

  it('should use the url, method and headers given, and no Authorization for a null secret', () => {
    const request = createPoaWebhookRequest('{}', {
      secret: null,
      url: 'http://localhost:3000/hooks',
      method: 'GET',
      headers: { 'X-Request-Id': 'abc' },
    });
    expect(request.url).toBe('http://localhost:3000/hooks');
    expect(request.method).toBe('GET');
    expect(request.body).toBeNull();
    expect(request.headers.get('authorization')).toBeNull();
    expect(request.headers.get('x-request-id')).toBe('abc');
  });

  it.each([
    { description: 'an empty secret', options: { secret: '' } },
    { description: 'a missing secret', options: {} },
    { description: 'a relative url', options: { secret: 's', url: '/webhook' } },
  ])('should throw a TypeError for $description', ({ options }) => {
    expect(() => createPoaWebhookRequest('{}', options as never)).toThrow(TypeError);
  });
});
