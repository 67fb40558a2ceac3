#!/usr/bin/env node
/**
 * Speed gate, a stage of .ci/run: fails when an adapter's CPU time per delivery grows grossly against
 * its floor (bench/floors.mjs, the same floors the benches divide by). Not a benchmark (`npm run bench`
 * gives the figures) and not a timed assertion: a ratio of CPU times measured side by side in one
 * process (bench/side-by-side.mjs: the two alternate delivery by delivery; the median of 15 block
 * ratios, printed with their spread), wide enough to hold on a loaded 2-core machine, tight enough to
 * catch a regression such as the per-request `AsyncResource.bind` that cut the Node adapter to 0.39x
 * the node:http floor.
 *
 * - node: `createNodeHandler` and the node:http floor each get a real `IncomingMessage` (headers and
 *   body as the HTTP parser leaves them) and a real `ServerResponse`; no socket, so only the handlers'
 *   work and Node's request/response objects are measured, not the network.
 * - fetch: `createFetchHandler` and the floor each get a fresh `Request`.
 * - lambda: `createLambdaHandler` and the floor each get API Gateway v2 events.
 * Every delivery must be answered 200 and reach the handler exactly once.
 *
 * Limits, from runs on the shared 2-core machine with a load average of 5-11 (medians; blocks):
 * node 1.23-1.37 (0.81-1.81) as merged, 4.2-5.5 (2.3-6.2) with the `AsyncResource.bind` regression,
 * limit 1.8; fetch 0.92-1.02 (0.64-1.25), limit 1.5 (a `request.clone()` in the adapter gives 1.83);
 * lambda 1.00-1.20 (0.57-1.44), limit 1.5 (one `AsyncResource.bind` in the core gives 5.0). The node
 * ratio is above the HTTP bench's because no socket or HTTP parsing is shared here.
 *
 * Usage: node bench/gate.mjs [out-dir]   (writes {passed, failed} to <out-dir>/speed-gate.json)
 *        `P100_DIST=/path/to/dist` picks another build. Exit code 0 only when every adapter is within its limit.
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PATH, SECRET, fetchFloor, lambdaEvent, lambdaFloor, nodeFloor } from './floors.mjs';
import { compare, spread } from './side-by-side.mjs';

const out = process.argv[2];
const dist = process.env.P100_DIST ? pathToFileURL(`${resolve(process.env.P100_DIST)}/`) : new URL('../dist/', import.meta.url);
const { createNodeHandler } = await import(new URL('node.js', dist).href);
const { createFetchHandler } = await import(new URL('fetch.js', dist).href);
const { createLambdaHandler } = await import(new URL('lambda.js', dist).href);

let handled = 0;
const onEvent = () => void handled++;
/** Fails unless the delivery was answered 200 and reached the handler once. */
function check(status, before) {
  if (status !== 200) throw new Error(`answered ${status}`);
  if (handled !== before + 1) throw new Error(`the delivery reached the handler ${handled - before} times`);
}
const TEXT = JSON.stringify({ externalUserId: 'user-0123456789', status: 'APPROVED' });
const BODY = Buffer.from(TEXT);

// node: a request as Node's HTTP parser leaves it (headers, raw headers, the body pushed, complete),
// answered into a ServerResponse without a socket (its output stays buffered). The unconnected
// socket is never read.
const SOCKET = new Socket();
const HEADERS = { host: '127.0.0.1', authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', 'content-length': String(BODY.length) };
const RAW_HEADERS = Object.entries(HEADERS).flat();
class Answer extends ServerResponse {
  end(...args) {
    super.end(...args);
    this.answered(this.statusCode);
    return this;
  }
}
function nodeDelivery(handler) {
  return () =>
    new Promise((resolve, reject) => {
      const before = handled;
      const req = new IncomingMessage(SOCKET);
      req.method = 'POST';
      req.url = PATH;
      req.headers = { ...HEADERS };
      req.rawHeaders = RAW_HEADERS;
      req.push(BODY);
      req.complete = true;
      req.push(null);
      const res = new Answer(req);
      res.answered = (status) => {
        try {
          check(status, before);
          resolve();
        } catch (error) {
          reject(error);
        }
      };
      handler(req, res);
    });
}

function fetchDelivery(handler) {
  const url = `https://partner.example${PATH}`;
  const init = { method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: TEXT };
  return async () => {
    const before = handled;
    check((await handler(new Request(url, init))).status, before);
  };
}

const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];
const EVENTS = Array.from({ length: 4096 }, (_, i) => lambdaEvent(i, STATUSES[i % 4], false));
function lambdaDelivery(handler) {
  let i = 0;
  return async () => {
    const before = handled;
    check((await handler(EVENTS[i++ & 4095])).statusCode, before);
  };
}

const GATES = [
  { name: 'node', limit: 1.8, calls: 8, ours: nodeDelivery(createNodeHandler({ secret: SECRET, onEvent })), floor: nodeDelivery(nodeFloor(onEvent)) },
  { name: 'fetch', limit: 1.5, calls: 8, ours: fetchDelivery(createFetchHandler({ secret: SECRET, onEvent })), floor: fetchDelivery(fetchFloor(onEvent)) },
  { name: 'lambda', limit: 1.5, calls: 32, ours: lambdaDelivery(createLambdaHandler({ secret: SECRET, onEvent })), floor: lambdaDelivery(lambdaFloor(onEvent)) },
];

let passed = 0;
let failed = 0;
const results = {};
console.log('speed gate: CPU time per delivery, handler / floor, side by side (median of 15 blocks, their spread)');
for (const gate of GATES) {
  try {
    const { ratio, ratios, oursUs, floorUs } = await compare(gate, { calls: gate.calls });
    const ok = ratio <= gate.limit;
    results[gate.name] = { ratio, ratios, limit: gate.limit, oursUs, floorUs };
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${gate.name.padEnd(6)} ${oursUs.toFixed(2).padStart(6)} µs vs floor ${floorUs.toFixed(2).padStart(6)} µs: ` +
        `${ratio.toFixed(2)}x (blocks ${spread(ratios)}), limit ${gate.limit.toFixed(2)}x`,
    );
    if (ok) passed++;
    else failed++;
  } catch (error) {
    console.log(`FAIL ${gate.name}: ${error instanceof Error ? error.message : String(error)}`);
    failed++;
  }
}
if (out !== undefined) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'speed-gate.json'), JSON.stringify({ passed, failed, results }));
}
console.log(`speed gate: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
