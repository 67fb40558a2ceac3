import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The CI-sized run of `bench/stress.mjs` (the full 100,000 is `npm run stress`), in a child process
 * started with `--expose-gc` so memory is measured after real collections. No assertion is about time:
 * the run is only bounded (`--timeout-ms`), so a slow shared machine cannot make it flaky.
 */
const SIZE = 10_000;
const CONCURRENCY = 100;
const STRESS = join(import.meta.dirname, '..', '..', 'bench', 'stress.mjs');

interface Phase {
  size: number;
  valid: number;
  hostile: number;
  accepted: number;
  refusedAsDocumented: number;
  handlerCalls: number;
  seenOnce: number;
  seenHostile: number;
  onErrors: number;
  transportErrors: number;
  wrong: unknown[];
  ok: boolean;
}
interface Report {
  size: number;
  concurrency: number;
  valid: Phase;
  mixed: Phase;
  memory: { gcExposed: boolean; heapDeltaMB: number };
  clientErrors: number;
  logged: string[];
  ok: boolean;
}

let report: Report;
let exitCode: number;

beforeAll(async () => {
  const run = promisify(execFile);
  const args = ['--expose-gc', STRESS, '--size', String(SIZE), '--concurrency', String(CONCURRENCY), '--hostile', '0.2', '--timeout-ms', '170000', '--json'];
  try {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 2 ** 20 });
    exitCode = 0;
    report = JSON.parse(stdout) as Report;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    exitCode = failed.code ?? -1;
    report = JSON.parse(failed.stdout ?? 'null') as Report;
  }
}, 180_000);

describe('stress run over 100 keep-alive connections to a real node:http server', () => {
  it('should answer every one of the valid deliveries 200 and call the handler exactly once per event', () => {
    const { valid } = report;
    expect(valid.wrong).toEqual([]);
    expect(valid).toMatchObject({
      size: SIZE,
      valid: SIZE,
      accepted: SIZE,
      handlerCalls: SIZE,
      seenOnce: SIZE,
      seenHostile: 0,
      onErrors: 0,
      transportErrors: 0,
      ok: true,
    });
  });

  it('should keep every valid delivery and refuse every hostile one of a stream that is 20% hostile', () => {
    const { mixed } = report;
    expect(mixed.wrong).toEqual([]);
    expect(mixed.hostile).toBe(SIZE / 5);
    expect(mixed).toMatchObject({
      valid: SIZE - SIZE / 5,
      accepted: SIZE - SIZE / 5,
      handlerCalls: SIZE - SIZE / 5,
      seenOnce: SIZE - SIZE / 5,
      refusedAsDocumented: SIZE / 5,
      onErrors: SIZE / 5,
      seenHostile: 0,
      transportErrors: 0,
      ok: true,
    });
  });

  it('should log nothing and see no client error', () => {
    expect(report.logged).toEqual([]);
    expect(report.clientErrors).toBe(0);
  });

  it('should return within 20 MB of the starting memory after collection', () => {
    expect(report.memory.gcExposed).toBe(true);
    expect(report.memory.heapDeltaMB).toBeLessThan(20);
  });

  it('should exit 0 with an overall ok', () => {
    expect([exitCode, report.ok]).toEqual([0, true]);
  });
});
