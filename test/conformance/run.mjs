// The conformance matrix: packs the BUILT package (`npm pack`; run `npm run build` first), installs the
// tarball into a throwaway project in a temp dir, and runs the same checks there on every runtime:
// Node 20 (this process's Node), Node 22, Node 24, Bun, Deno, workerd (Miniflare) and the Vercel edge
// runtime (@edge-runtime/vm). Extra runtimes come from scripts/runtimes/install.sh (a cache outside the
// repo). Writes {passed, failed, runtime, version} per runtime to <out>/<runtime>.json, then runs the
// Deno, Bun and Cloudflare Workers examples the same way (<out>/examples.json).
//
//   node test/conformance/run.mjs [--out .ci/out] [runtime ...]
//   runtimes: node20 node22 node24 bun deno workerd edge-runtime (default: all)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimePaths } from '../../scripts/runtimes/paths.mjs';
import { runExamples } from './examples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const ALL = ['node20', 'node22', 'node24', 'bun', 'deno', 'workerd', 'edge-runtime'];

const args = process.argv.slice(2);
let out = join(root, '.ci/out');
const wanted = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--out') out = resolve(args[++i]);
  else if (ALL.includes(args[i])) wanted.push(args[i]);
  else {
    console.error(`unknown argument ${args[i]}; runtimes: ${ALL.join(' ')}`);
    process.exit(2);
  }
}
const runtimes = wanted.length > 0 ? wanted : ALL;
mkdirSync(out, { recursive: true });
// Pessimistic placeholders: a runtime this script never reaches (a crash) still counts as a failure.
for (const runtime of runtimes) {
  writeFileSync(join(out, `${runtime}.json`), JSON.stringify({ passed: 0, failed: 1, runtime, version: 'not run' }));
}

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const sh = (cmd, argv, options = {}) => execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });

// 1. The extra runtimes (idempotent; fast when cached).
const installNames = [...new Set(runtimes.filter((r) => r !== 'node20').map((r) => (r === 'workerd' ? 'miniflare' : r)))];
if (runtimes.includes('workerd')) installNames.push('node22');
if (installNames.length > 0) {
  const install = spawnSync('bash', [join(root, 'scripts/runtimes/install.sh'), ...new Set(installNames)], { stdio: 'inherit' });
  if (install.status !== 0) console.error('runtime install failed; the affected runtimes will fail');
}

// 2. The packed tarball in a throwaway consumer project.
const work = mkdtempSync(join(tmpdir(), 'p100-conformance-'));
// --ignore-scripts: the dist/ checked above, without the `prepare` rebuild.
const packed = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root }))[0];
const tarball = join(work, packed.filename);
const project = join(work, 'project');
mkdirSync(project);
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'p100-conformance', private: true, type: 'module', dependencies: { 'p100-webhooks': `file:${tarball}` } }),
);
sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project });
for (const file of readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')) {
  cpSync(join(here, file), join(project, file));
}
console.log(`conformance: ${packed.filename} (${packed.entryCount} files) installed in ${project}`);

// 3. Bundles for workerd and the edge runtime, made from the public specifiers as wrangler/Vercel do.
async function bundle(entry, outfile, format, conditions, external = []) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    external,
    entryPoints: [join(project, entry)],
    outfile: join(project, outfile),
    absWorkingDir: project,
    bundle: true,
    format,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    target: 'es2022',
    logLevel: 'warning',
  });
  return join(project, outfile);
}

function runChild(runtime, command, argv, env = {}) {
  console.log(`\n=== ${runtime}: ${[command, ...argv].join(' ')}`);
  const child = spawnSync(command, argv, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1' },
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = child.stdout ?? '';
  const lines = stdout.split('\n');
  for (const line of lines) if (line && !line.startsWith('@@RESULT ')) console.log(line);
  const resultLine = lines.find((l) => l.startsWith('@@RESULT '));
  if (!resultLine) {
    console.log(child.stderr);
    console.log(`  FAIL ${runtime}: no result (exit ${child.status}${child.error ? `, ${child.error.message}` : ''})`);
    return { runtime, version: 'unknown', passed: 0, failed: 1 };
  }
  if (child.stderr.trim()) console.log(child.stderr.trim().split('\n').map((l) => `  stderr: ${l}`).join('\n'));
  return JSON.parse(resultLine.slice('@@RESULT '.length));
}

const nodeLike = {
  node20: [process.execPath, ['entry.mjs'], 'node@20'],
  node22: [runtimePaths.node22, ['entry.mjs'], 'node@22'],
  node24: [runtimePaths.node24, ['entry.mjs'], 'node@24'],
  bun: [runtimePaths.bun, ['entry.mjs'], 'bun'],
  deno: [runtimePaths.deno, ['run', '-A', '--no-lock', 'entry.mjs'], 'deno'],
};

let failedTotal = 0;
for (const runtime of runtimes) {
  let result;
  try {
    if (runtime in nodeLike) {
      const [command, argv, expect] = nodeLike[runtime];
      result = runChild(runtime, command, argv, { P100_EXPECT_RUNTIME: expect });
    } else if (runtime === 'workerd') {
      const file = await bundle('worker.mjs', 'worker.bundle.mjs', 'esm', ['workerd', 'worker', 'browser']);
      result = runChild(runtime, runtimePaths.node22, ['miniflare-host.mjs', file, join(runtimePaths.miniflare)]);
      // A secret read through `cloudflare:workers` at the first delivery, with and without the binding.
      const secretWorker = await bundle('secret-binding-worker.mjs', 'secret-binding-worker.bundle.mjs', 'esm', ['workerd', 'worker', 'browser'], ['cloudflare:*']);
      const secret = runChild(runtime, runtimePaths.node22, ['secret-binding-host.mjs', secretWorker, runtimePaths.miniflare]);
      result = { ...result, passed: result.passed + secret.passed, failed: result.failed + secret.failed };
    } else {
      const file = await bundle('edge.mjs', 'edge.bundle.js', 'iife', ['edge-light', 'worker', 'browser']);
      result = runChild(runtime, process.execPath, ['edge-host.mjs', file, runtimePaths['edge-runtime']]);
    }
  } catch (error) {
    console.log(`  FAIL ${runtime}: ${error.message}`);
    result = { runtime, version: 'unknown', passed: 0, failed: 1 };
  }
  console.log(`${runtime} (${result.runtime} ${result.version}): ${result.passed} passed, ${result.failed} failed`);
  writeFileSync(join(out, `${runtime}.json`), JSON.stringify({ passed: result.passed, failed: result.failed, runtime: result.runtime, version: result.version }));
  failedTotal += result.failed;
}

// 4. The runtime examples (examples/deno, examples/bun, examples/cloudflare-workers), when present.
try {
  const examples = await runExamples({ root, project, runtimes, paths: runtimePaths, bundle });
  if (examples) {
    console.log(`examples: ${examples.passed} passed, ${examples.failed} failed`);
    writeFileSync(join(out, 'examples.json'), JSON.stringify(examples));
    failedTotal += examples.failed;
  }
} catch (error) {
  console.log(`  FAIL examples: ${error.message}`);
  writeFileSync(join(out, 'examples.json'), JSON.stringify({ passed: 0, failed: 1 }));
  failedTotal += 1;
}

rmSync(work, { recursive: true, force: true });
process.exit(failedTotal === 0 ? 0 : 1);
