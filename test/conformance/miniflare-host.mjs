// Serves the bundled conformance Worker in workerd through Miniflare and calls it with dispatchFetch.
// Runs on Node 22 (Miniflare 4 needs Node >= 22).  usage: node miniflare-host.mjs <worker-bundle.mjs> <miniflare-dir>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { equal, ok, runChecks, SECRET, STATUSES } from './checks.mjs';

const [bundle, miniflareDir] = process.argv.slice(2);
const requireFromMiniflare = createRequire(join(miniflareDir, 'package.json'));
const { Miniflare } = await import(pathToFileURL(requireFromMiniflare.resolve('miniflare')).href);
const workerdVersion = JSON.parse(readFileSync(requireFromMiniflare.resolve('workerd/package.json'), 'utf8')).version;
const miniflareVersion = JSON.parse(readFileSync(join(miniflareDir, 'package.json'), 'utf8')).version;

console.log(`runtime: workerd ${workerdVersion} (miniflare ${miniflareVersion}, host node ${process.versions.node})`);

const mf = new Miniflare({
  modules: true,
  scriptPath: bundle,
  compatibilityDate: '2025-01-01',
});
const url = 'http://worker.test/webhook/poa-verification/status';
const post = (body, headers = {}) => mf.dispatchFetch(url, { method: 'POST', headers, body });
const codeOf = async (response) => (await response.json())?.error?.code;

let inner;
const checks = [
  ['workerd: the checks inside the Worker ran on workerd without process', async () => {
    const response = await mf.dispatchFetch('http://worker.test/__checks');
    inner = await response.json();
    equal(inner.name, 'workerd', 'runtime detected inside the Worker');
    equal(inner.hasProcess, false, 'process exists');
  }],
  ...STATUSES.map((status) => [`workerd: dispatchFetch ${status} is 200 {} and the handler runs`, async () => {
    const response = await post(JSON.stringify({ externalUserId: 'w-1', status }), { authorization: `Bearer ${SECRET}` });
    equal(response.status, 200, 'status');
    equal(await response.text(), '{}', 'body');
    const events = await (await mf.dispatchFetch('http://worker.test/__events')).json();
    equal(events.at(-1)?.status, status, 'last event status');
  }]),
  ['workerd: dispatchFetch without a token is 401 UNAUTHORIZED', async () => {
    const response = await post(JSON.stringify({ externalUserId: 'w-1', status: 'APPROVED' }));
    equal(response.status, 401, 'status');
    equal(await codeOf(response), 'UNAUTHORIZED', 'error.code');
  }],
  ['workerd: dispatchFetch with a non-JSON body is 400 INVALID_JSON', async () => {
    const response = await post('{oops', { authorization: SECRET });
    equal(response.status, 400, 'status');
    equal(await codeOf(response), 'INVALID_JSON', 'error.code');
  }],
  ['workerd: dispatchFetch with a body over maxBodyBytes is 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await post('x'.repeat(8192), { authorization: SECRET });
    equal(response.status, 413, 'status');
    equal(await codeOf(response), 'PAYLOAD_TOO_LARGE', 'error.code');
    const events = await (await mf.dispatchFetch('http://worker.test/__events')).json();
    ok(events.length === STATUSES.length, `handler ran once per accepted delivery (${events.length})`);
  }],
];
let result;
try {
  result = await runChecks(checks);
} finally {
  await mf.dispose();
}
if (inner) {
  for (const line of inner.lines) console.log(line);
  result.passed += inner.passed;
  result.failed += inner.failed;
  result.failures.push(...inner.failures);
}
console.log(`@@RESULT ${JSON.stringify({ runtime: 'workerd', version: workerdVersion, ...result })}`);
