import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/node.ts';

describe('createNodeHandler', () => {
  it('should run handlers and onError in the async context of the request (AsyncLocalStorage)', async () => {
    const store = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    let thirdSeen!: () => void;
    const third = new Promise<void>((resolve) => (thirdSeen = resolve));
    const record = (): void => {
      if (seen.push(store.getStore()) === 3) thirdSeen();
    };
    const handler = createNodeHandler({ secret: 's3cret', onEvent: record, onError: record });
    let n = 0;
    let cutOff: (() => void) | undefined;
    const server = createServer((req, res) =>
      store.run(`request-${++n}`, () => {
        void handler(req, res);
        cutOff?.();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/`;
    try {
      // Through the request's 'end' listener: an accepted delivery (onEvent), then malformed JSON (onError).
      const ok = await fetch(url, { method: 'POST', headers: { authorization: 's3cret' }, body: '{"externalUserId":"u-1","status":"WAITING"}' });
      const bad = await fetch(url, { method: 'POST', headers: { authorization: 's3cret' }, body: '{"externalUserId":' });
      expect([ok.status, bad.status]).toEqual([200, 400]);
      // Through its 'error'/'close' listener: an upload cut off mid-body, once the handler is reading it.
      const socket = connect(port, '127.0.0.1');
      cutOff = () => socket.destroy();
      socket.on('error', () => {});
      socket.write('POST / HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: s3cret\r\ncontent-length: 100\r\n\r\n{"externalUserId"');
      await third;
      expect(seen).toEqual(['request-1', 'request-2', 'request-3']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
