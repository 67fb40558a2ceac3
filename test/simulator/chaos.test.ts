/**
 * The chaos proof of the inbox at CI size (issue 13; the full 20,000 deliveries are `npm run
 * chaos`), on each engine: 800 deliveries from the simulated P100 through 2 receiver processes into
 * pg-boss on the real PostgreSQL, or BullMQ on the real Redis, 3 worker processes with the
 * PostgreSQL ledger in transactional mode, a receiver and a worker SIGKILLed at random moments and
 * restarted. Then, per engine, a run with a receiver that answers 200 without queueing one delivery
 * in 50, which the checks must catch (and only as `lost`).
 */
import { describe, expect, it } from 'vitest';
import type { ChaosEngineName } from './chaos-engine.ts';
import { testServer } from '../support/servers.ts';
import { formatChaos, runChaos } from './run-chaos.ts';

const DELIVERIES = Number(process.env['P100_CHAOS_DELIVERIES'] ?? 800);
const postgres = testServer('postgres');
const redis = testServer('redis');

function describeEngine(engine: ChaosEngineName, engineUrl: string, ledgerUrl: string): void {
  describe(`the inbox chaos proof on ${engine}`, () => {
    it(`should process every accepted delivery of ${DELIVERIES} exactly once through SIGKILLs, dead-letter exactly the failing users and replay them`, async () => {
      const run = await runChaos({ engine, engineUrl, ledgerUrl, deliveries: DELIVERIES, seed: 13, kills: 1 });
      // The report rides on the assertions (printed when one fails); CI refuses output a test lets through.
      const report = formatChaos(`${engine}: ${DELIVERIES} deliveries, seed 13`, run);
      expect(run.violations, report).toEqual([]);
      expect(run.receiverKills, report).toBeGreaterThanOrEqual(1);
      expect(run.workerKills, report).toBeGreaterThanOrEqual(1);
      expect(run.receiverRestarts, report).toBeGreaterThanOrEqual(1);
      expect(run.workerRestarts, report).toBeGreaterThanOrEqual(1);
      expect(run.answered200, report).toBeGreaterThan(DELIVERIES * 0.9);
      expect(run.after.accepted, report).toBe(run.answered200);
      expect(run.after.duplicates, report).toBe(0);
      expect(run.before.dead, report).toBeGreaterThan(0);
      expect(run.replayed, report).toBe(run.before.dead);
      expect(run.deadAfterReplay, report).toBe(0);
      expect(run.healedEffects, report).toBeGreaterThan(0);
    }, 90_000);

    it('should catch a receiver that answers 200 without queueing', async () => {
      const run = await runChaos({ engine, engineUrl, ledgerUrl, deliveries: 200, seed: 14, kills: 1, mutate: 'lose-enqueue' });
      const report = formatChaos(`${engine}: 200 deliveries, lose-enqueue`, run);
      expect(run.violations.length, report).toBeGreaterThan(0);
      expect(run.violations.every((v) => v.includes(': lost: ')), report).toBe(true);
    }, 60_000);
  });
}

if (postgres !== undefined) {
  describeEngine('pg-boss', postgres, postgres);
  if (redis !== undefined) describeEngine('bullmq', redis, postgres);
}
