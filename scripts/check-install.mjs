// Installs the package the two ways a user can before (or instead of) the npm registry, from a CLEAN
// CLONE of this repository (no node_modules, no dist/), and checks that each gives a working package:
//   1. `npm pack` in the clone before any install fails loudly (no tarball of 2 files)
//   2. `npm pack` in the clone with its dependencies but no dist/ builds it (the `prepare` script); the
//      tarball holds dist/, LICENSE, CHANGELOG.md
//   3. `npm install git+file://<clone>#<commit>` into an empty project (npm clones it, installs its
//      dependencies and runs `prepare` there, as for any git dependency)
//   4. `npm install ./p100-webhooks-<version>.tgz` into another empty project
// and in both projects: `require` and `import` of every entry, `npx p100-webhooks --version` and
// `--help`, LICENSE and CHANGELOG.md present, and no `npm warn` from the install.
//
//   node scripts/check-install.mjs [--out .ci/out] [--ref <commit>]   writes <out>/install.json: {passed, failed}
//
// It clones the COMMITTED state (HEAD, or --ref): uncommitted changes are not part of what it checks.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const out = option('--out') === undefined ? undefined : resolve(option('--out'));
const ref = spawnSync('git', ['rev-parse', '--verify', `${option('--ref') ?? 'HEAD'}^{commit}`], { cwd: root, encoding: 'utf8' }).stdout.trim();

/** Every entry point and one export each must have. */
const ENTRIES = {
  'p100-webhooks': 'parsePoaVerificationEvent',
  'p100-webhooks/node': 'createNodeHandler',
  'p100-webhooks/fetch': 'createFetchHandler',
  'p100-webhooks/lambda': 'createLambdaHandler',
  'p100-webhooks/testing': 'sendPoaWebhook',
};

// No colours, and nothing from an npm process that may have started this script (npm run …).
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
Object.assign(env, { NO_COLOR: '1', FORCE_COLOR: '0', P100_WEBHOOK_SECRET: '' });
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline'];

function run(command, argv, cwd) {
  const child = spawnSync(command, argv, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}${child.error ? child.error.message : ''}`;
  return { ok: child.status === 0, status: child.status, stdout: child.stdout ?? '', output };
}

const results = [];
function record(name, ok, output = '') {
  results.push({ name, ok });
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}`);
  if (!ok && output.trim() !== '') console.log(output.trim().split('\n').slice(-40).map((l) => `       ${l}`).join('\n'));
  return ok;
}

const npmWarnings = (output) => output.split('\n').filter((line) => /^npm warn/i.test(line));

/**
 * npm >= 11.19 lists the `prepare` script of every git or tarball dependency for review (a registry
 * install of the same package lists nothing); that notice about this package's own build is expected.
 * Every other warning is not.
 */
function consumerWarnings(output, version) {
  const warnings = npmWarnings(output);
  const review = warnings.filter((line) => /^npm warn install-scripts\b/.test(line));
  const named = review.map((line) => /^npm warn install-scripts {3}(\S+) \(/.exec(line)?.[1]).filter(Boolean);
  const onlyOurs = named.length === 1 && named[0] === `p100-webhooks@${version}`;
  return onlyOurs ? warnings.filter((line) => !review.includes(line)) : warnings;
}

/** The checks a user's first minutes depend on, in a project that installed the package. */
function checkConsumer(label, project, version) {
  const pkgDir = join(project, 'node_modules/p100-webhooks');
  for (const [entry, name] of Object.entries(ENTRIES)) {
    const cjs = run(process.execPath, ['-e', `const m = require(${JSON.stringify(entry)}); if (typeof m.${name} !== 'function') throw new Error('no ${name}');`], project);
    record(`${label}: require('${entry}')`, cjs.ok, cjs.output);
    const esm = run(
      process.execPath,
      ['--input-type=module', '-e', `import { ${name} } from ${JSON.stringify(entry)}; if (typeof ${name} !== 'function') throw new Error('no ${name}');`],
      project,
    );
    record(`${label}: import from '${entry}'`, esm.ok, esm.output);
  }
  const versionRun = run('npx', ['--no-install', 'p100-webhooks', '--version'], project);
  record(`${label}: npx p100-webhooks --version prints ${version}`, versionRun.ok && versionRun.stdout === `${version}\n`, versionRun.output);
  const help = run('npx', ['--no-install', 'p100-webhooks', '--help'], project);
  record(`${label}: npx p100-webhooks --help`, help.ok && help.stdout.includes('Exit codes:'), help.output);
  for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md']) {
    record(`${label}: ${file} is in the installed package`, existsSync(join(pkgDir, file)));
  }
}

function emptyProject(work, name) {
  const project = join(work, name);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true }, null, 2)}\n`);
  return project;
}

const work = mkdtempSync(join(tmpdir(), 'p100-check-install-'));
try {
  const clone = join(work, 'clone');
  const cloned = run('git', ['clone', '--quiet', '--no-hardlinks', root, clone], work);
  if (!cloned.ok) throw new Error(`git clone failed:\n${cloned.output}`);
  const checkout = run('git', ['checkout', '--quiet', '--detach', ref], clone);
  if (!checkout.ok) throw new Error(`git checkout ${ref} failed:\n${checkout.output}`);
  const commit = run('git', ['rev-parse', 'HEAD'], clone).stdout.trim();
  const { version } = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
  console.log(`check-install: p100-webhooks@${version} at ${commit.slice(0, 12)}, in ${work}`);

  // 1. A tree without dependencies cannot build: pack must fail, not ship a package without dist/.
  const bare = run('npm', ['pack', '--pack-destination', work], clone);
  const bareTarball = join(work, `p100-webhooks-${version}.tgz`);
  record('npm pack on a clone without node_modules fails loudly', !bare.ok && !existsSync(bareTarball), bare.output);
  rmSync(bareTarball, { force: true });

  // 2. With the dependencies in place (the repository's own, linked: .ci/run's `npm ci` already showed
  // that a clean install builds and prints no warning), npm pack on the unbuilt tree builds it.
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], clone);
  const PACKED = 'npm pack on the unbuilt clone builds dist/ and packs it with LICENSE and CHANGELOG.md';
  let tarball;
  try {
    const [packed] = JSON.parse(pack.stdout);
    tarball = join(work, packed.filename);
    const files = new Set(packed.files.map((f) => f.path));
    const missing = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json'].filter((f) => !files.has(f));
    record(PACKED, pack.ok && missing.length === 0, `missing: ${missing.join(', ')}\n${pack.output}`);
  } catch (error) {
    record(PACKED, false, `${error}\n${pack.output}`);
  }

  // 3. and 4. The two installs, each into an empty project, written as a user would type them.
  const installs = [
    { label: 'git install', spec: `git+${pathToFileURL(clone).href}#${commit}` },
    { label: 'tarball install', spec: tarball === undefined ? undefined : `./${basename(tarball)}` },
  ];
  for (const { label, spec } of installs) {
    if (spec === undefined) {
      record(`${label}: no tarball to install`, false);
      continue;
    }
    const project = emptyProject(work, label.replace(' ', '-'));
    if (label === 'tarball install') copyFileSync(tarball, join(project, basename(tarball)));
    const install = run('npm', ['install', ...NPM_FLAGS, spec], project);
    record(`${label}: npm install ${spec.replace(work, '…')}`, install.ok, install.output);
    const warnings = consumerWarnings(install.output, version);
    record(`${label}: prints no npm warn (but npm's review notice of this package's prepare)`, warnings.length === 0, warnings.join('\n'));
    if (install.ok) checkConsumer(label, project, version);
  }
} catch (error) {
  record('check-install setup', false, String(error?.message ?? error));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`check-install: ${passed} passed, ${failed} failed`);
if (out) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'install.json'), JSON.stringify({ passed, failed }));
}
process.exit(failed === 0 ? 0 : 1);
