// Evaluates the bundled conformance script in the Vercel edge runtime (@edge-runtime/vm's EdgeVM).
// usage: node edge-host.mjs <edge-bundle.js> <@edge-runtime/vm dir>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const [bundle, vmDir] = process.argv.slice(2);
const requireFromVm = createRequire(join(vmDir, 'package.json'));
const { EdgeVM } = await import(pathToFileURL(requireFromVm.resolve('@edge-runtime/vm')).href);
const version = JSON.parse(readFileSync(join(vmDir, 'package.json'), 'utf8')).version;

const vm = new EdgeVM();
vm.evaluate(readFileSync(bundle, 'utf8'));
const result = await vm.context.__p100Result;
console.log(`runtime: ${result.name} (EdgeRuntime=${result.version}, @edge-runtime/vm ${version}, host node ${process.versions.node})`);
for (const line of result.lines) console.log(line);
const scope = vm.evaluate('[typeof process, typeof require, typeof module].join()');
if (scope !== 'undefined,undefined,undefined') {
  result.failed += 1;
  console.log(`  FAIL edge: process, require and module are undefined in the global scope (got ${scope})`);
} else {
  result.passed += 1;
  console.log('  ok   edge: process, require and module are undefined in the global scope');
}
if (result.name !== 'edge-runtime') {
  result.failed += 1;
  console.log(`  FAIL runtime: expected edge-runtime, detected ${result.name}`);
} else {
  result.passed += 1;
  console.log('  ok   runtime: running in the edge runtime');
}
console.log(`@@RESULT ${JSON.stringify({ runtime: result.name, version, passed: result.passed, failed: result.failed, failures: result.failures })}`);
