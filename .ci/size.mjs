// CI stage: size budgets (size-limit, min+gzip, tree-shaken, valibot included; see .size-limit.json)
// and a check that `"sideEffects": false` is true of the code: importing each built entry in a fresh
// Node process adds no global and prints nothing. Prints a Markdown table (for the README) and writes
// {passed, failed} to <out>/size.json.   usage: node .ci/size.mjs [out-dir]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, '.ci/out'));
let passed = 0;
let failed = 0;

const sizeLimit = spawnSync(join(root, 'node_modules/.bin/size-limit'), ['--json'], { cwd: root, encoding: 'utf8' });
let rows = [];
try {
  rows = JSON.parse(sizeLimit.stdout);
} catch {
  // not JSON: reported below
}
if (!Array.isArray(rows)) {
  console.log(`FAIL size-limit did not run: ${sizeLimit.stdout}${sizeLimit.stderr}`);
  rows = [];
  failed += 1;
}
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
console.log('| import (min+gzip, tree-shaken, valibot included) | size | budget |');
console.log('|---|---:|---:|');
for (const row of rows) {
  const name = row.name.replace(/ \(no budget\)$/, '');
  console.log(`| ${name} | ${kb(row.size)} | ${row.sizeLimit ? `${kb(row.sizeLimit)}${row.passed ? '' : ' ❌'}` : '—'} |`);
  if (row.sizeLimit === undefined) continue; // informational row
  if (row.passed) passed += 1;
  else failed += 1;
}

// Issue #14's rule: each extra webhook imported costs at most 0.5 kB. An `extra webhook:` entry imports
// a POA-only entry's names plus one other webhook's; the difference of the two rows is that cost.
const config = JSON.parse(readFileSync(join(root, '.size-limit.json'), 'utf8'));
const sizeOf = new Map(rows.map((row) => [row.name, row.size]));
for (const extra of config.filter((entry) => entry.name.startsWith('extra webhook:'))) {
  const first = extra.import.replace(/^\{\s*/, '').split(',')[0].trim();
  const base = config.find((entry) => entry.path === extra.path && entry.import === `{ ${first} }`);
  const cost = base && sizeOf.has(extra.name) && sizeOf.has(base.name) ? sizeOf.get(extra.name) - sizeOf.get(base.name) : undefined;
  const ok = cost !== undefined && cost <= 500;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${extra.name.replace(/ from .*$/, '')}: +${cost ?? '?'} B over ${base?.import ?? `no { ${first} } entry`} (at most 500 B)`);
  if (ok) passed += 1;
  else failed += 1;
}

// "sideEffects": false: nothing observable happens on import.
// Every entry package.json exports (the ESM build of each).
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = Object.values(pkg.exports).flatMap((e) => (typeof e === 'object' && e.import ? [e.import.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] : []));
for (const entry of entries) {
  const url = pathToFileURL(join(root, 'dist', `${entry}.js`)).href;
  // The packages it imports (peers such as bullmq) load first: what they do on import is theirs
  // (bullmq adds tslib's helpers as globals), not this package's code.
  const peers = [...readFileSync(join(root, 'dist', `${entry}.js`), 'utf8').matchAll(/from\s*["']([^."'][^"']*)["']/g)].map(([, spec]) => spec).filter((spec) => !spec.startsWith('node:'));
  const script = `${peers.map((spec) => `await import(${JSON.stringify(spec)});`).join('\n')}
const before = new Set(Reflect.ownKeys(globalThis));
await import(${JSON.stringify(url)});
const added = Reflect.ownKeys(globalThis).filter((k) => !before.has(k)).map(String);
if (added.length) { console.error('adds globals: ' + added.join(', ')); process.exit(1); }`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const ok = child.status === 0 && child.stdout === '' && child.stderr === '';
  console.log(`${ok ? 'ok  ' : 'FAIL'} sideEffects: importing dist/${entry}.js adds no global and prints nothing${ok ? '' : `: ${child.stdout}${child.stderr}`}`);
  if (ok) passed += 1;
  else failed += 1;
}

// Without a ledger, the core and the adapters load none of its code: only the `ledger` option's
// hook. Followed through every chunk each entry imports.
const LEDGER_CODE = ['decidePoaDelivery', 'createPoaLedger', 'createMemoryLedgerStore', 'mintReceiptId'];
for (const entry of ['index', 'node', 'fetch', 'lambda']) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(root, 'dist', file), 'utf8');
    for (const [, spec] of text.matchAll(/from\s*["'](\.\/[^"']+)["']/g)) visit(spec.slice(2));
  };
  visit(`${entry}.js`);
  const found = LEDGER_CODE.filter((name) => [...seen].some((file) => readFileSync(join(root, 'dist', file), 'utf8').includes(`function ${name}(`)));
  const ok = found.length === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} dist/${entry}.js and its ${seen.size - 1} chunk(s) hold no ledger code${ok ? '' : `: ${found.join(', ')}`}`);
  if (ok) passed += 1;
  else failed += 1;
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'size.json'), JSON.stringify({ passed, failed }));
console.log(`size: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
