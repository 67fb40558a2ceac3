/**
 * The P100 simulator against real shared stores (DELIVERY-GUARANTEES.md, "How to prove it"): 4
 * receiver processes over real HTTP sharing one PostgreSQL (effects in the ledger's transaction:
 * exactly once demanded) and, separately, one Redis (effects outside the store: only SIGKILL repeats
 * allowed, counted apart), with 20% injected faults including receivers killed mid-delivery. The
 * full size is `npm run simulate`.
 */
import { describe, expect, it } from 'vitest';
import { testServer } from '../support/servers.ts';
import { simulateStore } from './simulate-store.ts';
import { formatReport } from './format-report.ts';

const USERS = Number(process.env['P100_SIM_USERS'] ?? 200);

for (const kind of ['postgres', 'redis'] as const) {
  const url = testServer(kind);
  if (url === undefined) continue;
  describe(`the P100 simulator, 4 receiver processes on one ${kind}`, () => {
    it(`should hold every invariant for ${USERS} users under 20% faults, SIGKILLs included`, async () => {
      const run = await simulateStore({ store: { kind, url }, users: USERS, receivers: 4, seed: 41 });
      const report = formatReport(`${kind}: ${USERS} users, 4 receiver processes, seed 41`, run);
      // The report rides on the assertions (printed when one fails); CI refuses output a test lets through.
      expect(run.violations, report).toEqual([]);
      expect(run.users, report).toBe(USERS);
      expect(run.decisions.applied, report).toBeGreaterThan(USERS);
      expect(run.decisions.duplicate, report).toBeGreaterThan(0);
      expect(run.faultsFired.kill ?? 0, report).toBeGreaterThan(0);
      if (kind === 'postgres') expect(run.killRepeats, report).toEqual([]); // effects commit with the decision
      expect(run.maxRetrySpanMs, report).toBeLessThan(run.retryHorizonMs);
    }, 240_000);
  });
}
