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
 * at a time, in 1 s windows: F A F B F A F B ... F (F the floor), so that every window of a target is
 * divided by the mean of the floor windows just before and after it, which cancels load that drifts
 * across the three. The median of those ratios is printed with their spread, and the same for the
 * server CPU time per request (steadier than req/s on a shared machine). Every answer must be 2xx,
 * otherwise the run fails.
 *
 * Usage: node bench/http.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { PATH, SECRET, nodeFloor } from './floors.mjs';
import { median, spread } from './side-by-side.mjs';

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
  const rounds = quick ? 6 : 20;
  const seconds = 1;
  const servers = [];
  try {
    for (const target of TARGETS) servers.push(await startServer(target));
    for (const server of servers) await load(server.port, server.target, 1); // warm-up
    // Floor windows sandwich every other window (F A F B F A F B ... F): each window is divided by
    // the mean of the two floor windows around it, which cancels load that drifts across the three.
    const [floor, ...others] = servers;
    const windows = [await measure(floor, seconds)];
    const ratios = Object.fromEntries(TARGETS.map((t) => [t, []]));
    const cpuRatios = Object.fromEntries(TARGETS.map((t) => [t, []]));
    const rps = Object.fromEntries(TARGETS.map((t) => [t, []]));
    for (let round = 0; round < rounds; round++) {
      for (const server of others) {
        const result = await measure(server, seconds);
        const after = await measure(floor, seconds);
        const before = windows.at(-1);
        windows.push(after);
        ratios[server.target].push(result.rps / ((before.rps + after.rps) / 2));
        cpuRatios[server.target].push((before.cpu + after.cpu) / 2 / result.cpu);
        rps[server.target].push(result.rps);
      }
    }
    rps.floor = windows.map((w) => w.rps);
    ratios.floor = windows.map(() => 1);
    cpuRatios.floor = windows.map(() => 1);
    const cpuUs = Object.fromEntries(TARGETS.map((t) => [t, t === 'floor' ? median(windows.map((w) => w.cpu)) : undefined]));
    console.log(
      `HTTP (${rounds} rounds, ${seconds} s windows, each between two floor windows; autocannon -c 16 in the parent process, ` +
        `each server in its own; 127.0.0.1, body ${BODY.length} B)`,
    );
    console.log('target          median req/s   req/s ratio to floor: median (spread)   server CPU/request: floor / it, median (spread)');
    for (const t of TARGETS) {
      const r = ratios[t];
      const c = cpuRatios[t];
      console.log(
        `${t.padEnd(15)} ${median(rps[t]).toFixed(0).padStart(12)}   ${`${median(r).toFixed(3)}x (${spread(r, 3)})`.padEnd(36)}   ` +
          `${median(c).toFixed(3)}x (${spread(c, 3)})${t === 'floor' ? `, floor ${cpuUs.floor.toFixed(1)} µs` : ''}`,
      );
    }
    const ratio = median(ratios['p100-webhooks']);
    console.log(`p100-webhooks / floor = ${ratio.toFixed(3)}x req/s (rounds ${spread(ratios['p100-webhooks'], 3)}) (target >= 0.95x): ${ratio >= 0.95 ? 'met' : 'NOT met'}`);
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
}
