// Fails when a file outside the Node-side entries imports `node:*` (or a bare Node built-in), or when
// the core uses a runtime global the contract does not allow.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('../src/', import.meta.url).pathname;
const nodeSide = [/^node\.ts$/, /^node\//, /^cli\.ts$/, /^cli\//];
const builtins = new Set(builtinModules);
const problems = [];

for (const file of walk(root)) {
  const rel = relative(root, file);
  if (nodeSide.some((re) => re.test(rel))) continue;
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    if (spec.startsWith('node:') || builtins.has(spec)) problems.push(`${rel}: imports ${spec}`);
  }
  if (rel.startsWith('core/') || rel === 'index.ts') {
    for (const global of ['process', 'Buffer', 'require', 'globalThis', 'crypto', 'AbortController', 'fetch']) {
      const re = new RegExp(`(?<![.\\w'"\`])${global}\\s*[.(\\[]`);
      for (const line of text.split('\n')) {
        if (!/^\s*(\/\/|\*|\/\*)/.test(line) && re.test(line)) problems.push(`${rel}: uses ${global}: ${line.trim()}`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`lint: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('lint: the core is free of Node built-ins and non-standard globals');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (path.endsWith('.ts')) yield path;
  }
}
