#!/usr/bin/env node
/**
 * HTTP throughput of `createNodeHandler` against a floor and an anchor, on 127.0.0.1 only.
 *
 * - floor: a bare node:http server (bench/floors.mjs) that checks the Authorization header, reads the
 *   body, JSON.parses it and answers `{}`: the least any receiver must do.
 * - p100-webhooks: `http.createServer(createNodeHandler(...))`.
 * - octokit: `@octokit/webhooks`' `createNodeMiddleware`, the anchor. It is configured to accept every
 *   delivery: the load carries the headers it requires (`x-github-event: ping`,
 *   `x-github-delivery`) and a valid `x-hub-signature-256` (HMAC-SHA256 of the body, computed once),
 *   with a no-op `ping` handler and a silent logger. It verifies that HMAC on every request, which is
 *   part of its cost.
 *
 * Each server runs in its own process; autocannon (16 connections) runs in this one against one server
 * at a time; targets are interleaved over many short rounds (the order rotates) and every round's
 * req/s is divided by the floor's of the same round: the median of those ratios is printed with
 * every round's, and the server CPU time per request beside them (steadier than req/s on a shared
 * machine). Every answer must be 2xx, otherwise the run fails.
 *
 * Usage: node bench/http.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { PATH, SECRET, nodeFloor } from './floors.mjs';
import { median } from './side-by-side.mjs';

const BODY = JSON.stringify({ externalUserId: 'user-0123456789', status: 'APPROVED' });
const TARGETS = ['floor', 'p100-webhooks', 'octokit'];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const serve = args.indexOf('--serve');

if (serve !== -1) await runServer(args[serve + 1]);
else await main();

async function runServer(target) {
  const server = createServer(await listener(target));
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  // The parent asks for CPU time around each run: server CPU per request is steadier than req/s on a shared machine.
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send(user + system);
  });
}

async function listener(target) {
  if (target === 'floor') return nodeFloor();
  if (target === 'p100-webhooks') {
    const dist = process.env.P100_DIST ? pathToFileURL(`${process.env.P100_DIST}/`) : new URL('../dist/', import.meta.url);
    const { createNodeHandler } = await import(new URL('node.js', dist).href);
    return createNodeHandler({ secret: SECRET, onEvent: () => {} });
  }
  if (target === 'octokit') {
    const { Webhooks, createNodeMiddleware } = await import('@octokit/webhooks');
    const webhooks = new Webhooks({ secret: SECRET });
    webhooks.on('ping', () => {});
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    return createNodeMiddleware(webhooks, { path: PATH, log: silent });
  }
  throw new Error(`unknown target ${target}`);
}

function headersFor(target) {
  const headers = { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' };
  if (target === 'octokit') {
    headers['x-github-event'] = 'ping';
    headers['x-github-delivery'] = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;
  }
  return headers;
}

async function startServer(target) {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve', target], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: process.env,
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`${target} server exited with ${code}`)));
  });
  return { target, port, child };
}

async function load(port, target, seconds) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${PATH}`,
    connections: 16,
    duration: seconds,
    method: 'POST',
    body: BODY,
    headers: headersFor(target),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, total: result.requests.total };
}

function cpuOf(server) {
  return new Promise((resolve) => {
    server.child.once('message', resolve);
    server.child.send('cpu');
  });
}

async function measure(server, seconds) {
  const before = await cpuOf(server);
  const { rps, total } = await load(server.port, server.target, seconds);
  const after = await cpuOf(server);
  return { rps, cpu: (after - before) / total };
}

async function main() {
  const rounds = quick ? 3 : 15;
  const seconds = quick ? 1 : 2;
  const servers = [];
  try {
    for (const target of TARGETS) servers.push(await startServer(target));
    for (const server of servers) await load(server.port, server.target, 1); // warm-up
    const results = Object.fromEntries(TARGETS.map((t) => [t, []]));
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so no target always runs first or last in a round.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) results[server.target].push(await measure(server, seconds));
    }
    const ratios = Object.fromEntries(TARGETS.map((t) => [t, results[t].map((r, i) => r.rps / results.floor[i].rps)]));
    const cpu = Object.fromEntries(TARGETS.map((t) => [t, median(results[t].map((r) => r.cpu))]));
    console.log(`HTTP (${rounds} interleaved rounds x ${seconds}s, autocannon -c 16 in the parent process, each server in its own, 127.0.0.1, body ${BODY.length} B)`);
    console.log('target          median req/s   ratio to floor   server CPU/request (floor/it)  req/s ratio of each round');
    for (const t of TARGETS) {
      const perRound = ratios[t].map((r) => r.toFixed(3)).join(' ');
      const rps = median(results[t].map((r) => r.rps));
      console.log(
        `${t.padEnd(15)} ${rps.toFixed(0).padStart(12)}   ${`${median(ratios[t]).toFixed(3)}x`.padEnd(14)}   ` +
          `${`${cpu[t].toFixed(1)} µs (${(cpu.floor / cpu[t]).toFixed(3)}x)`.padEnd(27)}   ${perRound}`,
      );
    }
    const ratio = median(ratios['p100-webhooks']);
    const spread = `rounds ${Math.min(...ratios['p100-webhooks']).toFixed(3)}-${Math.max(...ratios['p100-webhooks']).toFixed(3)}`;
    console.log(`p100-webhooks / floor = ${ratio.toFixed(3)}x req/s (${spread}) (target >= 0.95x): ${ratio >= 0.95 ? 'met' : 'NOT met'}`);
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
}
