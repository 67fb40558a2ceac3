/**
 * Builds the CLI from src/ the way the package build does (tsup, ESM, platform node, valibot
 * external) into a fresh directory under node_modules/.cache, so tests run the real bundled bin
 * without touching the shared dist/.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'tsup';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface BuiltCli {
  /** The built `cli.js`. */
  readonly path: string;
  remove(): Promise<void>;
}

export async function buildCli(): Promise<BuiltCli> {
  const cache = join(ROOT, 'node_modules/.cache');
  await import('node:fs/promises').then((fs) => fs.mkdir(cache, { recursive: true }));
  const outDir = await mkdtemp(join(cache, 'p100-cli-test-'));
  await build({
    config: false,
    entry: { cli: join(ROOT, 'src/cli.ts') },
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    external: [/^node:/, 'valibot'],
    treeshake: true,
    outDir,
    silent: true,
  });
  return { path: join(outDir, 'cli.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a CLI child: no colour settings and no secret from the test runner's own env. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['P100_WEBHOOK_SECRET'];
  delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  return { ...env, ...extra };
}

/** Runs `node cli.js ...args` to completion. */
export function runCli(cli: BuiltCli, args: readonly string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli.path, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/**
 * The arguments of a running process as `ps` shows them: `/proc/<pid>/cmdline`, NUL bytes read as
 * spaces (Linux only).
 */
export function readCmdline(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trimEnd();
}

/**
 * Runs `node cli.js ...args`, sends `signal` once stdout contains `after`, and waits for the exit;
 * `cmdline` is the child's {@link readCmdline} just before the signal (empty off Linux).
 */
export function interruptCli(
  cli: BuiltCli,
  args: readonly string[],
  { after, signal }: { after: string; signal: NodeJS.Signals },
  env: NodeJS.ProcessEnv = cliEnv(),
): Promise<CliRun & { cmdline: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli.path, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    let cmdline = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sent && stdout.includes(after)) {
        sent = true;
        if (process.platform === 'linux' && child.pid !== undefined) cmdline = readCmdline(child.pid);
        child.kill(signal);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, exitSignal) => resolvePromise({ code, signal: exitSignal, stdout, stderr, cmdline }));
  });
}
