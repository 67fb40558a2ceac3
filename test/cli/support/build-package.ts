/**
 * Builds the whole package from src/ (every entry, ESM and CJS, no type declarations) into a fresh
 * directory under node_modules/.cache laid out like the package (package.json + dist/), so scripts
 * that import `p100-webhooks/*` by name (the package resolving itself) run against a real build
 * without touching the shared dist/. Dependencies resolve from the repo's node_modules.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type Options } from 'tsup';
import configs from '../../../tsup.config.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBRARY_ENTRIES = (configs as Options[])[0]?.entry as Record<string, string>;

export interface BuiltPackage {
  readonly root: string;
  remove(): Promise<void>;
}

export async function buildPackage(): Promise<BuiltPackage> {
  const cache = join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const root = await mkdtemp(join(cache, 'p100-package-test-'));
  const shared: Options = { config: false, target: 'es2022', external: [/^node:/, 'valibot'], treeshake: true, silent: true };
  await build({
    ...shared,
    platform: 'neutral',
    // Every library entry of tsup.config.ts (names such as `ledger/postgres` keep their subfolder).
    entry: Object.fromEntries(Object.entries(LIBRARY_ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    format: ['esm', 'cjs'],
    splitting: true,
    outDir: join(root, 'dist'),
  });
  await build({ ...shared, platform: 'node', entry: { cli: join(ROOT, 'src/cli.ts') }, format: ['esm'], outDir: join(root, 'dist') });
  await copyFile(join(ROOT, 'package.json'), join(root, 'package.json'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
