#!/usr/bin/env node
/**
 * Lambda handling cost: 100k API Gateway HTTP API (v2) events through `createLambdaHandler`, against
 * a minimal hand-written handler (bench/floors.mjs) that compares the token in constant time
 * (`crypto.timingSafeEqual`, as a secure handler must), decodes the body (base64 when flagged),
 * JSON.parses it, checks the two fields and answers `{}`. Plain and base64 events, interleaved rounds;
 * the ratio of medians is printed with the spread of the per-round ratios. Target: at most 1.3x.
 *
 * Usage: node bench/lambda.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { pathToFileURL } from 'node:url';
import { SECRET, lambdaEvent, lambdaFloor, median } from './floors.mjs';

const quick = process.argv.includes('--quick');
const COUNT = quick ? 20_000 : 100_000;
const ROUNDS = quick ? 3 : 7;
const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];

const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const { createLambdaHandler } = await import(new URL('lambda.js', dist).href);

let handled = 0;
const onEvent = () => {
  handled++;
};
const p100 = createLambdaHandler({ secret: SECRET, onEvent });
const minimal = lambdaFloor(onEvent);

async function time(handler, list) {
  const before = handled;
  const start = performance.now();
  for (const event of list) {
    const result = await handler(event);
    if (result.statusCode !== 200) throw new Error(`unexpected ${result.statusCode}: ${result.body}`);
  }
  const ms = performance.now() - start;
  if (handled - before !== list.length) throw new Error('the handler did not run once per event');
  return ms;
}

console.log(`Lambda (${COUNT} API Gateway v2 events, ${ROUNDS} interleaved rounds, median; floor: constant-time token check)`);
for (const base64 of [false, true]) {
  const list = Array.from({ length: COUNT }, (_, i) => lambdaEvent(i, STATUSES[i % 4], base64));
  await time(p100, list.slice(0, 5_000)); // warm-up
  await time(minimal, list.slice(0, 5_000));
  const ours = [];
  const floor = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2) {
      floor.push(await time(minimal, list));
      ours.push(await time(p100, list));
    } else {
      ours.push(await time(p100, list));
      floor.push(await time(minimal, list));
    }
  }
  const ratio = median(ours) / median(floor);
  const perRound = ours.map((ms, i) => ms / floor[i]);
  console.log(
    `${base64 ? 'base64' : 'plain '}  createLambdaHandler ${median(ours).toFixed(1)} ms  minimal ${median(floor).toFixed(1)} ms  ` +
      `(${((median(ours) * 1000) / COUNT).toFixed(2)} vs ${((median(floor) * 1000) / COUNT).toFixed(2)} µs/event)  ` +
      `ratio ${ratio.toFixed(3)}x (per round ${Math.min(...perRound).toFixed(3)}-${Math.max(...perRound).toFixed(3)}) ` +
      `(target <= 1.3x): ${ratio <= 1.3 ? 'met' : 'NOT met'}`,
  );
}
