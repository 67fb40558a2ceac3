#!/usr/bin/env node
/**
 * Lambda handling cost: API Gateway HTTP API (v2) events (bench/floors.mjs, 8192 distinct ones, as
 * the runtime hands them over) through `createLambdaHandler`, against a minimal hand-written handler
 * that compares the token in constant time (`crypto.timingSafeEqual`, as a secure handler must),
 * decodes the body (base64 when flagged), JSON.parses it, checks the two fields and answers `{}`.
 * Plain and base64 events; CPU time per event, the two alternating event by event
 * (bench/side-by-side.mjs); the median of the block ratios is printed with their spread. Target: at
 * most 1.3x.
 *
 * Usage: node bench/lambda.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { pathToFileURL } from 'node:url';
import { SECRET, lambdaEvent, lambdaFloor } from './floors.mjs';
import { compare, spread } from './side-by-side.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 11 : 31;
const TARGET = 1.3;
const POOL = 8192;
const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];

const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const { createLambdaHandler } = await import(new URL('lambda.js', dist).href);

let handled = 0;
const onEvent = () => {
  handled++;
};
function delivery(handler, events) {
  let i = 0;
  return async () => {
    const before = handled;
    const result = await handler(events[i++ % POOL]);
    if (result.statusCode !== 200) throw new Error(`unexpected ${result.statusCode}: ${result.body}`);
    if (handled !== before + 1) throw new Error('the handler did not run once per event');
  };
}

console.log(`Lambda (CPU time per API Gateway v2 event, side by side, median of ${ROUNDS} blocks; floor: constant-time token check)`);
for (const base64 of [false, true]) {
  const events = Array.from({ length: POOL }, (_, i) => lambdaEvent(i, STATUSES[i % 4], base64));
  const { ratio, ratios, oursUs, floorUs } = await compare(
    { ours: delivery(createLambdaHandler({ secret: SECRET, onEvent }), events), floor: delivery(lambdaFloor(onEvent), events) },
    { rounds: ROUNDS, calls: 32 },
  );
  console.log(
    `${base64 ? 'base64' : 'plain '}  createLambdaHandler ${oursUs.toFixed(2)} µs  minimal ${floorUs.toFixed(2)} µs  ratio ${ratio.toFixed(3)}x ` +
      `(blocks ${spread(ratios, 3)}) (target <= ${TARGET}x): ${ratio <= TARGET ? 'met' : 'NOT met'}`,
  );
}
