#!/usr/bin/env node
/**
 * Cold start: what importing `p100-webhooks/lambda` (and creating the handler) adds to a fresh Node
 * process, against a floor and an anchor.
 *
 * - floor: importing a one-line package (`export const one = 1`) by its bare name: the least any
 *   package costs to load.
 * - p100-webhooks/lambda: `import { createLambdaHandler } from 'p100-webhooks/lambda'` and one
 *   `createLambdaHandler(...)` call, as a Lambda module does at init.
 * - p100-webhooks (core): `import { safeParsePoaVerificationEvent } from 'p100-webhooks'`, for reference.
 * - @octokit/webhooks: `import { Webhooks }` and one `new Webhooks(...)`, for reference.
 *
 * Each child prints its own `performance.now()` (milliseconds since the process started) at the end of
 * its top-level code, so spawn and exit costs are left out. Targets are interleaved (the order rotates
 * every round) over many rounds; the cost is the median over rounds of (target − the floor of the
 * same round). Target: at most +2 ms for p100-webhooks/lambda. The CPU time (process.cpuUsage() at
 * the same point) is shown beside it: a loaded machine stretches wall time far more than CPU time.
 *
 * Usage: node bench/cold-start.bench.mjs [--quick]. `P100_DIST=/path/to/dist` picks another build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.P100_DIST ?? join(root, 'dist'));
const quick = process.argv.includes('--quick');
const rounds = quick ? 10 : 40;
const TARGET_MS = 2;

// A throwaway folder whose node_modules holds the three packages, each imported by its bare name.
const work = mkdtempSync(join(tmpdir(), 'p100-cold-start-'));
const modules = join(work, 'node_modules');
mkdirSync(join(modules, 'floor'), { recursive: true });
writeFileSync(join(modules, 'floor/package.json'), JSON.stringify({ name: 'floor', type: 'module', exports: './index.js' }));
writeFileSync(join(modules, 'floor/index.js'), 'export const one = 1;\n');
mkdirSync(join(modules, 'p100-webhooks'));
cpSync(join(root, 'package.json'), join(modules, 'p100-webhooks/package.json'));
// A copy, not a symlink: a symlinked dist/ outside a package would lose the package's "type": "module".
cpSync(dist, join(modules, 'p100-webhooks/dist'), { recursive: true });
symlinkSync(join(root, 'node_modules/valibot'), join(modules, 'valibot'), 'dir');
mkdirSync(join(modules, '@octokit'));
symlinkSync(join(root, 'node_modules/@octokit/webhooks'), join(modules, '@octokit/webhooks'), 'dir');

// Wall time since process start, and CPU time (user + system), which a loaded machine distorts less.
const end = 'const cpu = process.cpuUsage();\nprocess.stdout.write(`${performance.now()} ${(cpu.user + cpu.system) / 1000}`);\n';
const children = {
  floor: `import { one } from 'floor';\nglobalThis.keep = one;\n${end}`,
  'p100-webhooks/lambda': `import { createLambdaHandler } from 'p100-webhooks/lambda';\nglobalThis.keep = createLambdaHandler({ secret: 's3cret', onEvent: () => {} });\n${end}`,
  'p100-webhooks (core)': `import { safeParsePoaVerificationEvent } from 'p100-webhooks';\nglobalThis.keep = safeParsePoaVerificationEvent;\n${end}`,
  '@octokit/webhooks': `import { Webhooks } from '@octokit/webhooks';\nglobalThis.keep = new Webhooks({ secret: 's3cret' });\n${end}`,
};
const names = Object.keys(children);
const files = {};
for (const [i, name] of names.entries()) {
  files[name] = join(work, `child-${i}.mjs`);
  writeFileSync(files[name], children[name]);
}

const samples = Object.fromEntries(names.map((n) => [n, []]));
const cpuSamples = Object.fromEntries(names.map((n) => [n, []]));
try {
  for (const name of names) spawnSync(process.execPath, [files[name]], { cwd: work }); // warm the file cache
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(round + k) % names.length];
      const child = spawnSync(process.execPath, [files[name]], { cwd: work, encoding: 'utf8' });
      const [ms, cpuMs] = child.stdout.split(' ').map(Number);
      if (child.status !== 0 || !Number.isFinite(ms) || !Number.isFinite(cpuMs)) {
        throw new Error(`${name} child failed (exit ${child.status}): ${child.stderr}`);
      }
      samples[name].push(ms);
      cpuSamples[name].push(cpuMs);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const floor = median(samples.floor);
const signed = (ms) => `${ms < 0 ? '−' : '+'}${Math.abs(ms).toFixed(1)} ms`;
// The cost is the median of per-round differences (target minus the floor of the same round), which
// cancels most of the drift of a loaded machine; the plain medians are shown beside it.
const cost = (name, from = samples) => median(from[name].map((ms, i) => ms - from.floor[i]));
console.log(`cold start (Node ${process.versions.node}, ${rounds} interleaved rounds; performance.now() at the end of top-level code)`);
console.log('| import | median | cost vs floor (median of per-round differences) | CPU time cost |');
console.log('|---|---:|---:|---:|');
for (const name of names) {
  const costs = name === 'floor' ? ['—', '—'] : [signed(cost(name)), signed(cost(name, cpuSamples))];
  console.log(`| ${name} | ${median(samples[name]).toFixed(1)} ms | ${costs[0]} | ${costs[1]} |`);
}
const lambdaCost = cost('p100-webhooks/lambda');
console.log(
  `p100-webhooks/lambda cold-start cost: ${signed(lambdaCost)} (target ≤ +${TARGET_MS} ms: ${lambdaCost <= TARGET_MS ? 'met' : 'NOT met'})`,
);
