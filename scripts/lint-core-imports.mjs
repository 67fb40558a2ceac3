// Fails when a file outside the Node-side entries imports `node:*` (or a bare Node built-in), or when
// the core uses a runtime global the contract does not allow. When a build exists, it also follows
// the built core entry (`dist/index.js`, `dist/index.cjs`) through every chunk it loads and fails on
// any Node built-in there.
//
// Usage: node scripts/lint-core-imports.mjs [srcDir] [distDir]   (defaults: ./src and ./dist next to this script)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '../src'));
const dist = resolve(process.argv[3] ?? join(here, '../dist'));
const nodeSide = [/^node\.ts$/, /^node\//, /^cli\.ts$/, /^cli\//];
const builtins = new Set(builtinModules);
const isBuiltin = (spec) => spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]);
const IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"]+)['"]/g;
const GLOBALS = ['process', 'Buffer', 'require', 'globalThis', 'global', 'crypto', 'AbortController', 'fetch', '__dirname', 'setImmediate'];
const problems = [];

if (!existsSync(join(root, 'index.ts'))) {
  console.error(`lint: no index.ts in ${root}`);
  process.exit(2);
}

for (const file of walk(root)) {
  const rel = relative(root, file).split('\\').join('/');
  if (nodeSide.some((re) => re.test(rel))) continue;
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(IMPORT)) {
    if (isBuiltin(spec)) problems.push(`${rel}: imports ${spec}`);
  }
  if (rel.startsWith('core/') || rel === 'index.ts') {
    for (const global of GLOBALS) {
      const re = new RegExp(`(?<![.\\w'"\`$])${global}\\s*[.(\\[]`);
      for (const line of text.split('\n')) {
        if (!/^\s*(\/\/|\*|\/\*)/.test(line) && re.test(line)) problems.push(`${rel}: uses ${global}: ${line.trim()}`);
      }
    }
  }
}

let checkedBuild = false;
for (const entry of ['index.js', 'index.cjs']) {
  const start = join(dist, entry);
  if (!existsSync(start)) continue;
  checkedBuild = true;
  const seen = new Set();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (isBuiltin(spec)) problems.push(`dist/${relative(dist, file)} (loaded by dist/${entry}): imports ${spec}`);
      else if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
    }
  }
}

if (problems.length > 0) {
  console.error(`lint: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `lint: the core is free of Node built-ins and non-standard globals${checkedBuild ? ' (source and build)' : ' (source; no build to check)'}`,
);

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.[cm]?tsx?$/.test(path)) yield path;
  }
}
