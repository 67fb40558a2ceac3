import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/node.ts';

describe('createNodeHandler', () => {
  it('should run handlers and onError in the async context of the request (AsyncLocalStorage)', async () => {
    const store = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const handler = createNodeHandler({
      secret: 's3cret',
      onEvent: () => void seen.push(store.getStore()),
      onError: () => void seen.push(store.getStore()),
    });
    let n = 0;
    const server = createServer((req, res) => store.run(`request-${++n}`, () => void handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const ok = await fetch(url, { method: 'POST', headers: { authorization: 's3cret' }, body: '{"externalUserId":"u-1","status":"WAITING"}' });
      const bad = await fetch(url, { method: 'POST', headers: { authorization: 's3cret' }, body: '{"externalUserId":' });
      expect([ok.status, bad.status]).toEqual([200, 400]);
      expect(seen).toEqual(['request-1', 'request-2']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
