import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { P100_RETRY_DELAYS_MS, type PoaDeliveryAttempt, sendPoaWebhook } from '../../src/testing.ts';
import { listenOnLoopback, type RunningServer } from '../support/adapters.ts';

interface Received {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
}

const servers: RunningServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback server answering the n-th request (0-based) with `answer(n)`, recording each. */
async function scriptedServer(answer: (n: number) => { status: number; body?: string; headers?: Record<string, string> }) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
      const { status, body = '{}', headers = {} } = answer(received.length - 1);
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
    });
  });
  const running = await listenOnLoopback(server);
  servers.push(running);
  return { url: `http://127.0.0.1:${running.port}/webhook/poa-verification/status`, received };
}

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const running = await listenOnLoopback(createServer());
  await running.close();
  return running.port;
}

describe('sendPoaWebhook', () => {
  it('should POST the JSON event with content-type and a Bearer token, once', async () => {
    const { url, received } = await scriptedServer(() => ({ status: 200 }));
    const report = await sendPoaWebhook(url, { externalUserId: 'user-42', status: 'APPROVED' }, { secret: 's3cret' });
    expect(report).toMatchObject({ ok: true, status: 200 });
    expect(report.attempts).toHaveLength(1);
    expect(report.attempts[0]).toMatchObject({ attempt: 1, status: 200, ok: true, body: '{}' });
    expect(report.attempts[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', body: '{"externalUserId":"user-42","status":"APPROVED"}' });
    expect(received[0]?.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer s3cret' });
  });

  it.each([
    { failures: 0, expected: [200] },
    { failures: 1, expected: [500, 200] },
    { failures: 3, expected: [503, 500, 503, 200] },
    { failures: 4, expected: [500, 503, 500, 503, 200] },
    { failures: 5, expected: [503, 500, 503, 500, 503] },
    { failures: 9, expected: [500, 503, 500, 503, 500] },
  ])('should retry a server failing the first $failures attempts: $expected', async ({ failures, expected }) => {
    const { url, received } = await scriptedServer((n) => (n < failures ? { status: n % 2 === 0 ? expected[0] ?? 500 : expected[1] ?? 500 } : { status: 200 }));
    const seen: PoaDeliveryAttempt[] = [];
    const report = await sendPoaWebhook(url, { externalUserId: 'u', status: 'WAITING' }, {
      secret: 's',
      retry: { scale: 0.001 },
      onAttempt: (attempt) => void seen.push(attempt),
    });
    expect(report.attempts.map((a) => a.status)).toEqual(expected);
    expect(report.attempts.map((a) => a.attempt)).toEqual(expected.map((_, i) => i + 1));
    expect(report.ok).toBe(expected.at(-1) === 200);
    expect(report.status).toBe(expected.at(-1));
    expect(seen).toEqual(report.attempts);
    expect(received).toHaveLength(expected.length);
  });

  it('should pause at least the scaled P100 delays between attempts, doubling each time', async () => {
    const { url, received } = await scriptedServer(() => ({ status: 500 }));
    await sendPoaWebhook(url, '{}', { secret: 's', retry: { scale: 0.005 } }); // 40, 80, 160, 320 ms
    const gaps = received.slice(1).map((r, i) => r.at - (received[i] as Received).at);
    expect(gaps).toHaveLength(4);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((P100_RETRY_DELAYS_MS[i] as number) * 0.005 - 1));
  });

  it('should follow P100 schedule of 8, 16, 32 and 64 s with retry: true', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const calls: number[] = [];
    const promise = sendPoaWebhook('http://127.0.0.1:9/hook', '{}', {
      secret: 's',
      retry: true,
      fetch: async () => {
        calls.push(Date.now());
        return new Response('{"error":{"code":"HANDLER_FAILED"}}', { status: 500 });
      },
    });
    for (const delay of P100_RETRY_DELAYS_MS) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      const before = calls.length;
      await vi.advanceTimersByTimeAsync(1);
      expect(calls.length).toBe(before + 1);
    }
    const report = await promise;
    expect(report.attempts).toHaveLength(5);
    expect(calls.slice(1).map((t, i) => t - (calls[i] as number))).toEqual([...P100_RETRY_DELAYS_MS]);
  });

  it('should use custom delays', async () => {
    const { url } = await scriptedServer(() => ({ status: 429 }));
    const report = await sendPoaWebhook(url, '{}', { secret: 's', retry: { delays: [1, 1] } });
    expect(report.attempts.map((a) => a.status)).toEqual([429, 429, 429]);
  });

  it('should report a refused connection as an attempt without status, and retry it', async () => {
    const port = await closedPort();
    const report = await sendPoaWebhook(`http://127.0.0.1:${port}/`, '{}', { secret: 's', retry: { delays: [1] } });
    expect(report).toMatchObject({ ok: false, status: null });
    expect(report.attempts).toHaveLength(2);
    expect(report.attempts[0]).toMatchObject({ status: null, ok: false, body: '' });
    expect(report.attempts[0]?.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('should count a silent server as failed after timeoutMs', async () => {
    const server = createServer(() => {
      /* never answers */
    });
    const running = await listenOnLoopback(server);
    servers.push(running);
    const report = await sendPoaWebhook(`http://127.0.0.1:${running.port}/`, '{}', { secret: 's', timeoutMs: 50 });
    expect(report.attempts[0]).toMatchObject({ status: null, error: 'no answer within 50 ms' });
  });

  it('should not follow redirects', async () => {
    const { url, received } = await scriptedServer(() => ({ status: 302, headers: { location: '/elsewhere' } }));
    const report = await sendPoaWebhook(url, '{}', { secret: 's' });
    expect(report).toMatchObject({ ok: false, status: 302 });
    expect(received).toHaveLength(1);
  });

  it('should send no Authorization for a null secret, and raw bodies as given', async () => {
    const { url, received } = await scriptedServer(() => ({ status: 401, body: '{"error":{"code":"UNAUTHORIZED"}}' }));
    const report = await sendPoaWebhook(url, '{not json', { secret: null });
    expect(report.attempts[0]?.body).toBe('{"error":{"code":"UNAUTHORIZED"}}');
    expect(received[0]?.headers.authorization).toBeUndefined();
    expect(received[0]?.body).toBe('{not json');
  });

  it('should reject with the reason when the signal aborts during a pause', async () => {
    const { url, received } = await scriptedServer(() => ({ status: 500 }));
    const controller = new AbortController();
    const promise = sendPoaWebhook(url, '{}', {
      secret: 's',
      retry: true,
      signal: controller.signal,
      onAttempt: () => controller.abort(new Error('stop')),
    });
    await expect(promise).rejects.toThrow('stop');
    expect(received).toHaveLength(1);
  });

  it.each([
    { description: 'a relative URL', url: '/webhook', options: { secret: 's' } },
    { description: 'a non-http URL', url: 'ftp://127.0.0.1/', options: { secret: 's' } },
    { description: 'an empty secret', url: 'http://127.0.0.1:9/', options: { secret: '' } },
    { description: 'a negative scale', url: 'http://127.0.0.1:9/', options: { secret: 's', retry: { scale: -1 } } },
    { description: 'a NaN delay', url: 'http://127.0.0.1:9/', options: { secret: 's', retry: { delays: [Number.NaN] } } },
  ])('should reject with a TypeError for $description', async ({ url, options }) => {
    await expect(sendPoaWebhook(url, '{}', options as never)).rejects.toThrow(TypeError);
  });
});
