import { fork } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let script: string;

beforeAll(async () => {
  await mkdir(join(ROOT, 'node_modules/.cache'), { recursive: true });
  dir = await mkdtemp(join(ROOT, 'node_modules/.cache/p100-signal-'));
  script = join(dir, 'signal-worker.mjs');
  await build({ entryPoints: [join(ROOT, 'test/inbox/fixtures/signal-worker.ts')], bundle: true, format: 'esm', platform: 'node', outfile: script, logLevel: 'silent' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the worker process, sends `signal` once the first handler started, and resolves with what it reported and how it ended. */
function run(signal: NodeJS.Signals, env: Record<string, string> = {}): Promise<{ messages: string[]; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done, reject) => {
    const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const messages: string[] = [];
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.on('message', (message: string) => {
      messages.push(message);
      if (message === 'start u-1') child.kill(signal);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('exit', (code, exitSignal) => {
      clearTimeout(timer);
      if (output !== '') reject(new Error(`the worker printed: ${output}`));
      else done({ messages, code, signal: exitSignal });
    });
  });
}

describe('startPoaWorker and signals (a real child process)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s, finishes the delivery in flight, starts no other, then dies of the signal', async (signal) => {
    const result = await run(signal);
    expect(result.messages).toEqual(['start u-1', 'end u-1']);
    expect(result.signal).toBe(signal);
  });

  it('with `signals: []`, leaves the signal alone: the process dies at once, mid-delivery', async () => {
    const result = await run('SIGTERM', { SIGNALS: 'none' });
    expect(result.messages).toEqual(['start u-1']);
    expect(result.signal).toBe('SIGTERM');
  });
});
