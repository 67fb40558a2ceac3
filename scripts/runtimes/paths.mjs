// Where scripts/runtimes/install.sh puts each extra runtime. Imported by the conformance runner;
// run directly, it prints "<name> <path>" per runtime (and exits 1 if one is missing).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cache folder, outside the repo. */
export const runtimeCache = process.env.P100_RUNTIME_CACHE || join(homedir(), '.cache', 'p100-webhooks-runtimes');

/** Absolute paths of each runtime's binary (or, for the module-only runtimes, its package folder). */
export const runtimePaths = {
  node22: join(runtimeCache, 'node22/node_modules/node22/bin/node'),
  node24: join(runtimeCache, 'node24/node_modules/node24/bin/node'),
  bun: join(runtimeCache, 'bun/node_modules/@oven/bun-linux-x64/bin/bun'),
  deno: join(runtimeCache, 'deno/node_modules/@deno/linux-x64-glibc/deno'),
  miniflare: join(runtimeCache, 'miniflare/node_modules/miniflare'),
  'edge-runtime': join(runtimeCache, 'edge-runtime/node_modules/@edge-runtime/vm'),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  let missing = 0;
  for (const [name, path] of Object.entries(runtimePaths)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const ok = existsSync(path);
    if (!ok) missing += 1;
    console.log(`${name} ${path}${ok ? '' : '  (MISSING)'}`);
  }
  process.exit(missing === 0 ? 0 : 1);
}
