/**
 * The chaos proof of the inbox at CI size (issue 13; the full 20,000 deliveries are `npm run
 * chaos`): 800 deliveries from the simulated P100 through 2 receiver processes into pg-boss on the
 * real PostgreSQL, 3 worker processes with the PostgreSQL ledger in transactional mode, a receiver
 * and a worker SIGKILLed at random moments and restarted. Then a run with a receiver that answers
 * 200 without queueing one delivery in 50, which the checks must catch.
 */
import { describe, expect, it } from 'vitest';
import { testServer } from '../support/servers.ts';
import { formatChaos, runChaos } from './run-chaos.ts';

const DELIVERIES = Number(process.env['P100_CHAOS_DELIVERIES'] ?? 800);
const url = testServer('postgres');

if (url !== undefined) {
  describe('the inbox chaos proof on pg-boss', () => {
    it(`should process every accepted delivery of ${DELIVERIES} exactly once through SIGKILLs, dead-letter exactly the failing users and replay them`, async () => {
      const run = await runChaos({ engine: 'pg-boss', engineUrl: url, ledgerUrl: url, deliveries: DELIVERIES, seed: 13, kills: 1 });
      // The report rides on the assertions (printed when one fails); CI refuses output a test lets through.
      const report = formatChaos(`pg-boss: ${DELIVERIES} deliveries, seed 13`, run);
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
      const run = await runChaos({ engine: 'pg-boss', engineUrl: url, ledgerUrl: url, deliveries: 200, seed: 14, kills: 1, mutate: 'lose-enqueue' });
      const report = formatChaos('pg-boss: 200 deliveries, lose-enqueue', run);
      expect(run.violations.length, report).toBeGreaterThan(0);
      expect(run.violations.every((v) => v.includes(': lost: ')), report).toBe(true);
    }, 60_000);
  });
}
