/**
 * The P100 simulator in one process (memory store, two loopback receivers): runs everywhere, with
 * no server. The multi-process runs on PostgreSQL and Redis are in simulator-fleet.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { startInProcessFleet } from './in-process-fleet.ts';
import { createMemoryBackend } from './memory-backend.ts';
import { scaleP100Timings } from './p100-timings.ts';
import { planResidualUsers, planUsers } from './plan-users.ts';
import { createRandom } from './random.ts';
import { runSimulation, type SimulationRun } from './run-simulation.ts';
import type { SimRule } from './sim-receiver.ts';

const SECRET = 'sim-secret';
const timings = scaleP100Timings(1 / 200);
const FAULTS = { throw: 35, hang: 25, drop: 25, kill: 15 } as const;

async function simulate(options: { users: number; seed: number; rule?: SimRule; residual?: boolean; recordUploads?: boolean }): Promise<SimulationRun> {
  const random = createRandom(options.seed);
  const { simulator, receiver } = createMemoryBackend();
  const fleet = await startInProcessFleet({ count: 2, backend: receiver, timings, secret: SECRET, rule: options.rule ?? { kind: 'ledger' } });
  try {
    const plans = options.residual === true
      ? planResidualUsers({ users: options.users, random, timings, prefix: `mem${options.seed}` })
      : planUsers({ users: options.users, random, timings, maxRounds: 4, spreadMs: 2 * timings.retryHorizonMs, prefix: `mem${options.seed}` });
    return await runSimulation({
      plans, fleet, backend: simulator, timings, random, secret: SECRET, faultRate: 0.2, faultWeights: FAULTS,
      residual: options.residual === true ? 'allow' : 'avoid', ...(options.recordUploads === undefined ? {} : { recordUploads: options.recordUploads }),
    });
  } finally {
    await fleet.stop();
    await simulator.close();
  }
}

describe('the P100 simulator, in one process on the memory store', () => {
  it('should find every invariant held by the ledger for 200 users under 20% faults', async () => {
    const run = await simulate({ users: 200, seed: 12 });
    expect(run.violations).toEqual([]);
    expect(run.maxRetrySpanMs).toBeLessThan(timings.retryHorizonMs);
    expect(run.users).toBe(200);
    expect(run.decisions.stale).toBeGreaterThan(0);
    expect(run.decisions.duplicate).toBeGreaterThan(0);
    expect(run.decisions.anomaly).toBe(0);
  }, 120_000);

  it.each([
    { rule: 'the old README recipe (skip a repeat of the last applied status)', make: (): SimRule => ({ kind: 'last-status', last: new Map() }), kinds: ['out-of-order'] },
    { rule: 'a ledger whose horizon is shorter than P100\'s retries', make: (): SimRule => ({ kind: 'ledger', retryHorizonMs: 5 }), kinds: ['out-of-order'] },
  ])('should report violations for $rule', async ({ make, kinds }) => {
    const run = await simulate({ users: 200, seed: 12, rule: make() });
    console.log(JSON.stringify({ ...run, violations: run.violations.slice(0, 10), givenUp: run.givenUp.length, killRepeats: run.killRepeats.length }));
    expect(run.violations.length).toBeGreaterThan(0);
    expect(run.violations.map((v) => v.kind)).toEqual(expect.arrayContaining(kinds));
  }, 120_000);

  it('should report lost events when the partner does not record its uploads', async () => {
    const run = await simulate({ users: 200, seed: 12, recordUploads: false });
    console.log(JSON.stringify({ ...run, violations: run.violations.slice(0, 10), givenUp: run.givenUp.length, killRepeats: run.killRepeats.length }));
    expect(run.violations.length).toBeGreaterThan(0);
  }, 120_000);

  it('should count the documented residual ambiguity, and find nothing else', async () => {
    const run = await simulate({ users: 50, seed: 7, residual: true });
    console.log(JSON.stringify({ ...run, violations: run.violations.slice(0, 10), givenUp: run.givenUp.length, killRepeats: run.killRepeats.length }));
    expect(run.residual).toBeGreaterThan(0);
    expect(run.violations).toEqual([]);
  }, 120_000);
});
