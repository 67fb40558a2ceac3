// The runtime examples (examples/deno, examples/bun, examples/cloudflare-workers) run as a user would
// run them, against the packed tarball installed in the conformance project: Deno and Bun serve on
// 127.0.0.1 and get real HTTP deliveries; the Worker is bundled (as wrangler does) and served in
// workerd through Miniflare. Each example must answer 200 {} to the four statuses, log each event, and
// answer 401 to another secret. Used by run.mjs; the host side runs on this process's Node.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { equal, ok, runChecks, STATUSES } from './checks.mjs';

const SECRET = 'example-s3cret';
const PATH = '/webhook/poa-verification/status';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server process and resolves once it answers on the port; returns { logs, stop }. */
async function startServer(command, argv, cwd, port) {
  const child = spawn(command, argv, {
    cwd,
    env: { ...process.env, P100_WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout.on('data', (chunk) => (logs += chunk));
  child.stderr.on('data', (chunk) => (logs += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}): ${logs}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'GET' });
      return { logs: () => logs, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`did not listen on ${port} within 20 s: ${logs}`);
}

/** The delivery checks, against any `send(body, headers) => Promise<Response>`. */
function deliveryChecks(label, send, logs) {
  return [
    ...STATUSES.map((status) => [`${label}: ${status} is 200 {} and logged`, async () => {
      const response = await send(JSON.stringify({ externalUserId: `ex-${status}`, status }), { authorization: `Bearer ${SECRET}` });
      equal(response.status, 200, 'status');
      equal(await response.text(), '{}', 'body');
      await new Promise((r) => setTimeout(r, 50));
      ok(logs().includes(`ex-${status}`), `the handler logged ex-${status}`);
    }]),
    [`${label}: another secret is 401`, async () => {
      const response = await send(JSON.stringify({ externalUserId: 'ex-x', status: 'APPROVED' }), { authorization: 'nope' });
      equal(response.status, 401, 'status');
    }],
  ];
}

async function runServerExample(label, command, argv, project) {
  const port = await freePort();
  let server;
  const checks = [
    [`${label}: starts and listens on 127.0.0.1`, async () => {
      server = await startServer(command, argv, project, port);
    }],
    ...deliveryChecks(
      label,
      (body, headers) => fetch(`http://127.0.0.1:${port}${PATH}`, { method: 'POST', headers, body }),
      () => server?.logs() ?? '',
    ),
  ];
  try {
    return await runChecks(checks);
  } finally {
    await server?.stop();
  }
}

/**
 * Runs every example found under `root/examples` whose runtime was asked for.
 *
 * @returns {passed, failed}, or undefined when there is no example to run.
 */
export async function runExamples({ root, project, runtimes, paths, bundle }) {
  const total = { passed: 0, failed: 0 };
  const add = (result) => {
    total.passed += result.passed;
    total.failed += result.failed;
  };
  const deno = join(root, 'examples/deno/main.ts');
  if (runtimes.includes('deno') && existsSync(deno)) {
    console.log('\n=== example: examples/deno/main.ts on Deno');
    cpSync(deno, join(project, 'example-deno.ts'));
    add(await runServerExample('examples/deno', paths.deno, ['run', '--allow-net', '--allow-env', '--allow-read', '--no-lock', 'example-deno.ts'], project));
  }
  const bun = join(root, 'examples/bun/server.ts');
  if (runtimes.includes('bun') && existsSync(bun)) {
    console.log('\n=== example: examples/bun/server.ts on Bun');
    cpSync(bun, join(project, 'example-bun.ts'));
    add(await runServerExample('examples/bun', paths.bun, ['run', 'example-bun.ts'], project));
  }
  const worker = join(root, 'examples/cloudflare-workers/src/index.ts');
  if (runtimes.includes('workerd') && existsSync(worker)) {
    console.log('\n=== example: examples/cloudflare-workers on workerd (Miniflare)');
    cpSync(worker, join(project, 'example-worker.ts'));
    const file = await bundle('example-worker.ts', 'example-worker.bundle.mjs', 'esm', ['workerd', 'worker', 'browser'], ['cloudflare:*']);
    const child = spawnSync(paths.node22, ['example-worker-host.mjs', file, paths.miniflare, SECRET], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('@@RESULT '));
    for (const l of (child.stdout ?? '').split('\n')) if (l && !l.startsWith('@@RESULT ')) console.log(l);
    if (line) add(JSON.parse(line.slice('@@RESULT '.length)));
    else {
      console.log(`  FAIL examples/cloudflare-workers: no result (exit ${child.status}) ${child.stderr}`);
      add({ passed: 0, failed: 1 });
    }
  }
  return total.passed + total.failed === 0 ? undefined : total;
}

export { deliveryChecks, SECRET as EXAMPLE_SECRET };
