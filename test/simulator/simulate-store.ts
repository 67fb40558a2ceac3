/**
 * One complete simulation on one kind of store: the receivers (in-process on the memory store; 4
 * supervised child processes on PostgreSQL or Redis), the users' plans, the run and the check.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReceiver } from './build-receiver.ts';
import { startInProcessFleet } from './in-process-fleet.ts';
import { createMemoryBackend } from './memory-backend.ts';
import { openSimulatorBackend, type BackendConfig } from './open-backend.ts';
import { scaleP100Timings } from './p100-timings.ts';
import { planResidualUsers, planUsers } from './plan-users.ts';
import { startProcessFleet } from './process-fleet.ts';
import { createRandom } from './random.ts';
import type { ReceiverFleet } from './receiver-fleet.ts';
import { runSimulation, type SimulationRun } from './run-simulation.ts';
import type { SimulatorBackend } from './sim-backend.ts';
import type { SimRule } from './sim-receiver.ts';
import type { Fault } from './sim-records.ts';

export type SimulatedStore = { readonly kind: 'memory' } | { readonly kind: 'postgres' | 'redis'; readonly url: string };

export interface SimulateOptions {
  readonly store: SimulatedStore;
  readonly users: number;
  /** Receivers: in-process on memory, child processes otherwise. @default 4 */
  readonly receivers?: number;
  /** P100's times multiplied by this. @default 1/200 */
  readonly scale?: number;
  readonly seed: number;
  /** In-process (memory) runs only: a wrong rule, to see the checker fail. */
  readonly rule?: SimRule;
  /** Users made only of the documented residual ambiguity. */
  readonly residualOnly?: boolean;
  readonly recordUploads?: boolean;
}

/** 20% of attempts carry a fault, in these proportions (`kill` only where receivers are processes). */
export const FAULT_RATE = 0.2;
// A kill takes down every delivery in flight in that process and the receiver for its restart, so it
// is weighted lower than the faults that touch one delivery (at 15 of 100, the full run restarted a
// receiver 200 times in 42 s and P100 gave up on half the events). SIM_KILL_WEIGHT overrides it.
export const FAULT_WEIGHTS: Readonly<Record<Fault, number>> = { throw: 36, hang: 30, drop: 30, kill: Number(process.env['SIM_KILL_WEIGHT'] ?? 4) };
/** Besides, 0.5% of events throw on every attempt, so P100 gives them up and the report must name them. */
export const GIVE_UP_RATE = 0.005;
const SECRET = 'p100-simulator-secret';

export async function simulateStore(options: SimulateOptions): Promise<SimulationRun> {
  const timings = scaleP100Timings(options.scale ?? 1 / 200);
  const random = createRandom(options.seed);
  const count = options.receivers ?? 4;
  const prefix = `sim${options.seed}x${randomBytes(3).toString('hex')}`;
  let fleet: ReceiverFleet | undefined;
  let backend: SimulatorBackend | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  try {
    if (options.store.kind === 'memory') {
      const memory = createMemoryBackend();
      backend = memory.simulator;
      fleet = await startInProcessFleet({ count, backend: memory.receiver, timings, secret: SECRET, rule: options.rule ?? { kind: 'ledger' } });
    } else {
      if (options.rule !== undefined) throw new TypeError('a wrong rule is only simulated in-process');
      const config: BackendConfig = { kind: options.store.kind, url: options.store.url, namespace: prefix };
      backend = await openSimulatorBackend(config);
      const built = await buildReceiver();
      cleanup.push(built.remove);
      const logDir = await mkdtemp(join(tmpdir(), 'p100-simulator-logs-'));
      cleanup.push(() => rm(logDir, { recursive: true, force: true }));
      fleet = await startProcessFleet({ count, script: built.script, config: { backend: config, timings, secret: SECRET, logDir } });
    }
    const plans = options.residualOnly === true
      ? planResidualUsers({ users: options.users, random, timings, prefix })
      : planUsers({ users: options.users, random, timings, maxRounds: 4, spreadMs: 2 * timings.retryHorizonMs, prefix });
    return await runSimulation({
      plans, fleet, backend, timings, random, secret: SECRET, faultRate: FAULT_RATE, faultWeights: FAULT_WEIGHTS, giveUpRate: GIVE_UP_RATE,
      residual: options.residualOnly === true ? 'allow' : 'avoid',
      ...(options.recordUploads === undefined ? {} : { recordUploads: options.recordUploads }),
    });
  } finally {
    await fleet?.stop();
    await backend?.close();
    for (const step of cleanup.reverse()) await step();
  }
}
