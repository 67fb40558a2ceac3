/**
 * The P100 simulator in one process (memory store, two loopback receivers): runs everywhere, with
 * no server, and shows the checker failing on wrong rules. The multi-process runs on PostgreSQL and
 * Redis are in simulator-fleet.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { scaleP100Timings } from './p100-timings.ts';
import { formatReport } from './format-report.ts';
import { simulateStore } from './simulate-store.ts';

const memory = { kind: 'memory' } as const;

describe.concurrent('the P100 simulator, in one process on the memory store', () => {
  it('should find every invariant held by the ledger for 200 users under 20% faults', async () => {
    const run = await simulateStore({ store: memory, users: 200, receivers: 2, seed: 12 });
    const report = formatReport('memory: 200 users, 2 receivers, seed 12', run);
    expect(run.violations, report).toEqual([]);
    expect(run.maxRetrySpanMs, report).toBeLessThan(run.retryHorizonMs);
    expect(run.users, report).toBe(200);
    expect(run.decisions.stale, report).toBeGreaterThan(0);
    expect(run.decisions.duplicate, report).toBeGreaterThan(0);
    expect(run.decisions.anomaly, report).toBe(0);
    expect(run.givenUp.length, report).toBeGreaterThan(0); // reported, not a violation
  }, 120_000);

  it.each([
    { rule: 'the old README recipe (skip a repeat of the last applied status)', make: () => ({ kind: 'last-status', last: new Map() }) as const, kinds: ['out-of-order'] },
    { rule: "a ledger whose horizon is far shorter than P100's retries", make: () => ({ kind: 'ledger', retryHorizonMs: 5 }) as const, kinds: ['out-of-order'] },
  ])('should report violations for $rule', async ({ make, kinds }) => {
    const run = await simulateStore({ store: memory, users: 200, receivers: 2, seed: 12, rule: make() });
    expect(run.violations.map((v) => v.kind)).toEqual(expect.arrayContaining(kinds));
  }, 120_000);

  it('should report lost events when the partner does not record its uploads', async () => {
    const run = await simulateStore({ store: memory, users: 200, receivers: 2, seed: 12, recordUploads: false });
    expect(run.violations.map((v) => v.kind)).toContain('residual');
  }, 120_000);

  it('should count the documented residual ambiguity, and find nothing else', async () => {
    const run = await simulateStore({ store: memory, users: 50, receivers: 2, seed: 7, residualOnly: true });
    expect(run.residual).toBeGreaterThan(0);
    expect(run.violations).toEqual([]);
  }, 120_000);

  it('should keep the scaled schedule inside the retry horizon', () => {
    const t = scaleP100Timings(1 / 200);
    expect(t.retryDelaysMs).toEqual([40, 80, 160, 320]);
    expect(t.retrySpanMs).toBeLessThan(t.retryHorizonMs);
  });
});
