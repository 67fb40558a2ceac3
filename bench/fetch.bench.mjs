#!/usr/bin/env node
/**
 * Fetch handler cost: `createFetchHandler` against a minimal hand-written one (bench/floors.mjs: header
 * check, `request.text()`, `JSON.parse`, `new Response('{}')`). Each iteration builds a fresh `Request`
 * (a body can be read once) for both; interleaved rounds; the ratio of medians is printed with the
 * spread of the per-round ratios. Target: at most 1.2x.
 *
 * Usage: node bench/fetch.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { pathToFileURL } from 'node:url';
import { PATH, SECRET, fetchFloor, median } from './floors.mjs';

const quick = process.argv.includes('--quick');
const COUNT = quick ? 10_000 : 50_000;
const ROUNDS = quick ? 3 : 7;
const URL_ = `https://partner.example${PATH}`;
const BODY = JSON.stringify({ externalUserId: 'user-0123456789', status: 'APPROVED' });
const HEADERS = { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' };

const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const { createFetchHandler } = await import(new URL('fetch.js', dist).href);

let handled = 0;
const onEvent = () => void handled++;
const p100 = createFetchHandler({ secret: SECRET, onEvent });
const minimal = fetchFloor(onEvent);

async function time(handler, count) {
  const before = handled;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const response = await handler(new Request(URL_, { method: 'POST', headers: HEADERS, body: BODY }));
    if (response.status !== 200) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
  }
  const ms = performance.now() - start;
  if (handled - before !== count) throw new Error('the handler did not run once per request');
  return ms;
}

await time(p100, 2_000); // warm-up
await time(minimal, 2_000);
const ours = [];
const floor = [];
for (let round = 0; round < ROUNDS; round++) {
  if (round % 2) {
    floor.push(await time(minimal, COUNT));
    ours.push(await time(p100, COUNT));
  } else {
    ours.push(await time(p100, COUNT));
    floor.push(await time(minimal, COUNT));
  }
}
const ratio = median(ours) / median(floor);
const perRound = ours.map((ms, i) => ms / floor[i]);
console.log(`Fetch (${COUNT} Requests, ${ROUNDS} interleaved rounds, median)`);
console.log(
  `createFetchHandler ${median(ours).toFixed(1)} ms  minimal ${median(floor).toFixed(1)} ms  ` +
    `(${((median(ours) * 1000) / COUNT).toFixed(2)} vs ${((median(floor) * 1000) / COUNT).toFixed(2)} µs/request)  ` +
    `ratio ${ratio.toFixed(3)}x (per round ${Math.min(...perRound).toFixed(3)}-${Math.max(...perRound).toFixed(3)}) ` +
    `(target <= 1.2x): ${ratio <= 1.2 ? 'met' : 'NOT met'}`,
);
