#!/usr/bin/env node
/**
 * Fetch handler cost: `createFetchHandler` against a minimal hand-written one (bench/floors.mjs: header
 * check, `request.text()`, `JSON.parse`, `new Response('{}')`), each given a fresh `Request` per
 * delivery. CPU time per delivery, the two alternating delivery by delivery (bench/side-by-side.mjs);
 * the median of the block ratios is printed with their spread. Target: at most 1.2x.
 *
 * Usage: node bench/fetch.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { pathToFileURL } from 'node:url';
import { PATH, SECRET, fetchFloor } from './floors.mjs';
import { compare, spread } from './side-by-side.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 11 : 31;
const TARGET = 1.2;
const URL_ = `https://partner.example${PATH}`;
const INIT = {
  method: 'POST',
  headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
  body: JSON.stringify({ externalUserId: 'user-0123456789', status: 'APPROVED' }),
};

const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const { createFetchHandler } = await import(new URL('fetch.js', dist).href);

let handled = 0;
const onEvent = () => void handled++;
function delivery(handler) {
  return async () => {
    const before = handled;
    const response = await handler(new Request(URL_, INIT));
    if (response.status !== 200) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
    if (handled !== before + 1) throw new Error('the handler did not run once per request');
  };
}

const { ratio, ratios, oursUs, floorUs } = await compare(
  { ours: delivery(createFetchHandler({ secret: SECRET, onEvent })), floor: delivery(fetchFloor(onEvent)) },
  { rounds: ROUNDS },
);
console.log(`Fetch (CPU time per Request, side by side, median of ${ROUNDS} blocks)`);
console.log(
  `createFetchHandler ${oursUs.toFixed(2)} µs  minimal ${floorUs.toFixed(2)} µs  ratio ${ratio.toFixed(3)}x ` +
    `(blocks ${spread(ratios, 3)}) (target <= ${TARGET}x): ${ratio <= TARGET ? 'met' : 'NOT met'}`,
);
