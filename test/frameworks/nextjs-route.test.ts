import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';

const SECRET = 'next-secret';
const BODY = JSON.stringify({ externalUserId: 'u-7', status: 'REJECTED' });
const calls: unknown[] = [];

// app/webhook/poa-verification/status/route.ts, as a Next.js App Router project writes it.
export const POST = createFetchHandler({ secret: SECRET, onEvent: (event) => void calls.push(event) });

describe('createFetchHandler as a Next.js route handler', () => {
  it.each([
    { description: 'accept a delivery', authorization: `Bearer ${SECRET}`, body: BODY, status: 200, calls: 1 },
    { description: 'refuse a wrong token', authorization: 'Bearer nope', body: BODY, status: 401, calls: 0 },
    { description: 'refuse an invalid payload', authorization: SECRET, body: '{"status":"REJECTED"}', status: 400, calls: 0 },
  ])('should $description', async ({ authorization, body, status, calls: expected }) => {
    calls.length = 0;
    // Next.js hands route handlers a NextRequest, a subclass of the web Request.
    const request = new Request('https://partner.example/webhook/poa-verification/status', {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body,
    });
    const response = await POST(request);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(status === 200 ? {} : expect.objectContaining({ error: expect.any(Object) }));
    expect(calls).toHaveLength(expected);
  });

  it('should read a streamed request body (duplex: half)', async () => {
    calls.length = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(BODY);
        controller.enqueue(bytes.subarray(0, 10));
        controller.enqueue(bytes.subarray(10));
        controller.close();
      },
    });
    const request = new Request('https://partner.example/hook', {
      method: 'POST',
      headers: { authorization: SECRET },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await POST(request)).status).toBe(200);
    expect(calls).toEqual([{ externalUserId: 'u-7', status: 'REJECTED' }]);
  });
});

describe('createFetchHandler in Hono', () => {
  it('should serve app.post(path, (c) => handler(c.req.raw)) through app.request()', async () => {
    calls.length = 0;
    const app = new Hono();
    app.post('/webhook/poa-verification/status', (c) => POST(c.req.raw));
    const response = await app.request('/webhook/poa-verification/status', {
      method: 'POST',
      headers: { authorization: SECRET },
      body: BODY,
    });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});
