// Conformance checks of the Node-only parts of the BUILT package: `p100-webhooks/node` behind a real
// node:http server on 127.0.0.1, the CommonJS build through `require`, and the CLI. Run on Node 20,
// 22 and 24, and on Bun and Deno through their node:* compatibility.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createNodeHandler } from 'p100-webhooks/node';
import { equal, ok, SECRET, STATUSES } from './checks.mjs';

const require = createRequire(import.meta.url);

/** Starts `handler` on 127.0.0.1 and an ephemeral port; resolves to `{ url, close }`. */
function listen(handler) {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/webhook/poa-verification/status`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** One request over the loopback with the runtime's own fetch. */
async function post(url, payload, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers, body: payload });
  const text = await response.text();
  return { status: response.status, text, code: text ? JSON.parse(text)?.error?.code : undefined };
}

const cliArgv = (file, args) => (typeof globalThis.Deno !== 'undefined' ? ['run', '-A', file, ...args] : [file, ...args]);

function run(file, args, env = {}) {
  const argv = cliArgv(file, args);
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The Node-only checks, as `[name, fn]` pairs. */
export function nodeChecks() {
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);
  const seen = [];
  let server;
  const handler = createNodeHandler({
    secret: SECRET,
    maxBodyBytes: 1024,
    path: '/webhook/poa-verification/status',
    onEvent: (event) => {
      seen.push(event);
    },
  });

  check('node: createNodeHandler serves a real node:http server on 127.0.0.1', async () => {
    server = await listen(handler);
    ok(server.url.startsWith('http://127.0.0.1:'), 'listening');
  });
  for (const status of STATUSES) {
    check(`node: ${status} over the loopback is 200 {} and the handler runs once`, async () => {
      const before = seen.length;
      const response = await post(server.url, JSON.stringify({ externalUserId: 'n-1', status }), {
        authorization: `Bearer ${SECRET}`,
        'content-type': 'application/json',
      });
      equal(response.status, 200, 'status');
      equal(response.text, '{}', 'body');
      equal(seen.length, before + 1, 'handler calls');
      equal(seen.at(-1).status, status, 'event.status');
    });
  }
  check('node: no token is 401 UNAUTHORIZED', async () => {
    const before = seen.length;
    const response = await post(server.url, JSON.stringify({ externalUserId: 'n-1', status: 'APPROVED' }));
    equal(response.status, 401, 'status');
    equal(response.code, 'UNAUTHORIZED', 'error.code');
    equal(seen.length, before, 'handler calls');
  });
  check('node: not JSON is 400 INVALID_JSON', async () => {
    const response = await post(server.url, 'nope', { authorization: SECRET });
    equal(response.status, 400, 'status');
    equal(response.code, 'INVALID_JSON', 'error.code');
  });
  check('node: a body over maxBodyBytes is 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await post(server.url, 'x'.repeat(64 * 1024), { authorization: SECRET });
    equal(response.status, 413, 'status');
    equal(response.code, 'PAYLOAD_TOO_LARGE', 'error.code');
  });
  check('node: another path is 404 NOT_FOUND', async () => {
    const response = await post(server.url.replace(/status$/, 'other'), '{}', { authorization: SECRET });
    equal(response.status, 404, 'status');
    equal(response.code, 'NOT_FOUND', 'error.code');
  });

  check('cjs: require() of every entry gives the CommonJS build with the same API', async () => {
    for (const [specifier, name] of [
      ['p100-webhooks', 'safeParsePoaVerificationEvent'],
      ['p100-webhooks/node', 'createNodeHandler'],
      ['p100-webhooks/fetch', 'createFetchHandler'],
      ['p100-webhooks/lambda', 'createLambdaHandler'],
      ['p100-webhooks/testing', 'createPoaVerificationEvent'],
    ]) {
      ok(require.resolve(specifier).endsWith('.cjs'), `${specifier} resolves to .cjs under require`);
      equal(typeof require(specifier)[name], 'function', `${specifier}.${name}`);
    }
    const core = require('p100-webhooks');
    equal(core.safeParsePoaVerificationEvent('{"externalUserId":"c","status":"APPROVED"}').success, true, 'parse');
  });

  const pkgJson = require.resolve('p100-webhooks/package.json');
  const manifest = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const cli = join(dirname(pkgJson), typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['p100-webhooks']);
  check('cli: --version prints the package version and exits 0', async () => {
    const result = await run(cli, ['--version']);
    equal(result.code, 0, `exit code (stderr: ${result.stderr.trim()})`);
    ok(result.stdout.includes(manifest.version), `stdout ${JSON.stringify(result.stdout)} has ${manifest.version}`);
  });
  check('cli: send delivers to the loopback server and exits 0', async () => {
    const before = seen.length;
    const result = await run(cli, ['send', '--url', server.url, '--status', 'APPROVED', '--user-id', 'cli-1'], {
      P100_WEBHOOK_SECRET: SECRET,
    });
    equal(result.code, 0, `exit code (stderr: ${result.stderr.trim()})`);
    equal(seen.length, before + 1, 'handler calls');
    equal(seen.at(-1).externalUserId, 'cli-1', 'externalUserId');
  });
  check('cli: a bad status exits 2', async () => {
    const result = await run(cli, ['send', '--url', server.url, '--secret', SECRET, '--status', 'NOPE']);
    equal(result.code, 2, 'exit code');
  });
  check('cli: listen receives a delivery on 127.0.0.1, prints a line, and stops on SIGTERM', async () => {
    const probe = await listen(() => {});
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const child = spawn(process.execPath, cliArgv(cli, ['listen', '--port', String(port), '--secret', SECRET]), {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const waitFor = async (text) => {
      for (let i = 0; i < 150 && !output.includes(text); i += 1) await new Promise((r) => setTimeout(r, 100));
      ok(output.includes(text), `output has ${JSON.stringify(text)} (got ${JSON.stringify(output)})`);
    };
    try {
      await waitFor('Listening on');
      const response = await post(`http://127.0.0.1:${port}/webhook/poa-verification/status`,
        JSON.stringify({ externalUserId: 'listen-1', status: 'REJECTED' }), { authorization: SECRET });
      equal(response.status, 200, 'status');
      await waitFor('listen-1');
    } finally {
      child.kill('SIGTERM');
    }
    const { code, signal } = await exited;
    const stopped = `exit ${code}, signal ${signal}, output ${JSON.stringify(output)}`;
    if (typeof globalThis.Deno === 'undefined') {
      // The documented exit code of a stop by SIGTERM (128 + 15), after the server closed.
      ok(code === 143 && signal === null && output.includes('Stopped (SIGTERM) after 1 delivery.'), `stops cleanly with 143 (${stopped})`);
    } else {
      // Deno never runs the CLI's signal listener (the same on main before 0.1.0): it ends the process itself.
      ok(code === 143 || signal === 'SIGTERM', `stops on SIGTERM (${stopped})`);
    }
  });
  check('node: the server closes', async () => {
    await server?.close();
  });
  return checks;
}
