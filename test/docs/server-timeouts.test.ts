/**
 * The server timeouts docs/security.md and docs/node-http.md recommend must do what they say: a
 * client that sends its headers one byte at a time is cut off about `headersTimeout` after it
 * connected. Node checks these timeouts only every `connectionsCheckingInterval` (30 s by default),
 * so the options read from the guides are used as written, on a real server on 127.0.0.1, next to
 * the same options without that interval (the snippet as 0.1.0 wrote it), which lets the client stay on.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/node.ts';
import { listenOnLoopback, WEBHOOK_PATH } from '../support/adapters.ts';

/** The options object of the guide's `createServer(` call (comment lines before it skipped): `name: 1_000` pairs. */
function guideServerOptions(doc: string): ServerOptions {
  const text = readFileSync(new URL(`../../${doc}`, import.meta.url), 'utf8');
  const call = /createServer\(\s*(?:\/\/[^\n]*\n\s*)*\{([^}]*)\}/.exec(text);
  if (!call) throw new Error(`${doc}: no createServer({ ... }) snippet`);
  const pairs = [...(call[1] ?? '').matchAll(/(\w+):\s*([\d_]+)/g)];
  return Object.fromEntries(pairs.map(([, name, value]) => [name, Number((value ?? '').replaceAll('_', ''))]));
}

/** Connects, then sends a request head one byte every 250 ms; resolves with ms until the server closed it. */
async function trickleHeaders(port: number, giveUpAfterMs: number): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = performance.now();
  const head = Buffer.from(`POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(1000)}`);
  let sent = 0;
  const trickle = setInterval(() => {
    if (!socket.destroyed && sent < head.length) socket.write(head.subarray(sent, (sent += 1)));
  }, 250);
  const closed = await Promise.race([
    new Promise<boolean>((resolve) => socket.once('close', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), giveUpAfterMs)),
  ]);
  clearInterval(trickle);
  const elapsed = performance.now() - started;
  socket.destroy();
  return closed ? elapsed : Infinity;
}

const DOCS = ['docs/security.md', 'docs/node-http.md'];
const BOUND_MS = 8_000; // headersTimeout (5 s) + connectionsCheckingInterval (1 s) + slack for a busy machine

describe('the guides server timeouts', () => {
  it.concurrent.each(DOCS)('should cut a client trickling its headers within the claimed time in %s, unlike Node’s default check interval', async (doc) => {
    const options = guideServerOptions(doc);
    expect(options).toMatchObject({ headersTimeout: 5_000, connectionsCheckingInterval: expect.any(Number) });
    const { connectionsCheckingInterval: _dropped, ...withoutInterval } = options;
    const handler = createNodeHandler({ secret: 'timeouts-secret', onEvent: () => {} });
    const fixed = await listenOnLoopback(createServer(options, handler));
    const former = await listenOnLoopback(createServer(withoutInterval, handler));
    try {
      const [fixedMs, formerMs] = await Promise.all([trickleHeaders(fixed.port, BOUND_MS), trickleHeaders(former.port, BOUND_MS)]);
      expect(fixedMs).toBeGreaterThanOrEqual(4_500);
      expect(fixedMs).toBeLessThan(BOUND_MS);
      expect(formerMs).toBe(Infinity); // still connected after 8 s: the default 30 s interval had not come round
    } finally {
      await Promise.all([fixed.close(), former.close()]);
    }
  }, 20_000);
});
