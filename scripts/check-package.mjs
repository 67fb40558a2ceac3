// Packaging checks of the BUILT package (run `npm run build` first), each one a pass or a fail:
//   1. publint --strict
//   2. @arethetypeswrong/cli on the packed tarball: every entry green in every resolution mode
//   3. consumer type-checks of the packed tarball in throwaway projects outside the repo: ESM under
//      nodenext, CJS `require` under nodenext, and bundler resolution, each with strict and
//      skipLibCheck: false, with and without exactOptionalPropertyTypes, the Lambda handler assigned
//      to @types/aws-lambda's handler types, under the newest TypeScript (7.x) and the
//      oldest one we support (OLDEST_TYPESCRIPT), each run through `npx -p typescript@X tsc`.
//
//   node scripts/check-package.mjs [--out .ci/out] [--ts 5.2,5.4]   writes <out>/package-checks.json: {passed, failed}
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consumerPackages, consumers } from './check-package.consumers.mjs';

/** The oldest TypeScript that passes: 5.0 fails on valibot's own .d.ts (TS2344/TS2536/TS2574); ours pass on 5.0. */
export const OLDEST_TYPESCRIPT = '5.1';
/** The newest major. */
export const NEWEST_TYPESCRIPT = '7';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : undefined;
// --ts 5.2,5.4 checks those TypeScript versions instead (to find the oldest one that passes).
const tsIndex = args.indexOf('--ts');
const versions = tsIndex >= 0 ? args[tsIndex + 1].split(',') : [NEWEST_TYPESCRIPT, OLDEST_TYPESCRIPT];

function run(command, argv, cwd) {
  const child = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { ok: child.status === 0, output: `${child.stdout ?? ''}${child.stderr ?? ''}${child.error ? child.error.message : ''}` };
}

const results = [];
function record(name, { ok, output }) {
  results.push({ name, ok });
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${name}`);
  if (!ok) console.log(output.trim().split('\n').map((l) => `       ${l}`).join('\n'));
}

const work = mkdtempSync(join(tmpdir(), 'p100-check-package-'));
try {
  // --ignore-scripts: pack the dist/ already built, without the `prepare` rebuild (whose log would end up in the JSON).
  const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
  if (!pack.ok) throw new Error(`npm pack failed:\n${pack.output}`);
  const tarball = join(work, JSON.parse(pack.output.slice(pack.output.indexOf('[')))[0].filename);
  console.log(`check-package: ${tarball}`);

  record('publint --strict', run(join(root, 'node_modules/.bin/publint'), ['--strict', root], root));
  // attw fails (exit 1) on any problem in any entry and resolution mode (node10, node16 CJS/ESM, bundler).
  record('attw: every entry resolves in every mode', run(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'table-flipped'], root));

  // Consumers share one node_modules in the work dir: the tarball, @types/node (Node >= 20), @types/aws-lambda.
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'p100-consumers', private: true }));
  const install = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, ...consumerPackages],
    work,
  );
  if (!install.ok) throw new Error(`consumer install failed:\n${install.output}`);
  for (const [name, files] of Object.entries(consumers)) {
    mkdirSync(join(work, name));
    for (const [file, contents] of Object.entries(files)) writeFileSync(join(work, name, file), contents);
  }

  for (const version of versions) {
    const v = run('npx', ['-y', '-p', `typescript@${version}`, 'tsc', '--version'], work);
    const label = v.ok ? v.output.trim() : `typescript@${version}`;
    for (const consumer of Object.keys(consumers)) {
      record(`${label}: ${consumer}`, run('npx', ['-y', '-p', `typescript@${version}`, 'tsc', '-p', consumer], work));
    }
  }
} catch (error) {
  record('check-package setup', { ok: false, output: String(error?.message ?? error) });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`check-package: ${passed} passed, ${failed} failed`);
if (out) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'package-checks.json'), JSON.stringify({ passed, failed }));
}
process.exit(failed === 0 ? 0 : 1);
