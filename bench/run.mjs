#!/usr/bin/env node
/**
 * Runs every bench/*.bench.mjs, in sorted order, each in its own child process, and passes the
 * arguments through (`--quick` for a short, CI-friendly run). Names that do not start with `--`
 * select benches: `node bench/run.mjs core http --quick` runs core.bench.mjs and http.bench.mjs only.
 * Exits non-zero when any bench fails, after running the others.
 *
 * Usage: node bench/run.mjs [name...] [--quick]    (npm run bench -- --quick builds first)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const names = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => names.length === 0 || names.includes(f.slice(0, -'.bench.mjs'.length)))
  .sort();

if (files.length === 0) {
  console.error(`bench: no bench/*.bench.mjs${names.length > 0 ? ` named ${names.join(', ')}` : ''}`);
  process.exit(1);
}

const failed = [];
for (const file of files) {
  console.log(`\n=== ${file}${flags.length > 0 ? ` ${flags.join(' ')}` : ''}`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [join(dir, file), ...flags], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code === 0) console.log(`=== ${file}: done in ${seconds} s`);
  else {
    console.log(`=== ${file}: FAILED (exit ${code}) after ${seconds} s`);
    failed.push(file);
  }
}

console.log(`\nbench: ${files.length - failed.length} of ${files.length} ran${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}`);
process.exitCode = failed.length > 0 ? 1 : 0;
