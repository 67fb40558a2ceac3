#!/usr/bin/env node
/**
 * Lambda handling cost: 100k API Gateway HTTP API (v2) events through `createLambdaHandler`, against
 * a minimal hand-written handler that checks the header, decodes the body (base64 when flagged),
 * JSON.parses it, checks the two fields and answers `{}`. Plain and base64 events, interleaved rounds,
 * ratio of medians. Target: at most 1.3x.
 *
 * Usage: node bench/lambda.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const quick = process.argv.includes('--quick');
const COUNT = quick ? 20_000 : 100_000;
const ROUNDS = quick ? 3 : 7;
const SECRET = 'bench-secret-0123456789abcdef';
const STATUSES = new Set(['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED']);
const JSON_HEADERS = { 'content-type': 'application/json' };

const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const { createLambdaHandler } = await import(new URL('lambda.js', dist).href);

let handled = 0;
const onEvent = () => {
  handled++;
};

const p100 = createLambdaHandler({ secret: SECRET, onEvent });

/** What a careful hand-written Node Lambda does, and no more. */
async function minimal(event) {
  const auth = event.headers?.authorization;
  if (auth !== SECRET && auth !== `Bearer ${SECRET}`) return { statusCode: 401, headers: JSON_HEADERS, body: '{"error":{"code":"UNAUTHORIZED"}}' };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { statusCode: 400, headers: JSON_HEADERS, body: '{"error":{"code":"INVALID_JSON"}}' };
  }
  if (typeof value?.externalUserId !== 'string' || !STATUSES.has(value.status)) {
    return { statusCode: 400, headers: JSON_HEADERS, body: '{"error":{"code":"INVALID_PAYLOAD"}}' };
  }
  await onEvent({ externalUserId: value.externalUserId, status: value.status });
  return { statusCode: 200, headers: JSON_HEADERS, body: '{}', isBase64Encoded: false };
}

/**
 * The same minimal handler comparing the token in constant time, as the package must (and as careful
 * hand-written code does, with `crypto.timingSafeEqual`): a reference line only; the target stays
 * against `minimal`, whose `!==` returns at the first differing character.
 */
const SECRET_BYTES = Buffer.from(SECRET);
function constantTimeToken(auth) {
  if (typeof auth !== 'string') return false;
  const token = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7) : auth);
  return token.length === SECRET_BYTES.length && timingSafeEqual(token, SECRET_BYTES);
}
async function minimalConstantTime(event) {
  if (!constantTimeToken(event.headers?.authorization)) return { statusCode: 401, headers: JSON_HEADERS, body: '{"error":{"code":"UNAUTHORIZED"}}' };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { statusCode: 400, headers: JSON_HEADERS, body: '{"error":{"code":"INVALID_JSON"}}' };
  }
  if (typeof value?.externalUserId !== 'string' || !STATUSES.has(value.status)) {
    return { statusCode: 400, headers: JSON_HEADERS, body: '{"error":{"code":"INVALID_PAYLOAD"}}' };
  }
  await onEvent({ externalUserId: value.externalUserId, status: value.status });
  return { statusCode: 200, headers: JSON_HEADERS, body: '{}', isBase64Encoded: false };
}

/** Events as the Lambda runtime hands them over: parsed from the invocation's JSON. */
function events(base64) {
  const statuses = [...STATUSES];
  return JSON.parse(JSON.stringify(Array.from({ length: COUNT }, (_, i) => {
    const body = JSON.stringify({ externalUserId: `user-${i}`, status: statuses[i % 4] });
    return {
      version: '2.0',
      routeKey: 'POST /webhook/poa-verification/status',
      rawPath: '/webhook/poa-verification/status',
      rawQueryString: '',
      headers: {
        accept: '*/*',
        authorization: `Bearer ${SECRET}`,
        'content-length': String(body.length),
        'content-type': 'application/json',
        host: 'r3pmxmplak.execute-api.eu-central-1.amazonaws.com',
        'user-agent': 'P100-Webhooks/1.0',
        'x-amzn-trace-id': `Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e-${i}`,
        'x-forwarded-for': '203.0.113.10',
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
      },
      requestContext: {
        accountId: '123456789012',
        apiId: 'r3pmxmplak',
        domainName: 'r3pmxmplak.execute-api.eu-central-1.amazonaws.com',
        domainPrefix: 'r3pmxmplak',
        http: { method: 'POST', path: '/webhook/poa-verification/status', protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'P100-Webhooks/1.0' },
        requestId: `req-${i}`,
        routeKey: 'POST /webhook/poa-verification/status',
        stage: '$default',
        time: '10/Mar/2026:05:16:23 +0000',
        timeEpoch: 1773119783000 + i,
      },
      body: base64 ? Buffer.from(body).toString('base64') : body,
      isBase64Encoded: base64,
    };
  })));
}

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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log(`Lambda (${COUNT} API Gateway v2 events, ${ROUNDS} interleaved rounds, median)`);
for (const base64 of [false, true]) {
  const list = events(base64);
  await time(p100, list.slice(0, 5_000)); // warm-up
  await time(minimal, list.slice(0, 5_000));
  await time(minimalConstantTime, list.slice(0, 5_000));
  const ours = [];
  const floor = [];
  const constant = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2) {
      floor.push(await time(minimal, list));
      constant.push(await time(minimalConstantTime, list));
      ours.push(await time(p100, list));
    } else {
      ours.push(await time(p100, list));
      constant.push(await time(minimalConstantTime, list));
      floor.push(await time(minimal, list));
    }
  }
  const ratio = median(ours) / median(floor);
  const label = base64 ? 'base64' : 'plain ';
  console.log(
    `${label}  createLambdaHandler ${median(ours).toFixed(1)} ms  minimal ${median(floor).toFixed(1)} ms  ` +
      `(${((median(ours) * 1000) / COUNT).toFixed(2)} vs ${((median(floor) * 1000) / COUNT).toFixed(2)} µs/event)  ` +
      `ratio ${ratio.toFixed(3)}x (target <= 1.3x): ${ratio <= 1.3 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `        (reference: minimal with a constant-time token check ${median(constant).toFixed(1)} ms; ` +
      `createLambdaHandler / it = ${(median(ours) / median(constant)).toFixed(3)}x)`,
  );
}
