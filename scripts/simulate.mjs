// `npm run simulate`: bundles the simulator (test/simulator/simulate-main.ts, with the SDK sources it
// imports) into node_modules/.cache and runs it with this script's arguments.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'tsup';

const root = resolve(import.meta.dirname, '..');
await mkdir(join(root, 'node_modules/.cache'), { recursive: true });
const outDir = await mkdtemp(join(root, 'node_modules/.cache/p100-simulate-'));
try {
  await build({
    config: false,
    entry: { 'simulate-main': join(root, 'test/simulator/simulate-main.ts') },
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    external: [/^node:/, 'valibot', 'pg', 'ioredis', 'redis', 'postgres', 'pg-boss', 'bullmq', 'tsup'],
    outDir,
    silent: true,
  });
  const { status } = spawnSync(process.execPath, [join(outDir, 'simulate-main.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root, env: { ...process.env, P100_SIMULATOR_ROOT: root } });
  process.exitCode = status ?? 1;
} finally {
  await rm(outDir, { recursive: true, force: true });
}
