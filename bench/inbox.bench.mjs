#!/usr/bin/env node
/**
 * The inbox on its real engines, side by side with the floor of each: the engine's own raw enqueue
 * of the same job (pg-boss: `boss.send` of the message the receiver queued, with the same options;
 * BullMQ: `queue.add` of it), through the same client.
 *
 * - acknowledgement latency: one delivery answered by the receiver in inbox mode (`handlePoaWebhook`
 *   with a plain request: path, method, secret, size, JSON, payload, then the enqueue) against the
 *   raw enqueue, alternating call by call, as a ratio of median latencies (target ≤ 1.2x);
 * - over HTTP: `createNodeHandler` in inbox mode against a bare `node:http` server that reads the
 *   body and makes the raw enqueue, each driven by autocannon over 127.0.0.1 in turn (twice each,
 *   alternating), in deliveries/s and median latency;
 * - worker throughput: a backlog drained by `startPoaWorker` (concurrency 8, every delivery a new
 *   user, a handler that does nothing), without a ledger and with the PostgreSQL ledger store.
 *
 * Needs the servers of the inbox tests (scripts/servers/postgres.sh, redis.sh): reads
 * P100_TEST_POSTGRES_URL and P100_TEST_REDIS_URL, and skips an engine whose variable is unset (or,
 * for BullMQ, whose entry is not built). Usage: node bench/inbox.bench.mjs [--quick].
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { median } from './side-by-side.mjs';

const quick = process.argv.includes('--quick');
const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const SECRET = 'bench-secret-0123456789abcdef';
const PATH = '/webhook/poa-verification/status';
const ROUNDS = quick ? 300 : 2000;
const BACKLOG = quick ? 500 : 3000;
const HTTP_SECONDS = quick ? 2 : 5;

const { handlePoaWebhook } = await import(new URL('index.js', dist).href);
const { createNodeHandler } = await import(new URL('node.js', dist).href);
const { startPoaWorker } = await import(new URL('inbox.js', dist).href);
const { createPoaLedger } = await import(new URL('ledger.js', dist).href);
const { createPostgresLedgerStore } = await import(new URL('ledger/postgres.js', dist).href);

const ms = (ns) => (ns / 1e6).toFixed(3);
const request = (i) => ({
  method: 'POST',
  url: PATH,
  headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', 'user-agent': 'P100-Webhooks' },
  body: JSON.stringify({ externalUserId: `bench-${i}`, status: 'APPROVED' }),
});

/**
 * Each engine: `open(queue)` gives the inbox and the raw enqueue of one message on the same client,
 * `close()` drops what the run queued.
 */
const ENGINES = {
  async 'pg-boss'(url, queue) {
    const { createPgBossInbox } = await import(new URL('inbox/pg-boss.js', dist).href);
    const schema = 'p100_bench_pgboss';
    const boss = new PgBoss({ connectionString: url, schema, max: 8, schedule: false, supervise: false });
    boss.on('error', (error) => console.error('pg-boss:', error.message));
    await boss.start();
    const options = { queue, schema, pollingIntervalMs: 50 };
    const inbox = createPgBossInbox(boss, options);
    // What createPgBossInbox sends: the message as JSON text, its retry policy and expiry.
    const sendOptions = { retryLimit: 9, retryDelay: 1, retryBackoff: true, expireInSeconds: 60 };
    return {
      inbox,
      raw: (message) => boss.send(queue, JSON.stringify(message), sendOptions),
      async close() {
        for (const table of ['job', 'archive']) await boss.getDb().executeSql(`DELETE FROM ${schema}.${table} WHERE name = $1`, [queue]);
        await boss.deleteQueue(queue);
        await boss.stop({ graceful: false, timeout: 1_000 });
      },
    };
  },
  async bullmq(url, queue) {
    const { Queue } = await import('bullmq');
    const { createBullMqInbox } = await import(new URL('inbox/bullmq.js', dist).href);
    const connection = { url, maxRetriesPerRequest: null };
    const q = new Queue(queue, { connection });
    const inbox = createBullMqInbox(q);
    let template;
    return {
      inbox,
      // The job createBullMqInbox adds, read back from the first one it queued: its name and options.
      raw: async (message) => {
        template ??= await firstJob(q);
        return q.add(template.name, message, template.opts);
      },
      async close() {
        await q.obliterate({ force: true });
        await q.close();
      },
    };
  },
};
async function firstJob(q) {
  const [job] = await q.getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed'], 0, 0, true);
  if (!job) throw new Error('BullMQ: no job queued by the inbox to copy');
  const { name, opts } = job;
  return { name, opts: { attempts: opts.attempts, backoff: opts.backoff, removeOnComplete: opts.removeOnComplete, removeOnFail: opts.removeOnFail } };
}

async function ackLatency(engine) {
  let message;
  const inbox = { ...engine.inbox, enqueue: (m) => ((message ??= m), engine.inbox.enqueue(m)) };
  const options = { secret: SECRET, path: PATH, inbox };
  const first = await handlePoaWebhook(request('first'), options);
  if (first.status !== 200) throw new Error(`the receiver answered ${first.status} ${first.body}`);
  const ours = [];
  const floor = [];
  for (let i = 0; i < ROUNDS; i++) {
    const req = request(i);
    const sides = i % 2 ? ['floor', 'ours'] : ['ours', 'floor'];
    for (const side of sides) {
      const t = process.hrtime.bigint();
      if (side === 'ours') {
        const answer = await handlePoaWebhook(req, options);
        ours.push(Number(process.hrtime.bigint() - t));
        if (answer.status !== 200) throw new Error(`the receiver answered ${answer.status} ${answer.body}`);
      } else {
        await engine.raw({ ...message, event: { externalUserId: `raw-${i}`, status: 'APPROVED' } });
        floor.push(Number(process.hrtime.bigint() - t));
      }
    }
  }
  return { ours: median(ours), floor: median(floor) };
}

/** A server on 127.0.0.1 for `handler`; resolves to its port and its close. */
async function listen(handler) {
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))) };
}

async function drive(port, label) {
  let user = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${PATH}`,
    connections: 8,
    duration: HTTP_SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ externalUserId: `${label}-${user++}`, status: 'WAITING' }) }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} not 2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50 };
}

async function overHttp(engine) {
  const ours = await listen(createNodeHandler({ secret: SECRET, path: PATH, inbox: engine.inbox }));
  const template = { v: 1, webhook: 'poaVerificationStatus', method: 'POST', url: PATH, headers: { 'content-type': 'application/json' } };
  const floor = await listen((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      engine.raw({ ...template, event, receivedAt: Date.now() }).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
        () => res.writeHead(503).end(),
      );
    });
  });
  const runs = { ours: [], floor: [] };
  for (const side of ['ours', 'floor', 'floor', 'ours']) runs[side].push(await drive(side === 'ours' ? ours.port : floor.port, side));
  await ours.close();
  await floor.close();
  const mean = (list, key) => list.reduce((a, r) => a + r[key], 0) / list.length;
  return { ours: { rps: mean(runs.ours, 'rps'), p50: mean(runs.ours, 'p50') }, floor: { rps: mean(runs.floor, 'rps'), p50: mean(runs.floor, 'p50') } };
}

async function workerThroughput(engine, ledger) {
  for (let i = 0; i < BACKLOG; i++) await engine.inbox.enqueue({ v: 1, webhook: 'poaVerificationStatus', event: { externalUserId: `drain-${ledger ? 'l' : 'n'}-${i}`, status: 'APPROVED' }, receivedAt: Date.now(), method: 'POST', url: PATH, headers: {} });
  let done = 0;
  let resolveDone;
  const drained = new Promise((resolve) => (resolveDone = resolve));
  const started = performance.now();
  const worker = startPoaWorker({
    inbox: engine.inbox,
    concurrency: 8,
    signals: [],
    ...(ledger ? { ledger } : {}),
    onEvent: () => {
      if (++done === BACKLOG) resolveDone();
    },
    onError: (error) => console.error('worker:', error.code),
  });
  await drained;
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  return BACKLOG / seconds;
}

/** Opens the engine on a fresh queue for one phase, and drops that queue after it. */
async function onFreshQueue(name, url, phase, run) {
  const engine = await ENGINES[name](url, `p100-bench-${name}-${phase}-${process.pid}`);
  try {
    return await run(engine);
  } finally {
    await engine.close();
  }
}

async function measure(name, url) {
  const ack = await onFreshQueue(name, url, 'ack', ackLatency);
  const ratio = ack.ours / ack.floor;
  console.log(`${name.padEnd(8)} raw enqueue ${ms(ack.floor)} ms | receiver's acknowledgement ${ms(ack.ours)} ms: ${ratio.toFixed(2)}x (target <= 1.2x): ${ratio <= 1.2 ? 'met' : 'NOT met'}`);
  const http = await onFreshQueue(name, url, 'http', overHttp);
  console.log(
    `${''.padEnd(8)} over HTTP (autocannon, 8 connections): raw-enqueue server ${Math.round(http.floor.rps)} deliveries/s, p50 ${http.floor.p50.toFixed(1)} ms | ` +
      `createNodeHandler in inbox mode ${Math.round(http.ours.rps)} deliveries/s, p50 ${http.ours.p50.toFixed(1)} ms: ${(http.ours.rps / http.floor.rps).toFixed(2)}x the deliveries/s`,
  );
  const bare = await onFreshQueue(name, url, 'worker', (engine) => workerThroughput(engine));
  const pool = new pg.Pool({ connectionString: process.env.P100_TEST_POSTGRES_URL, max: 8 });
  const tableName = `bench_inbox_ledger_${process.pid}`;
  const ledger = createPoaLedger({ store: createPostgresLedgerStore({ query: (text, params) => pool.query(text, params), tableName }) });
  try {
    const withLedger = await onFreshQueue(name, url, 'ledger', (engine) => workerThroughput(engine, ledger));
    console.log(`${''.padEnd(8)} worker (concurrency 8, ${BACKLOG} queued): ${Math.round(bare)} deliveries/s without a ledger, ${Math.round(withLedger)} with the PostgreSQL ledger store`);
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${tableName}`);
    await pool.end();
  }
}

async function main() {
  console.log(`inbox: the receiver's acknowledgement against the engine's raw enqueue of the same job (median of ${ROUNDS}, alternating), over HTTP, and the worker`);
  const postgres = process.env.P100_TEST_POSTGRES_URL;
  const redis = process.env.P100_TEST_REDIS_URL;
  const bullmqBuilt = existsSync(fileURLToPath(new URL('inbox/bullmq.js', dist)));
  if (postgres) await measure('pg-boss', postgres);
  else console.log('pg-boss: skipped (P100_TEST_POSTGRES_URL is not set; start the server with scripts/servers/postgres.sh start)');
  if (!bullmqBuilt) console.log('bullmq: skipped (no dist/inbox/bullmq.js)');
  else if (!redis || !postgres) console.log('bullmq: skipped (P100_TEST_REDIS_URL and P100_TEST_POSTGRES_URL are needed)');
  else await measure('bullmq', redis);
}

await main();
