// Follows the Quick start and every guide the way a reader does, and checks that they work. For each
// guide: an empty folder outside the repository; the files the guide shows, written exactly as shown;
// its commands run as shown, in document order (bash; set-up blocks must succeed), the server left
// running in "terminal 1" and the lines the guide says each terminal prints waited for and matched.
// Then, against that server: it listens on 127.0.0.1 only; the four statuses delivered with the CLI
// (`npx p100-webhooks send`) and with curl as P100's docs write it are each answered 200 {} and
// printed by the handler; a wrong token is answered 401 and not handled. Last, the server is started
// once more without the secret: read per delivery (`secret: () => …`), every delivery must be a JSON
// 500 SECRET_NOT_CONFIGURED, logged once; read at start-up, it must stop with a TypeError. The Lambda
// guide's built handler is invoked with the testing kit's events of every kind instead. The block
// convention is in guide-blocks.mjs.
//
// The only change to what the reader types: the install source `p100-webhooks` (a dependency in a
// package.json, or an argument of `npm install` / `bun add`) becomes the tarball `npm pack` made from
// this checkout, and the version range the guide pins must accept it. Deno reads `npm:` specifiers
// from a loopback registry that serves the same tarball. The extra runtimes come from
// scripts/runtimes/install.sh (a cache outside the repo); npm uses its usual (shared) cache, and a
// project whose dependencies were installed before for another guide starts from a hard-linked copy.
//
//   node test/guides/run-guides.mjs [--out .ci/out] [--keep] [--jobs 2] [guide ...]   (run `npm run build` first)
//   guides: README node-http express ... (a file name under docs/ without .md); default: all
// Writes {passed, failed, seconds} to <out>/guides.json.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimePaths } from '../../scripts/runtimes/paths.mjs';
import { isFile, readBlocks } from './guide-blocks.mjs';
import { startLocalRegistry } from './local-registry.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];
const LAMBDA_FORMATS = ['apigw-v1', 'apigw-v2', 'alb', 'function-url'];

/**
 * Every guide that is followed. `runtimes`: what scripts/runtimes/install.sh must provide (bun and
 * deno go on PATH; node22 replaces Node 20 on PATH for that guide). `lambda`: the built handler that
 * is invoked with the testing kit's events, as Lambda would.
 */
const GUIDES = [
  { doc: 'README.md' },
  { doc: 'docs/node-http.md' },
  { doc: 'docs/express.md' },
  { doc: 'docs/fastify.md' },
  { doc: 'docs/hono.md' },
  { doc: 'docs/nextjs.md' },
  { doc: 'docs/bun.md', runtimes: ['bun'] },
  { doc: 'docs/deno.md', runtimes: ['deno'] },
  { doc: 'docs/cloudflare-workers.md', runtimes: ['node22'] },
  { doc: 'docs/aws-lambda.md', lambda: { file: 'dist/handler.mjs', export: 'handler' } },
  { doc: 'docs/testing.md' },
];
/** Guides that are not a project to follow, and why. Every other docs/*.md must be in GUIDES. */
const NOT_FOLLOWED = {
  'docs/migrating.md': 'changes inside an existing app; its blocks are type-checked by test/docs/code-blocks.test.ts',
  'docs/security.md': 'explains guarantees; its blocks are type-checked by test/docs/code-blocks.test.ts',
  'docs/ledger.md': 'explains the ledger; its blocks are type-checked by test/docs/code-blocks.test.ts, and the demo runs it (test/cli/demo.test.ts)',
  'docs/ledger-stores.md': 'reference of each store; its blocks are type-checked by test/docs/code-blocks.test.ts, and each store is tested against its real server',
  'docs/inbox.md': 'explains the inbox and the worker; its blocks are type-checked by test/docs/code-blocks.test.ts, and the demo runs them (test/cli/demo.test.ts --inbox)',
  'docs/inbox-pg-boss.md': 'reference of the pg-boss engine; its blocks are type-checked by test/docs/code-blocks.test.ts, and the engine is tested against the real PostgreSQL (test/inbox/pg-boss-inbox.test.ts)',
  'docs/inbox-bullmq.md': 'reference of the BullMQ engine; its blocks are type-checked by test/docs/code-blocks.test.ts, and the engine is tested against the real Redis (test/inbox/bullmq-inbox.test.ts)',
  'docs/webhooks.md': 'routes several webhooks on one server (this runner delivers POA statuses only); its blocks are type-checked by test/docs/code-blocks.test.ts, and every route, answer and start-up TypeError it shows runs through the core and every adapter in test/adapters/routing.test.ts',
};

// --- arguments -------------------------------------------------------------------------------------
const args = process.argv.slice(2);
let out = join(root, '.ci/out');
let keep = false;
let jobs = 2;
const wanted = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--out') out = resolve(args[++i]);
  else if (args[i] === '--keep') keep = true;
  else if (args[i] === '--jobs') jobs = Math.max(1, Number(args[++i]) || 1);
  else wanted.push(args[i]);
}
const nameOf = (doc) => doc.replace(/^docs\//, '').replace(/\.md$/, '');
const unknown = wanted.filter((w) => !GUIDES.some((g) => nameOf(g.doc) === w));
if (unknown.length > 0) {
  console.error(`unknown guide ${unknown.join(', ')}; guides: ${GUIDES.map((g) => nameOf(g.doc)).join(' ')}`);
  process.exit(2);
}
const guides = wanted.length > 0 ? GUIDES.filter((g) => wanted.includes(nameOf(g.doc))) : GUIDES;
mkdirSync(out, { recursive: true });
const report = join(out, 'guides.json');
writeFileSync(report, JSON.stringify({ passed: 0, failed: 1, note: 'did not finish' }));

// --- checks ----------------------------------------------------------------------------------------
const results = [];
/**
 * The guide running in this async context: its own log (printed in one piece when it ends, as two
 * guides run side by side) and the processes it started.
 */
const current = new AsyncLocalStorage();
const log = (line) => (current.getStore()?.lines.push(line) ?? console.log(line));
/** Runs one named check; a thrown error is its failure. @returns {Promise<boolean>} */
async function check(name, fn) {
  const started = performance.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`  ok    ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return true;
  } catch (error) {
    results.push({ name, ok: false });
    log(`  FAIL  ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${indent(error instanceof Error ? error.message : String(error))}`);
    return false;
  }
}
const indent = (text) => text.split('\n').map((l) => `        ${l}`).join('\n');
const tail = (text, n = 40) => text.trimEnd().split('\n').slice(-n).join('\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// eslint-disable-next-line no-control-regex
const plain = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** Whether `version` is in `range`: the guides pin `^x.y.z` (`~x.y.z` and exact versions work too). */
function satisfies(version, range) {
  const parts = /^([\^~]?)(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!parts) return false;
  const [, op, ...rest] = parts;
  const want = rest.map(Number);
  const have = version.split('-')[0].split('.').map(Number);
  const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  if (cmp(have, want) < 0) return false;
  if (op === '~') return have[0] === want[0] && have[1] === want[1];
  if (op === '^' && want[0] > 0) return have[0] === want[0];
  if (op === '^' && want[1] > 0) return have[0] === 0 && have[1] === want[1];
  return cmp(have, want) === 0;
}

/**
 * Checks that `expected` (a text block) appears in `output` as an ordered sequence of lines from
 * `from` on; "…" in an expected line matches anything. @returns {number | undefined} the output line
 * after the last match, or undefined when a line is missing.
 */
function matchLines(expected, output, from = 0) {
  const lines = plain(output).split('\n').map((l) => l.trim());
  let at = from;
  for (const want of expected.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const pattern = new RegExp(`^${want.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    while (at < lines.length && !pattern.test(lines[at])) at += 1;
    if (at >= lines.length) return undefined;
    at += 1;
  }
  return at;
}

// --- processes -------------------------------------------------------------------------------------
const started = new Set();
/** Starts `bash -c script` in a process group of its own (stopped as a whole); output collected. */
function startBash(script, cwd, env, { errexit = true } = {}) {
  const options = errexit ? ['-e', '-o', 'pipefail'] : [];
  const child = spawn('bash', [...options, '-c', script], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = { child, output: '', code: undefined };
  child.stdout.on('data', (chunk) => (proc.output += chunk));
  child.stderr.on('data', (chunk) => (proc.output += chunk));
  proc.exited = new Promise((resolveExit) => child.once('close', (code, signal) => resolveExit((proc.code = code ?? signal))));
  proc.stop = async () => {
    // The whole group, also after bash itself ended: servers it started (next-server, workerd) stay in it.
    try { process.kill(-child.pid, 'SIGTERM'); } catch {}
    if (proc.code !== undefined) return void started.delete(proc);
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 10_000);
    await proc.exited;
    clearTimeout(timer);
    started.delete(proc);
  };
  started.add(proc);
  current.getStore()?.procs.add(proc);
  return proc;
}
/**
 * Runs a script to completion; throws with its output unless it exits 0. `errexit`: stop at the
 * first failing command (set-up steps); without it every command runs, as typed one by one, only a
 * timeout fails it, and the lines the guide says it prints are the check. @returns {Promise<string>} its output.
 */
async function runBash(script, cwd, env, { errexit = true, timeoutMs = 600_000 } = {}) {
  const proc = startBash(script, cwd, env, { errexit });
  const timer = setTimeout(() => void proc.stop(), timeoutMs);
  await proc.exited;
  clearTimeout(timer);
  started.delete(proc);
  if (proc.code !== 0 && (errexit || typeof proc.code !== 'number')) throw new Error(`exit ${proc.code}:\n${tail(plain(proc.output))}`);
  return proc.output;
}
const stopAll = async () => Promise.all([...started].map((p) => p.stop()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll().then(() => process.exit(130)));

/** Resolves when nothing listens on 127.0.0.1:port (waits up to 60 s for a previous server to go). */
async function portIsFree(port) {
  for (let i = 0; i < 120; i += 1) {
    if (!(await accepts(port, '127.0.0.1'))) return;
    await sleep(500);
  }
  throw new Error(`something else listens on 127.0.0.1:${port}; the guide's server cannot start there`);
}

/** Waits until the text block's lines appeared in a terminal's output. */
async function waitForLines(proc, expected, from, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = matchLines(expected, proc.output, from);
    if (at !== undefined) return at;
    if (proc.code !== undefined) throw new Error(`the server exited (${proc.code}) before printing:\n${expected.trim()}\n--- it printed:\n${tail(plain(proc.output))}`);
    if (Date.now() > deadline) throw new Error(`not printed within ${timeoutMs / 1000} s:\n${expected.trim()}\n--- it printed:\n${tail(plain(proc.output))}`);
    await sleep(200);
  }
}

// --- set-up ----------------------------------------------------------------------------------------
const t0 = performance.now();
if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}
if (spawnSync('curl', ['--version']).status !== 0) {
  // The guides deliver with curl, as P100's docs do; a bare CI machine may not have it.
  console.log('curl is missing: apt-get install -y curl');
  spawnSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl'], { stdio: 'inherit' });
  if (spawnSync('curl', ['--version']).status !== 0) {
    console.error('curl could not be installed');
    process.exit(1);
  }
}
const work = mkdtempSync(join(tmpdir(), 'p100-guides-'));
// The built dist/ as it is (no `prepare` rebuild, whose output would also spoil --json).
const packed = JSON.parse(spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).stdout)[0];
const tarball = join(work, packed.filename);
console.log(`guides: ${packed.filename} (${packed.entryCount} files), folders under ${work}`);

const runtimes = [...new Set(guides.flatMap((g) => g.runtimes ?? []))];
if (runtimes.length > 0) {
  const install = spawnSync('bash', [join(root, 'scripts/runtimes/install.sh'), ...runtimes], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (install.status !== 0) console.error('runtime install failed; the guides that need them will fail');
}
// What a Bun or Deno install puts on PATH: `bun`, `bunx` and `deno`.
const bin = join(work, 'bin');
mkdirSync(bin);
symlinkSync(runtimePaths.bun, join(bin, 'bun'));
symlinkSync(runtimePaths.bun, join(bin, 'bunx'));
symlinkSync(runtimePaths.deno, join(bin, 'deno'));

const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|P100_|PORT$|HOST$|NODE_OPTIONS$|INIT_CWD$|VITEST)/i.test(key)),
);
Object.assign(baseEnv, {
  PATH: `${bin}:${process.env.PATH}`,
  // The shared npm cache (the default one) without revalidating every package document.
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  DENO_DIR: join(work, 'deno-cache'),
  NO_COLOR: '1',
  // No telemetry calls home from next and wrangler (the machine only reaches the npm registry).
  NEXT_TELEMETRY_DISABLED: '1',
  WRANGLER_SEND_METRICS: 'false',
});

// The CLI the checks deliver with: the tarball installed in a folder of its own.
const cli = join(work, 'cli');
mkdirSync(cli);
writeFileSync(join(cli, 'package.json'), JSON.stringify({ private: true, dependencies: { 'p100-webhooks': `file:${tarball}` } }));
await runBash('npm install --loglevel=error', cli, baseEnv);

let registry;
if (guides.some((g) => g.runtimes?.includes('deno'))) {
  const upstream = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout.trim() || 'https://registry.npmjs.org/';
  registry = await startLocalRegistry(tarball, upstream);
}

// --- one guide ---------------------------------------------------------------------------------------
/** The guide's text with the install source replaced; records the version ranges it pins. */
function substitute(text, pins) {
  return text
    .replace(/"p100-webhooks":(\s*)"([^"]+)"/g, (_, space, range) => {
      pins.push(range);
      return `"p100-webhooks":${space}"file:${tarball}"`;
    })
    .replace(/^(\s*(?:npm (?:install|i|add)|bun add)\b[^\n]*?\s)p100-webhooks(?:@(\S+))?(?=\s|$)/gm, (_, head, range) => {
      if (range) pins.push(range);
      return `${head}${tarball}`;
    });
}

/**
 * The `npm warn` lines of an install: what the reader sees must be clean (no engine mismatch, no
 * skipped install script, no deprecation). One warning is ours, not the reader's: npm 11 lists the
 * `prepare` script of a package installed from a tarball file as not approved, which an install from
 * the registry (what the guide says) never runs; a warning that names only that is dropped.
 */
function npmWarnings(output) {
  const lines = plain(output).split('\n').filter((l) => /^npm warn/i.test(l));
  const scripts = lines.filter((l) => /^npm warn install-scripts/i.test(l));
  const listed = scripts.map((l) => /^npm warn install-scripts\s+(\S+)@\S+ \(/i.exec(l)?.[1]).filter(Boolean);
  const onlyOurs = listed.length > 0 && listed.every((name) => name === packed.name);
  return onlyOurs ? lines.filter((l) => !scripts.includes(l)) : lines;
}

/** Runs a command without blocking the other guide running beside this one. */
function exec(command, argv, options = {}) {
  return new Promise((resolveExec) => {
    const child = spawn(command, argv, { env: baseEnv, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 60_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolveExec({ status, stdout, stderr });
    });
  });
}

async function curl(url, authorization, body) {
  const child = await exec('curl', ['-sS', '-X', 'POST', url, '-H', `Authorization: ${authorization}`, '-H', 'Content-Type: application/json', '-d', body, '-w', '\n%{http_code} %{content_type}']);
  if (child.status !== 0) throw new Error(`curl failed (${child.status}): ${child.stderr}`);
  const lines = child.stdout.split('\n');
  const [code, type] = lines.pop().split(' ');
  return { status: Number(code), type, body: lines.join('\n') };
}
function sendCli(url, secret, status, userId) {
  return exec('npx', ['p100-webhooks', 'send', '--url', url, '--status', status, '--user-id', userId, '--secret', secret], { cwd: cli });
}
async function printed(proc, id, from, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!proc.output.slice(from).includes(id)) {
    if (Date.now() > deadline) throw new Error(`the handler did not print ${id}; the server printed:\n${tail(plain(proc.output.slice(from)))}`);
    await sleep(50);
  }
}

async function runGuide(guide) {
  const name = nameOf(guide.doc);
  const text = readFileSync(join(root, guide.doc), 'utf8');
  const blocks = readBlocks(join(root, guide.doc)).filter((b) => b.title !== undefined);
  const folder = mkdtempSync(join(work, `${name}-`));
  const env = { ...baseEnv };
  if (guide.runtimes?.includes('node22')) env.PATH = `${dirname(runtimePaths.node22)}:${env.PATH}`;
  if (registry) env.NPM_CONFIG_REGISTRY = registry.url;
  const where = (block) => `${guide.doc}:${block.line}`;
  log(`\n=== ${guide.doc} in ${folder}`);
  const pins = [];

  if (!(await check(`${guide.doc}: shows the files and the commands to follow`, () => {
    if (!blocks.some(isFile)) throw new Error('no ```lang title="file" block');
    if (!blocks.some((b) => b.lang === 'sh')) throw new Error('no ```sh title="terminal…" block');
  }))) return;

  let server; // terminal 1
  let serverScript;
  let cursor = 0; // how far terminal 1's printed lines were matched
  let lastOutput = '';
  for (const block of blocks) {
    if (isFile(block)) {
      const path = join(folder, block.title);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, block.title.endsWith('package.json') ? substitute(block.code, pins) : block.code);
      // Deno's `npm:` specifiers stay as they are (the loopback registry serves the tarball).
      for (const [, range] of block.code.matchAll(/npm:p100-webhooks@([^"'\s/]+)/g)) pins.push(range);
      continue;
    }
    const ok = await check(`${where(block)} ${block.lang === 'sh' ? 'run in' : 'printed by'} ${block.title}`, async () => {
      if (block.lang === 'sh' && block.title === 'terminal 1') {
        const port = /127\.0\.0\.1:(\d+)/.exec(text.slice(text.indexOf(block.code)))?.[1];
        if (port) await portIsFree(Number(port));
        serverScript = substitute(block.code, pins);
        server = startBash(serverScript, folder, env);
      } else if (block.lang === 'sh') {
        const installs = /^\s*npm (install|ci)\s*$/m.test(block.code) && existsSync(join(folder, 'package.json'));
        if (installs) await reuseInstall(folder);
        let ran = false;
        try {
          lastOutput = await runBash(substitute(block.code, pins), folder, env, { errexit: block.title === 'terminal' });
          const warnings = npmWarnings(lastOutput);
          if (warnings.length > 0) throw new Error(`npm warned:\n${warnings.join('\n')}`);
          ran = true;
        } finally {
          if (installs) installed(folder, ran);
        }
      } else if (block.title === 'terminal 1') {
        if (!server) throw new Error('no server was started in terminal 1 before this block');
        // Up to 4 minutes for the first lines (installs and builds run first), 30 s for a handler's output.
        cursor = await waitForLines(server, block.code, cursor, cursor === 0 ? 240_000 : 30_000);
      } else if (matchLines(block.code, lastOutput) === undefined) {
        throw new Error(`expected these lines:\n${block.code.trim()}\n--- it printed:\n${tail(plain(lastOutput))}`);
      }
    });
    if (!ok) {
      await server?.stop();
      return;
    }
  }
  await check(`${guide.doc}: the p100-webhooks version it pins (${pins.join(', ') || 'none'}) accepts ${packed.version}`, () => {
    const wrong = pins.filter((range) => !satisfies(packed.version, range));
    if (wrong.length > 0) throw new Error(`${wrong.join(', ')} does not accept ${packed.version}`);
  });

  const secret = /P100_WEBHOOK_SECRET=(\S+)/.exec(blocks.map((b) => b.code).join('\n'))?.[1];
  if (server) {
    const url = /https?:\/\/127\.0\.0\.1:\d+\/[^\s'"]*/.exec(blocks.filter((b) => b.title === 'terminal 2').map((b) => b.code).join('\n'))?.[0];
    await deliveries(guide, server, url, secret);
    await server.stop();
    await withoutSecret(guide, blocks, folder, env, serverScript, url);
  }
  if (guide.lambda) await invokeLambda(guide, folder, env, secret);
}

/** Whether something accepts connections on address:port. */
const accepts = (port, address) =>
  new Promise((resolveAccepts) => {
    const socket = connect(port, address);
    socket.once('connect', () => { socket.destroy(); resolveAccepts(true); });
    socket.once('error', () => resolveAccepts(false));
  });

/**
 * One `npm install` per distinct set of dependencies: a guide whose package.json asks for exactly
 * the dependencies of a project installed before starts from a hard-linked copy of its node_modules
 * and lock file, so the guide's own `npm install` (still run, verbatim) finds everything in place.
 */
const installsByDependencies = new Map();
const dependenciesOf = (folder) => {
  const { dependencies, devDependencies } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  return JSON.stringify([dependencies, devDependencies]);
};
async function reuseInstall(folder) {
  const earlier = installsByDependencies.get(dependenciesOf(folder));
  if (!earlier) {
    let done;
    installsByDependencies.set(dependenciesOf(folder), { folder, done: new Promise((r) => (done = r)), resolve: (ok) => done(ok) });
    return;
  }
  if (!(await earlier.done) || earlier.folder === folder) return;
  await runBash(`cp -al ${JSON.stringify(join(earlier.folder, 'node_modules'))} . && cp ${JSON.stringify(join(earlier.folder, 'package-lock.json'))} .`, folder, baseEnv);
  log(`        (node_modules linked from ${earlier.folder}: the same dependencies)`);
}
function installed(folder, ok) {
  const entry = installsByDependencies.get(dependenciesOf(folder));
  if (entry?.folder === folder) entry.resolve(ok);
}

/** The four statuses with the CLI and with curl, then a wrong token, against the running server. */
async function deliveries(guide, server, url, secret) {
  // This machine's own non-loopback addresses: a server bound to every interface answers there too.
  const external = Object.values(networkInterfaces()).flat().filter((i) => !i.internal && i.family === 'IPv4').map((i) => i.address);
  const port = Number(new URL(url).port);
  await check(`${guide.doc}: the server listens on 127.0.0.1 only (not on ${external.join(', ') || 'no other address here'})`, async () => {
    for (const address of external) if (await accepts(port, address)) throw new Error(`${address}:${port} accepts connections`);
  });
  for (const status of STATUSES) {
    await check(`${guide.doc}: npx p100-webhooks send --status ${status} is 200 {} and handled`, async () => {
      const id = `guide-cli-${status.toLowerCase()}`;
      const from = server.output.length;
      const sent = await sendCli(url, secret, status, id);
      if (sent.status !== 0 || !/ 200 OK .* \{\}$/m.test(sent.stdout)) throw new Error(`exit ${sent.status}:\n${sent.stdout}${sent.stderr}`);
      await printed(server, id, from);
    });
  }
  for (const status of STATUSES) {
    await check(`${guide.doc}: curl as P100's docs write it, ${status}, is 200 {} and handled`, async () => {
      const id = `guide-curl-${status.toLowerCase()}`;
      const from = server.output.length;
      const answer = await curl(url, secret, JSON.stringify({ externalUserId: id, status }));
      if (answer.status !== 200 || answer.body !== '{}' || answer.type !== 'application/json') throw new Error(`got ${answer.status} ${answer.type} ${answer.body}`);
      await printed(server, id, from);
    });
  }
  await check(`${guide.doc}: a wrong token is 401 UNAUTHORIZED (CLI and curl) and not handled`, async () => {
    const from = server.output.length;
    const sent = await sendCli(url, 'not-the-secret', 'APPROVED', 'guide-wrong-token-cli');
    if (sent.status !== 1 || !/ 401 Unauthorized /.test(sent.stdout)) throw new Error(`CLI: exit ${sent.status}:\n${sent.stdout}${sent.stderr}`);
    const answer = await curl(url, 'not-the-secret', JSON.stringify({ externalUserId: 'guide-wrong-token-curl', status: 'APPROVED' }));
    if (answer.status !== 401 || JSON.parse(answer.body).error?.code !== 'UNAUTHORIZED') throw new Error(`curl: got ${answer.status} ${answer.body}`);
    await sleep(300);
    if (server.output.slice(from).includes('guide-wrong-token')) throw new Error('the handler ran for a refused delivery');
  });
}

/** A `secret: () => …` in the guide's files: read per delivery, so a missing one is a 500, not a crash. */
const readsSecretLazily = (blocks) => blocks.some((b) => isFile(b) && /\bsecret:\s*\(\)\s*=>/.test(b.code));

/**
 * The server once more, without the secret. Read per delivery (`secret: () => …`): it starts, and
 * every delivery is a JSON 500 SECRET_NOT_CONFIGURED. Read at start-up: it stops with a TypeError
 * naming `secret` and never listens.
 */
async function withoutSecret(guide, blocks, folder, env, serverScript, url) {
  const lazy = readsSecretLazily(blocks);
  const what = lazy ? 'it starts, answers every delivery 500 SECRET_NOT_CONFIGURED and logs it once' : 'it stops at start-up with a TypeError about `secret`';
  await check(`${guide.doc}: without the secret ${what}`, async () => {
    const hidden = blocks.filter((b) => isFile(b) && /^P100_WEBHOOK_SECRET=/m.test(b.code)).map((b) => join(folder, b.title));
    for (const file of hidden) renameSync(file, `${file}.hidden`);
    const script = serverScript.replace(/^\s*export P100_WEBHOOK_SECRET=\S+.*$/gm, '').replace(/\bP100_WEBHOOK_SECRET=\S+\s+/g, '');
    if (script.includes('P100_WEBHOOK_SECRET')) throw new Error(`cannot remove the secret from:\n${serverScript}`);
    await portIsFree(Number(/127\.0\.0\.1:(\d+)/.exec(url)?.[1]));
    const server = startBash(script, folder, env);
    try {
      if (!lazy) {
        const timer = setTimeout(() => void server.stop(), 240_000);
        await server.exited;
        clearTimeout(timer);
        if (server.code === 0 || !/TypeError: .*`secret`/.test(server.output)) throw new Error(`exit ${server.code}:\n${tail(plain(server.output))}`);
        return;
      }
      const ready = blocks.find((b) => b.lang === 'text' && b.title === 'terminal 1');
      await waitForLines(server, ready.code.split('\n')[0], 0, 240_000);
      for (const id of ['guide-no-secret-1', 'guide-no-secret-2']) {
        const answer = await curl(url, 's3cret', JSON.stringify({ externalUserId: id, status: 'APPROVED' }));
        const code = answer.type === 'application/json' ? JSON.parse(answer.body).error?.code : undefined;
        if (answer.status !== 500 || code !== 'SECRET_NOT_CONFIGURED') throw new Error(`got ${answer.status} ${answer.type} ${answer.body}`);
      }
      if (server.output.includes('guide-no-secret')) throw new Error('the handler ran without a secret');
      const loggedLines = () => plain(server.output).split('\n').filter((l) => l.includes('SECRET_NOT_CONFIGURED')).length;
      for (let i = 0; i < 100 && loggedLines() === 0; i += 1) await sleep(100); // wrangler relays the Worker's logs late
      await sleep(500);
      const logged = loggedLines();
      if (logged !== 1) throw new Error(`the misconfiguration was logged ${logged} times for two deliveries, not once:\n${tail(plain(server.output))}`);
    } finally {
      await server.stop();
      for (const file of hidden) renameSync(`${file}.hidden`, file);
    }
  });
}

/** The built Lambda handler, invoked with the testing kit's events of every kind. */
async function invokeLambda(guide, folder, env, secret) {
  const script = join(folder, '.guide-check.mjs');
  writeFileSync(
    script,
    `import { createPoaLambdaEvent, createPoaVerificationEvent } from 'p100-webhooks/testing';
const { ${guide.lambda.export}: handler } = await import('./${guide.lambda.file}');
const [token, ...cases] = process.argv.slice(2);
for (const c of cases) {
  const [format, status, id] = c.split(':');
  const result = await handler(createPoaLambdaEvent(createPoaVerificationEvent({ status, externalUserId: id }), { secret: token, format }));
  console.log('@@RESULT ' + JSON.stringify({ id, statusCode: result.statusCode, body: result.body }));
}
`,
  );
  const invoke = async (token, cases, withSecret) => {
    const childEnv = { ...env, ...(withSecret ? { P100_WEBHOOK_SECRET: secret } : {}) };
    const child = await exec(process.execPath, [script, token, ...cases], { cwd: folder, env: childEnv });
    if (child.status !== 0) throw new Error(`exit ${child.status}:\n${child.stdout}${child.stderr}`);
    return `${child.stdout}${child.stderr}`; // what the handler and the SDK logged, after the results
  };
  const results = (output) => output.split('\n').filter((l) => l.startsWith('@@RESULT ')).map((l) => ({ ...JSON.parse(l.slice(9)), before: output.slice(0, output.indexOf(l)) }));
  for (const format of LAMBDA_FORMATS) {
    await check(`${guide.doc}: ${guide.lambda.file} answers 200 {} to the four statuses in ${format} events and handles each`, async () => {
      const output = await invoke(secret, STATUSES.map((s) => `${format}:${s}:guide-${format}-${s.toLowerCase()}`), true);
      for (const r of results(output)) {
        if (r.statusCode !== 200 || r.body !== '{}') throw new Error(`${r.id}: ${r.statusCode} ${r.body}`);
        if (!r.before.includes(r.id)) throw new Error(`the handler did not print ${r.id}:\n${output}`);
      }
      if (results(output).length !== STATUSES.length) throw new Error(output);
    });
  }
  await check(`${guide.doc}: ${guide.lambda.file} answers 401 to a wrong token in every event kind`, async () => {
    const output = await invoke('not-the-secret', LAMBDA_FORMATS.map((f) => `${f}:APPROVED:guide-wrong-${f}`), true);
    for (const r of results(output)) if (r.statusCode !== 401 || JSON.parse(r.body).error?.code !== 'UNAUTHORIZED') throw new Error(`${r.id}: ${r.statusCode} ${r.body}`);
    const printedByHandler = output.split('\n').filter((l) => !l.startsWith('@@RESULT ') && l.includes('guide-wrong-'));
    if (printedByHandler.length > 0) throw new Error(`handled a refused delivery:\n${output}`);
  });
  await check(`${guide.doc}: ${guide.lambda.file} loads without the secret, answers 500 SECRET_NOT_CONFIGURED and logs it once`, async () => {
    const output = await invoke(secret, LAMBDA_FORMATS.map((f) => `${f}:APPROVED:guide-nosecret-${f}`), false);
    for (const r of results(output)) {
      const code = JSON.parse(r.body).error?.code;
      if (r.statusCode !== 500 || code !== 'SECRET_NOT_CONFIGURED') throw new Error(`${r.id}: ${r.statusCode} ${r.body}`);
    }
    if (results(output).length !== LAMBDA_FORMATS.length) throw new Error(output);
    const logged = output.split('\n').filter((l) => !l.startsWith('@@RESULT ') && l.includes('SECRET_NOT_CONFIGURED')).length;
    if (logged !== 1) throw new Error(`the misconfiguration was logged ${logged} times for ${LAMBDA_FORMATS.length} deliveries, not once:\n${output}`);
  });
}

// --- run -------------------------------------------------------------------------------------------
await check('every guide in docs/ is followed or says why not', () => {
  const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  const missing = docs.filter((d) => !GUIDES.some((g) => g.doc === d) && !(d in NOT_FOLLOWED));
  if (missing.length > 0) throw new Error(`not followed: ${missing.join(', ')}`);
});
/** The port a guide's server listens on (the URL its second terminal delivers to), if any. */
const portOf = (guide) => /127\.0\.0\.1:(\d+)/.exec(readBlocks(join(root, guide.doc)).filter((b) => b.title === 'terminal 2').map((b) => b.code).join('\n'))?.[1];
/**
 * Holds 127.0.0.1:port for this run against other runs of this script on the machine (a developer's
 * and CI's): a lock file with our pid, taken over when its process is gone. @returns its release.
 */
const locks = new Set();
process.on('exit', () => locks.forEach((file) => rmSync(file, { force: true })));
async function lockPort(port) {
  const file = join(tmpdir(), `p100-guides-port-${port}.lock`);
  for (let waited = 0; ; waited += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      locks.add(file);
      return () => {
        locks.delete(file);
        rmSync(file, { force: true });
      };
    } catch {
      const holder = Number(readFileSync(file, 'utf8'));
      let alive = true;
      try { process.kill(holder, 0); } catch { alive = false; }
      if (!alive) rmSync(file, { force: true });
      else if (waited % 60 === 0) console.log(`  (waiting for 127.0.0.1:${port}: another run of the guides, pid ${holder}, uses it)`);
      if (alive) await sleep(1000);
    }
  }
}

async function runLogged(guide, port) {
  const store = { lines: [], procs: new Set() };
  const release = port === undefined ? () => {} : await lockPort(port);
  const t = performance.now();
  await current.run(store, async () => {
    try {
      await runGuide(guide);
    } catch (error) {
      results.push({ name: guide.doc, ok: false });
      log(`  FAIL  ${guide.doc}: ${error.stack}`);
    }
    await Promise.all([...store.procs].map((p) => p.stop()));
  });
  release();
  console.log(`${store.lines.join('\n')}\n  (${guide.doc}: ${((performance.now() - t) / 1000).toFixed(0)} s)`);
}
// `jobs` guides at a time (two by default: most of a guide's time is spent waiting on installs, builds
// and processes), never two whose servers use the same port.
const queue = guides.map((guide) => ({ guide, port: portOf(guide) }));
const active = new Map();
while (queue.length > 0 || active.size > 0) {
  const next = queue.findIndex((q) => q.port === undefined || ![...active.values()].includes(q.port));
  if (active.size < jobs && next >= 0) {
    const [{ guide, port }] = queue.splice(next, 1);
    const running = runLogged(guide, port).finally(() => active.delete(running));
    active.set(running, port);
  } else {
    await Promise.race(active.keys());
  }
}
await registry?.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const seconds = Math.round((performance.now() - t0) / 1000);
writeFileSync(report, JSON.stringify({ passed, failed, seconds }));
console.log(`\nguides: ${passed} passed, ${failed} failed in ${seconds} s`);
if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
process.exit(failed === 0 ? 0 : 1);
