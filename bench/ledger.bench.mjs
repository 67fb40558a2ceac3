#!/usr/bin/env node
/**
 * The delivery ledger on its real shared stores, side by side with the floor of each: one raw round
 * trip of the equivalent single statement through the same client (PostgreSQL: an upsert
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`; Redis: `SET key value NX PX`).
 *
 * - per step: the store's `claim` (the common path's one round trip) against the floor, alternating
 *   call by call on one connection, as a ratio of median latencies (target ≤ 1.3x);
 * - per delivery through `ledger.deliver`: a duplicate (claim, decide, release not awaited: one
 *   round trip before the answer) and an applied one (claim, handler, commit: two), in round trips
 *   counted by the bench and in latency against the floor;
 * - deliveries/s with 4 receiver processes (createNodeHandler with the ledger) sharing the store,
 *   driven by autocannon over 127.0.0.1 with a new user per request (every delivery applied).
 *
 * Needs the servers of the store tests (scripts/servers/postgres.sh, redis.sh): reads
 * P100_TEST_POSTGRES_URL and P100_TEST_REDIS_URL, and skips a store whose variable is unset.
 * Usage: node bench/ledger.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { fork } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import pg from 'pg';
import { median } from './side-by-side.mjs';

const quick = process.argv.includes('--quick');
const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
const SECRET = 'bench-secret-0123456789abcdef';
const PATH = '/webhook/poa-verification/status';
const ROUNDS = quick ? 400 : 3000;

async function openStore(kind, url, namespace) {
  if (kind === 'postgres') {
    const { createPostgresLedgerStore } = await import(new URL('ledger/postgres.js', dist).href);
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    let trips = 0;
    const query = (text, params) => (trips++, pool.query(text, params));
    return { store: createPostgresLedgerStore({ query, tableName: `${namespace}_ledger` }), trips: () => trips, pool, close: () => pool.end() };
  }
  const { createRedisLedgerStore } = await import(new URL('ledger/redis.js', dist).href);
  const client = new Redis(url);
  let trips = 0;
  const counted = { evalsha: (...a) => (trips++, client.evalsha(...a)), eval: (...a) => (trips++, client.eval(...a)) };
  return { store: createRedisLedgerStore({ client: counted, keyPrefix: `${namespace}:` }), trips: () => trips, client, close: () => client.quit() };
}

/** One receiver process of the throughput run. */
async function serve(kind, url) {
  const { createServer } = await import('node:http');
  const { createNodeHandler } = await import(new URL('node.js', dist).href);
  const { createPoaLedger } = await import(new URL('ledger.js', dist).href);
  const { store } = await openStore(kind, url, process.env.BENCH_NAMESPACE);
  const ledger = createPoaLedger({ store });
  const server = createServer(createNodeHandler({ secret: SECRET, ledger, onEvent: () => {} }));
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

const ms = (ns) => (ns / 1e6).toFixed(3);

async function measure(kind, url) {
  const namespace = `bench_${kind}_${process.pid}`;
  const opened = await openStore(kind, url, namespace);
  const { createPoaLedger } = await import(new URL('ledger.js', dist).href);
  const { store } = opened;
  // The floor: the equivalent single statement, one round trip on the same client.
  let floor;
  if (kind === 'postgres') {
    await opened.pool.query(`CREATE TABLE IF NOT EXISTS ${namespace}_floor (k text PRIMARY KEY, token text, until bigint)`);
    const sql = `INSERT INTO ${namespace}_floor AS f (k, token, until) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET token = EXCLUDED.token, until = EXCLUDED.until WHERE f.until <= $3 RETURNING *`;
    floor = (i) => opened.pool.query(sql, [`u-${i}`, 't', Date.now()]);
  } else {
    floor = (i) => opened.client.set(`${namespace}:floor:${i}`, 't', 'PX', 60_000, 'NX');
  }
  await store.get('warm-up'); // creates the table
  const lease = (i) => ({ token: `t-${i}`, now: Date.now(), leaseMs: 10_000, context: {} });
  const claimNs = [];
  const floorNs = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = process.hrtime.bigint();
    await floor(i);
    floorNs.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    const claim = await store.claim(`claim-${i}`, lease(i));
    claimNs.push(Number(process.hrtime.bigint() - t));
    if (claim === undefined) throw new Error('a fresh user was held');
  }
  const claimRatio = median(claimNs) / median(floorNs);

  // The same for a user who has a record (a later delivery: every status's mark set), against the
  // floor's statement on an existing row whose lease has expired (PostgreSQL: the upsert's update
  // path) or on a key whose lease has expired (Redis: SET NX of a key that is gone).
  const known = Math.min(ROUNDS, 500);
  const statuses = ['WAITING', 'REJECTED', 'QUESTIONED', 'APPROVED'];
  for (let i = 0; i < known; i++) {
    for (const [j, status] of statuses.entries()) {
      const c = await store.claim(`known-${i}`, lease(i));
      if (c === undefined || !(await c.commit({ status, round: 1, at: Date.now() - 4 + j }))) throw new Error('could not set up a known user');
    }
    await floor(`known-${i}`); // PostgreSQL: the row exists from now on
  }
  const knownNs = [];
  const knownFloorNs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const i = r % known;
    let t = process.hrtime.bigint();
    await floor(kind === 'postgres' ? `known-${i}` : `known-${r}`);
    knownFloorNs.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    const claim = await store.claim(`known-${i}`, lease(i));
    knownNs.push(Number(process.hrtime.bigint() - t));
    if (claim === undefined) throw new Error('a free user was held');
    await claim.release();
  }
  const knownRatio = median(knownNs) / median(knownFloorNs);

  const ledger = createPoaLedger({ store });
  const context = { receivedAt: new Date(), method: 'POST', url: PATH, header: () => undefined };
  const appliedNs = [];
  const duplicateNs = [];
  let appliedTrips = 0;
  let duplicateTrips = 0;
  const n = Math.min(ROUNDS, 1000);
  for (let i = 0; i < n; i++) {
    const event = { externalUserId: `delivery-${i}`, status: 'APPROVED' };
    let before = opened.trips();
    let t = process.hrtime.bigint();
    if ((await ledger.deliver(event, () => {}, { context })).decision !== 'applied') throw new Error('not applied');
    appliedNs.push(Number(process.hrtime.bigint() - t));
    await new Promise(setImmediate); // a release sent after the answer is counted with its own delivery
    appliedTrips += opened.trips() - before;
    before = opened.trips();
    t = process.hrtime.bigint();
    if ((await ledger.deliver(event, () => {}, { context })).decision !== 'duplicate') throw new Error('not a duplicate');
    duplicateNs.push(Number(process.hrtime.bigint() - t));
    await new Promise(setImmediate);
    duplicateTrips += opened.trips() - before; // the release is sent, not awaited: counted, not waited for
  }
  const f = median(floorNs);
  console.log(`${kind.padEnd(8)} floor (one ${kind === 'postgres' ? 'upsert' : 'SET NX'}) ${ms(f)} ms | claim ${ms(median(claimNs))} ms: ${claimRatio.toFixed(2)}x (target <= 1.3x): ${claimRatio <= 1.3 ? 'met' : 'NOT met'}`);
  console.log(`${''.padEnd(8)} a user with a record: floor ${ms(median(knownFloorNs))} ms | claim ${ms(median(knownNs))} ms: ${knownRatio.toFixed(2)}x`);
  console.log(
    `${''.padEnd(8)} delivery applied ${ms(median(appliedNs))} ms (${(appliedTrips / n).toFixed(1)} round trips: claim, commit; ${(median(appliedNs) / f).toFixed(2)}x the floor) | ` +
      `duplicate ${ms(median(duplicateNs))} ms (${(duplicateTrips / n).toFixed(1)} round trips sent, 1 awaited; ${(median(duplicateNs) / f).toFixed(2)}x the floor)`,
  );

  // Throughput: 4 receiver processes sharing the store.
  const children = [];
  const ports = [];
  for (let i = 0; i < 4; i++) {
    const child = fork(new URL(import.meta.url).pathname, ['--serve', kind, url], { env: { ...process.env, BENCH_NAMESPACE: `${namespace}_fleet` }, stdio: 'inherit' });
    children.push(child);
    ports.push(await new Promise((resolve) => child.once('message', (m) => resolve(m.port))));
  }
  let user = 0;
  const results = await Promise.all(
    ports.map((port) =>
      autocannon({
        url: `http://127.0.0.1:${port}${PATH}`,
        connections: 8,
        duration: quick ? 2 : 5,
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ externalUserId: `fleet-${process.pid}-${user++}`, status: 'WAITING' }) }),
          },
        ],
      }),
    ),
  );
  for (const child of children) child.kill();
  const non2xx = results.reduce((a, r) => a + r.non2xx, 0);
  const rps = results.reduce((a, r) => a + r.requests.average, 0);
  console.log(`${''.padEnd(8)} 4 receiver processes sharing it: ${Math.round(rps)} deliveries/s applied (autocannon, 4 x 8 connections), ${non2xx} not 2xx`);
  if (kind === 'postgres') await opened.pool.query(`DROP TABLE IF EXISTS ${namespace}_floor, ${namespace}_ledger, ${namespace}_fleet_ledger`);
  else {
    const keys = await opened.client.keys(`${namespace}*`);
    for (let i = 0; i < keys.length; i += 1000) await opened.client.del(...keys.slice(i, i + 1000));
  }
  await opened.close();
  return non2xx === 0; // a target missed is reported, as in the other benches; only a failed delivery fails the run
}

async function main() {
  console.log(`ledger: the store's claim against one raw round trip (median of ${ROUNDS}, alternating), deliveries, and 4 receivers`);
  let ok = true;
  let ran = 0;
  for (const [kind, variable] of [['postgres', 'P100_TEST_POSTGRES_URL'], ['redis', 'P100_TEST_REDIS_URL']]) {
    const url = process.env[variable];
    if (!url) {
      console.log(`${kind}: skipped (${variable} is not set; start the server with scripts/servers/${kind}.sh start)`);
      continue;
    }
    ran++;
    ok = (await measure(kind, url)) && ok;
  }
  process.exitCode = ok ? 0 : 1;
  if (ran === 0) console.log('ledger: no store server running, nothing measured');
}

if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4]);
else await main();
