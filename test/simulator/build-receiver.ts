/**
 * Bundles receiver-process.ts (and the SDK sources it imports) into one ESM file under
 * node_modules/.cache, the way the package build does, so receiver children run the real code on
 * Node 20 without a TypeScript loader and without touching the shared dist/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'tsup';

// Bundled by scripts/simulate.mjs, this file no longer sits in test/simulator: the script names the root.
const ROOT = process.env['P100_SIMULATOR_ROOT'] ?? resolve(import.meta.dirname, '../..');

export interface BuiltReceiver {
  readonly script: string;
  readonly dir: string;
  remove(): Promise<void>;
}

export async function buildReceiver(): Promise<BuiltReceiver> {
  const cache = join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'p100-simulator-'));
  await build({
    config: false,
    entry: { 'receiver-process': join(ROOT, 'test/simulator/receiver-process.ts') },
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    external: [/^node:/, 'valibot', 'pg', 'ioredis', 'redis', 'postgres'],
    splitting: false,
    treeshake: true,
    outDir: dir,
    silent: true,
  });
  return { script: join(dir, 'receiver-process.js'), dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
