#!/usr/bin/env node
/**
 * Stress run: a real `createNodeHandler` server on 127.0.0.1 receives N valid deliveries over C
 * concurrent keep-alive connections, then a mixed stream of N deliveries of which a share are hostile.
 * It checks that every valid delivery is answered 200 and reaches the handler exactly once, that every
 * hostile one is refused with its documented status and never reaches the handler, that nothing is
 * logged, and that memory returns to where it started.
 *
 *   node --expose-gc bench/stress.mjs [--size 100000] [--concurrency 100] [--hostile 0.2]
 *                                     [--timeout-ms 600000] [--json]
 *
 * `npm run stress` runs the full size. The code under test is `src/node.ts`, bundled on the fly with
 * esbuild into a temporary directory (dist/ is not touched). Exit code 0 only when every check holds.
 * Nothing here asserts on time: durations are reported, not judged.
 */
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '100' },
    hostile: { type: 'string', default: '0.2' },
    'timeout-ms': { type: 'string', default: '600000' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write('usage: node --expose-gc bench/stress.mjs [--size N] [--concurrency C] [--hostile RATIO] [--timeout-ms MS] [--json]\n');
  process.exit(0);
}
const SIZE = Number(flags.size);
const CONCURRENCY = Number(flags.concurrency);
const HOSTILE_RATIO = Number(flags.hostile);
const TIMEOUT_MS = Number(flags['timeout-ms']);
for (const [name, value] of Object.entries({ SIZE, CONCURRENCY, HOSTILE_RATIO, TIMEOUT_MS })) {
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`stress: invalid ${name}\n`);
    process.exit(2);
  }
}

const SECRET = 'stress-secret-0123456789abcdef';
const MAX_BODY_BYTES = 4096;
const PATH = '/webhook/poa-verification/status';
const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];
const log = (line) => process.stderr.write(`stress: ${line}\n`);

const timer = setTimeout(() => {
  log(`timed out after ${TIMEOUT_MS} ms`);
  process.exit(1);
}, TIMEOUT_MS);
timer.unref();

// The code under test, from src/ (no build of dist/ needed).
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = mkdtempSync(join(tmpdir(), 'p100-stress-'));
await build({
  entryPoints: [join(root, 'src', 'node.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(outdir, 'node.mjs'),
  logLevel: 'silent',
});
const { createNodeHandler } = await import(pathToFileURL(join(outdir, 'node.mjs')).href);
rmSync(outdir, { recursive: true, force: true });

/** Whatever the process logs while the server runs: must stay empty. */
const logged = [];
for (const level of ['error', 'warn']) {
  console[level] = (...args) => void logged.push(`${level}: ${args.map(String).join(' ')}`);
}
process.on('unhandledRejection', (reason) => void logged.push(`unhandledRejection: ${String(reason)}`));

/** The handler's view: how often each externalUserId arrived, and every onError. */
let seen = new Map();
let handlerCalls = 0;
let onErrors = [];
const handler = createNodeHandler({
  secret: SECRET,
  maxBodyBytes: MAX_BODY_BYTES,
  onEvent: async (event) => {
    handlerCalls++;
    seen.set(event.externalUserId, (seen.get(event.externalUserId) ?? 0) + 1);
  },
  onError: (error) => void onErrors.push(error.code),
});
const server = createServer(handler);
let clientErrors = 0;
server.on('clientError', (error, socket) => {
  clientErrors++;
  socket.destroy(error);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

/** The hostile kinds of the mixed stream, each with the answer it must get. */
const HOSTILE = [
  { kind: 'wrong-token', status: 401, code: 'UNAUTHORIZED', make: (id) => ({ headers: { authorization: `Bearer ${SECRET.slice(0, -1)}x` }, body: valid(id) }) },
  { kind: 'no-token', status: 401, code: 'UNAUTHORIZED', make: (id) => ({ headers: {}, body: valid(id) }) },
  { kind: 'repeated-token', status: 401, code: 'UNAUTHORIZED', make: (id) => ({ headers: { authorization: [`Bearer ${SECRET}`, `Bearer ${SECRET}`] }, body: valid(id) }) },
  { kind: 'get', status: 405, code: 'METHOD_NOT_ALLOWED', make: () => ({ method: 'GET', headers: auth() }) },
  { kind: 'empty', status: 400, code: 'EMPTY_BODY', make: () => ({ headers: auth(), body: '' }) },
  { kind: 'not-json', status: 400, code: 'INVALID_JSON', make: (id) => ({ headers: auth(), body: `{"externalUserId":"${id}","status":` }) },
  { kind: 'wrong-shape', status: 400, code: 'INVALID_PAYLOAD', make: (id) => ({ headers: auth(), body: JSON.stringify({ externalUserId: [id], status: 'APPROVED' }) }) },
  { kind: 'unknown-status', status: 400, code: 'UNKNOWN_STATUS', make: (id) => ({ headers: auth(), body: JSON.stringify({ externalUserId: id, status: 'approved' }) }) },
  { kind: 'proto', status: 400, code: 'INVALID_PAYLOAD', make: (id) => ({ headers: auth(), body: `{"__proto__":{"externalUserId":"${id}","status":"APPROVED"}}` }) },
  { kind: 'oversized', status: 413, code: 'PAYLOAD_TOO_LARGE', make: (id) => ({ headers: auth(), body: JSON.stringify({ externalUserId: id, status: 'APPROVED', pad: 'x'.repeat(2 * MAX_BODY_BYTES) }) }) },
];
function auth() {
  return { authorization: `Bearer ${SECRET}` };
}
function valid(id) {
  return JSON.stringify({ externalUserId: id, status: STATUSES[id.length % 4] });
}

/** Sends one delivery on the keep-alive agent; resolves `{ status, body }` or `{ error }`. */
function send(agent, { method = 'POST', headers, body }) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const all = { ...headers };
    if (payload !== undefined) {
      all['content-type'] = 'application/json';
      all['content-length'] = String(payload.length);
    }
    const req = httpRequest({ host: '127.0.0.1', port, method, path: PATH, headers: all, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ error: error.code ?? String(error) }));
    });
    req.on('error', (error) => resolve({ error: error.code ?? String(error) }));
    req.end(payload);
  });
}

/** Runs `size` deliveries through `concurrency` workers sharing one keep-alive agent. */
async function phase(name, size, hostileRatio) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const hostileEvery = hostileRatio > 0 ? Math.round(1 / hostileRatio) : 0;
  const result = { name, size, valid: 0, hostile: 0, accepted: 0, refusedAsDocumented: 0, wrong: [], transportErrors: 0, durationMs: 0 };
  const expectedIds = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let i = next++; i < size; i = next++) {
      const isHostile = hostileEvery > 0 && i % hostileEvery === 0;
      if (isHostile) {
        result.hostile++;
        const kind = HOSTILE[(i / hostileEvery) % HOSTILE.length];
        const answer = await send(agent, kind.make(`${name}-h-${i}`));
        if (answer.error !== undefined) result.transportErrors++;
        if (answer.status === kind.status && safeCode(answer.body) === kind.code) result.refusedAsDocumented++;
        else if (result.wrong.length < 20) result.wrong.push({ i, kind: kind.kind, answer });
      } else {
        result.valid++;
        const id = `${name}-v-${i}`;
        expectedIds.push(id);
        const answer = await send(agent, { headers: auth(), body: valid(id) });
        if (answer.error !== undefined) result.transportErrors++;
        if (answer.status === 200 && answer.body === '{}') result.accepted++;
        else if (result.wrong.length < 20) result.wrong.push({ i, kind: 'valid', answer });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  result.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  result.perSecond = Math.round((size / result.durationMs) * 1000);
  agent.destroy();
  // Exactly once: every valid id seen once, no hostile id seen at all, no other call.
  result.handlerCalls = handlerCalls;
  result.seenOnce = expectedIds.filter((id) => seen.get(id) === 1).length;
  result.seenHostile = [...seen.keys()].filter((id) => id.includes('-h-')).length;
  result.onErrors = onErrors.length;
  result.ok =
    result.accepted === result.valid &&
    result.refusedAsDocumented === result.hostile &&
    result.handlerCalls === result.valid &&
    result.seenOnce === result.valid &&
    seen.size === result.valid &&
    result.seenHostile === 0 &&
    result.onErrors === result.hostile &&
    result.transportErrors === 0;
  seen = new Map();
  handlerCalls = 0;
  onErrors = [];
  return result;
}

function safeCode(body) {
  try {
    return JSON.parse(body).error.code;
  } catch {
    return undefined;
  }
}

async function settle() {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    globalThis.gc?.();
  }
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapUsedMB: heapUsed / 2 ** 20, externalMB: external / 2 ** 20, rssMB: rss / 2 ** 20 };
}

// Warm up so the baseline includes compiled code and the server's steady state, not the run.
await phase('warmup', Math.min(500, SIZE), HOSTILE_RATIO);
const before = await settle();
log(`valid phase: ${SIZE} deliveries over ${CONCURRENCY} keep-alive connections`);
const validPhase = await phase('valid', SIZE, 0);
log(`valid phase: ${validPhase.perSecond}/s, ok=${validPhase.ok}`);
log(`mixed phase: ${SIZE} deliveries, ${HOSTILE_RATIO * 100}% hostile`);
const mixedPhase = await phase('mixed', SIZE, HOSTILE_RATIO);
log(`mixed phase: ${mixedPhase.perSecond}/s, ok=${mixedPhase.ok}`);
server.closeIdleConnections?.();
const after = await settle();
await new Promise((resolve) => server.close(resolve));

const memory = {
  gcExposed: typeof globalThis.gc === 'function',
  before,
  after,
  heapDeltaMB: after.heapUsedMB + after.externalMB - (before.heapUsedMB + before.externalMB),
};
const report = {
  size: SIZE,
  concurrency: CONCURRENCY,
  hostileRatio: HOSTILE_RATIO,
  valid: validPhase,
  mixed: mixedPhase,
  memory,
  clientErrors,
  logged,
  ok: validPhase.ok && mixedPhase.ok && memory.heapDeltaMB < 20 && clientErrors === 0 && logged.length === 0,
};
if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  const row = (p) =>
    `${p.name.padEnd(6)} ${String(p.size).padStart(7)} sent  ${String(p.accepted).padStart(7)} accepted  ${String(p.refusedAsDocumented).padStart(6)} refused  handler ${p.handlerCalls}  ${p.perSecond}/s  ${p.ok ? 'ok' : 'FAILED'}`;
  process.stdout.write(
    [
      row(validPhase),
      row(mixedPhase),
      `memory (heap+external, after gc${memory.gcExposed ? '' : ' - run with --expose-gc'}): ${before.heapUsedMB.toFixed(1)}+${before.externalMB.toFixed(1)} MB -> ${after.heapUsedMB.toFixed(1)}+${after.externalMB.toFixed(1)} MB (delta ${memory.heapDeltaMB.toFixed(1)} MB); rss ${before.rssMB.toFixed(0)} -> ${after.rssMB.toFixed(0)} MB`,
      `client errors ${clientErrors}, logged ${logged.length}: ${report.ok ? 'ok' : 'FAILED'}`,
      '',
    ].join('\n'),
  );
  for (const p of [validPhase, mixedPhase]) for (const w of p.wrong) process.stdout.write(`  wrong answer: ${JSON.stringify(w)}\n`);
}
clearTimeout(timer);
process.exitCode = report.ok ? 0 : 1;
