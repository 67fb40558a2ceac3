/**
 * Bundles the chaos receiver and worker (and the SDK sources they import) into one ESM file each
 * under node_modules/.cache, as build-receiver.ts does for the simulator's receivers.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'tsup';

// Bundled by scripts/chaos.mjs, this file no longer sits in test/simulator: the script names the root.
const ROOT = process.env['P100_SIMULATOR_ROOT'] ?? resolve(import.meta.dirname, '../..');

export interface BuiltChaosChildren {
  readonly receiver: string;
  readonly worker: string;
  remove(): Promise<void>;
}

export async function buildChaosChildren(): Promise<BuiltChaosChildren> {
  const cache = join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'p100-chaos-'));
  await build({
    config: false,
    entry: { 'chaos-receiver': join(ROOT, 'test/simulator/chaos-receiver.ts'), 'chaos-worker': join(ROOT, 'test/simulator/chaos-worker.ts') },
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    external: [/^node:/, 'valibot', 'pg', 'pg-boss', 'bullmq', 'ioredis', 'redis', 'postgres'],
    splitting: false,
    treeshake: true,
    outDir: dir,
    silent: true,
  });
  return { receiver: join(dir, 'chaos-receiver.js'), worker: join(dir, 'chaos-worker.js'), remove: () => rm(dir, { recursive: true, force: true }) };
}
