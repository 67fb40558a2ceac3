// Serves the bundled examples/cloudflare-workers Worker in workerd through Miniflare, with the
// P100_WEBHOOK_SECRET binding, and delivers to it with dispatchFetch. Runs on Node 22.
// usage: node example-worker-host.mjs <bundle.mjs> <miniflare-dir> <secret>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runChecks } from './checks.mjs';
import { deliveryChecks } from './examples.mjs';

const [bundle, miniflareDir, secret] = process.argv.slice(2);
const { Miniflare } = await import(pathToFileURL(createRequire(join(miniflareDir, 'package.json')).resolve('miniflare')).href);
let logs = '';
const mf = new Miniflare({
  modules: true,
  scriptPath: bundle,
  compatibilityDate: '2025-01-01',
  bindings: { P100_WEBHOOK_SECRET: secret },
  handleRuntimeStdio: (stdout, stderr) => {
    stdout.on('data', (chunk) => (logs += chunk));
    stderr.on('data', (chunk) => (logs += chunk));
  },
});
let result;
try {
  result = await runChecks(
    deliveryChecks(
      'examples/cloudflare-workers',
      (body, headers) => mf.dispatchFetch('http://worker.test/webhook/poa-verification/status', { method: 'POST', headers, body }),
      () => logs,
    ),
  );
} finally {
  await mf.dispose();
}
console.log(`@@RESULT ${JSON.stringify(result)}`);
