// Serves secret-binding-worker.mjs in workerd through Miniflare twice: without the P100_WEBHOOK_SECRET
// binding (as `wrangler dev` without .dev.vars, or a deployment before `wrangler secret put`), where
// every delivery must be a JSON 500 SECRET_NOT_CONFIGURED without a stack and each handler must log
// the misconfiguration once; and with it, where deliveries are 200 {}. Runs on Node 22.
// usage: node secret-binding-host.mjs <bundle.mjs> <miniflare-dir>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { equal, ok, runChecks } from './checks.mjs';

const [bundle, miniflareDir] = process.argv.slice(2);
const { Miniflare } = await import(pathToFileURL(createRequire(join(miniflareDir, 'package.json')).resolve('miniflare')).href);

const SECRET = 'binding-s3cret';
const BODY = JSON.stringify({ externalUserId: 'w-1', status: 'APPROVED' });
const ROUTES = ['/module-scope', '/per-request'];
const MISCONFIGURED = /p100-webhooks: the `secret` function returned undefined: .*500 SECRET_NOT_CONFIGURED/g;

async function serve(bindings, checks) {
  let logs = '';
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle,
    compatibilityDate: '2025-01-01',
    bindings,
    handleRuntimeStdio: (stdout, stderr) => {
      stdout.on('data', (chunk) => (logs += chunk));
      stderr.on('data', (chunk) => (logs += chunk));
    },
  });
  try {
    try {
      await mf.ready;
    } catch (error) {
      throw new Error(`${error.message}\n${logs}`);
    }
    const deliver = (route) =>
      mf.dispatchFetch(`http://worker.test${route}`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: BODY });
    return await runChecks(checks(deliver, () => logs));
  } finally {
    await mf.dispose();
  }
}

const withoutBinding = await serve({}, (deliver, logs) => [
  ...ROUTES.map((route) => [`workerd without the secret binding: ${route} answers 3 deliveries 500 SECRET_NOT_CONFIGURED in JSON`, async () => {
    for (let i = 0; i < 3; i++) {
      const response = await deliver(route);
      equal(response.status, 500, 'status');
      equal(response.headers.get('content-type'), 'application/json', 'content-type');
      const text = await response.text();
      ok(!/\bat \S+:\d+|Error:/.test(text), `no stack or error text in ${text}`);
      equal(JSON.parse(text).error?.code, 'SECRET_NOT_CONFIGURED', 'error.code');
    }
  }]),
  ['workerd without the secret binding: each handler logged the misconfiguration once, and ran no handler', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(logs().match(MISCONFIGURED)?.length ?? 0, ROUTES.length, `misconfiguration lines in:\n${logs()}`);
    ok(!logs().includes('handled'), 'no event was handled');
  }],
]);

const withBinding = await serve({ P100_WEBHOOK_SECRET: SECRET }, (deliver, logs) => [
  ...ROUTES.map((route) => [`workerd with the secret binding: ${route} answers 200 {} and runs the handler`, async () => {
    const response = await deliver(route);
    equal(response.status, 200, 'status');
    equal(await response.text(), '{}', 'body');
  }]),
  ['workerd with the secret binding: nothing logged but the handled events', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(logs().match(/handled APPROVED/g)?.length ?? 0, ROUTES.length, `handled lines in:\n${logs()}`);
    ok(!/SECRET_NOT_CONFIGURED/.test(logs()), 'no misconfiguration logged');
  }],
]);

const result = {
  passed: withoutBinding.passed + withBinding.passed,
  failed: withoutBinding.failed + withBinding.failed,
  failures: [...withoutBinding.failures, ...withBinding.failures],
};
console.log(`@@RESULT ${JSON.stringify(result)}`);
