import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from './support/build-cli.ts';
import { type BuiltPackage, buildPackage } from './support/build-package.ts';

let pkg: BuiltPackage;
beforeAll(async () => {
  pkg = await buildPackage();
  await mkdir(join(pkg.root, 'examples'));
  await copyFile(resolve(import.meta.dirname, '../../examples/demo.mjs'), join(pkg.root, 'examples/demo.mjs'));
});
afterAll(() => pkg.remove());

function runDemo(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(pkg.root, 'examples/demo.mjs'), ...args], { cwd: pkg.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('examples/demo.mjs (npm run demo)', () => {
  it('should deliver every status and the refused deliveries against the built package, and exit 0', async () => {
    const { code, stdout, stderr } = await runDemo(cliEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Receiver listening on http:\/\/127\.0\.0\.1:\d+\/webhook\/poa-verification\/status\n/);
    for (const effect of [
      'on.WAITING    user-1001: document received',
      'on.QUESTIONED user-1001: asked the user',
      'onDecision    user-1001 WAITING: applied (round 2,',
      'on.APPROVED   user-1001: proof of address accepted',
      'on.APPROVED   user-2002: database unavailable',
      'on.REJECTED   user-3003: asked the user to upload',
      'onDecision    user-3003 WAITING: stale (round 1,',
      'onDecision    user-3003 REJECTED: duplicate (round 1,',
      'onError       UNAUTHORIZED: answered 401',
      'onError       INVALID_JSON: answered 400',
      'onError       UNKNOWN_STATUS: answered 400',
      'onError       INVALID_PAYLOAD: answered 400',
      'onError       HANDLER_FAILED: answered 500',
    ]) {
      expect(stdout).toContain(effect);
    }
    expect(stdout).toMatch(/attempt 1: 500 \{"error":\{"code":"HANDLER_FAILED"[^\n]*\n {3}attempt 2: 200 \{\}/);
    // The stale and the duplicate delivery are acknowledged without running a handler.
    expect(stdout).toMatch(/8\. P100's late retry[^\n]*\n[^\n]*\n {3}attempt 1: 200 \{\}[^\n]*\n {3}onDecision {4}user-3003 WAITING: stale[^\n]*\n {3}as expected/);
    expect(stdout).toMatch(/9\. REJECTED again[^\n]*\n[^\n]*\n {3}attempt 1: 200 \{\}[^\n]*\n {3}onDecision {4}user-3003 REJECTED: duplicate[^\n]*\n {3}as expected/);
    expect(stdout).toMatch(/receipt [0-9A-HJKMNP-TV-Z]{26}\)/);
    expect(stdout.match(/ as expected/g)).toHaveLength(14);
    expect(stdout).not.toContain('UNEXPECTED');
    expect(stdout).toContain('user-1001: verified');
    expect(stdout).toContain('user-2002: verified');
    expect(stdout).toContain('user-3003: needs a new document');
    expect(stdout).toContain('All 14 deliveries were answered as documented.');
    expect(stdout).not.toContain('\u001b[');
  });

  it('should run the same deliveries through the inbox with --inbox: queued (200), then handled by the worker with the ledger', async () => {
    const { code, stdout, stderr } = await runDemo(cliEnv(), ['--inbox']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('(inbox mode: it queues, a worker runs the handlers)');
    // The failing APPROVED is answered 200 once queued; the worker fails, retries and applies it.
    expect(stdout).toMatch(
      /6\. APPROVED, handler fails once: queued \(200\), the worker retries\n[^\n]*\n {3}attempt 1: 200 \{\}[^\n]*\n {3}on\.APPROVED {3}user-2002: database unavailable, handler throws \(the worker will retry\)\n {3}worker {8}HANDLER_FAILED on attempt 1: the inbox retries\n {3}on\.APPROVED {3}user-2002: proof of address accepted/,
    );
    expect(stdout).not.toContain('HANDLER_FAILED: answered 500');
    expect(stdout).toMatch(/8\. P100's late retry[^\n]*\n[^\n]*\n {3}attempt 1: 200 \{\}[^\n]*\n {3}onDecision {4}user-3003 WAITING: stale[^\n]*\n {3}as expected/);
    expect(stdout).toMatch(/9\. REJECTED again[^\n]*\n[^\n]*\n {3}attempt 1: 200 \{\}[^\n]*\n {3}onDecision {4}user-3003 REJECTED: duplicate[^\n]*\n {3}as expected/);
    expect(stdout.match(/ as expected/g)).toHaveLength(14);
    expect(stdout).toContain('user-2002: verified');
    expect(stdout).toContain('All 14 deliveries were answered as documented.');
  });
});
