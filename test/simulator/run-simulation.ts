/**
 * One simulation run: the users' true stories played in real time against a fleet of receivers,
 * P100's deliveries with their retries and faults, then the checker over what happened.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { checkSimulation, type CheckResult } from './check-simulation.ts';
import { createP100Sender } from './p100-sender.ts';
import type { P100Timings } from './p100-timings.ts';
import type { UserPlan } from './plan-users.ts';
import type { Random } from './random.ts';
import type { ReceiverFleet } from './receiver-fleet.ts';
import type { SimulatorBackend } from './sim-backend.ts';
import type { ArrivalRecord, DecisionRecord, Delivery, Fault, FiredFault, TrueEvent } from './sim-records.ts';

export interface SimulationOptions {
  readonly plans: readonly UserPlan[];
  readonly fleet: ReceiverFleet;
  readonly backend: SimulatorBackend;
  readonly timings: P100Timings;
  readonly random: Random;
  readonly secret: string;
  readonly faultRate: number;
  readonly faultWeights: Readonly<Record<Fault, number>>;
  /** The share of events P100 is made to give up (every attempt throws). */
  readonly giveUpRate: number;
  /**
   * `avoid`: a new round's outcome equal to an outcome the partner learned less than 1.1 H ago waits
   * until it is older (the main run); `allow`: the truth may hold the residual ambiguity.
   */
  readonly residual: 'avoid' | 'allow';
  /** Whether the partner records its uploads (`recordUpload`); without, new rounds look like retries. */
  readonly recordUploads?: boolean;
}

/**
 * How late attempts reached a receiver's server after the simulated P100 sent them (client-side
 * queueing, the receivers' busy event loops): the run's own overload, which it must keep far below
 * P100's timings, or its timeouts and give-ups race with attempts still on their way.
 */
export interface ArrivalLag {
  /** Attempts that reached a receiver. */
  readonly arrived: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Attempts that reached a receiver only after P100 had stopped waiting for them (the client timeout). */
  readonly afterClientTimeout: number;
  readonly clientTimeoutMs: number;
  /** Attempts later than a tenth of the client timeout, when they were sent (s from the run's start), and how many reached a process in its first second. */
  readonly slow: { readonly count: number; readonly thresholdMs: number; readonly fromS: number; readonly toS: number; readonly inFirstSecondOfProcess: number };
}

export function arrivalLag(deliveries: readonly Delivery[], arrivals: readonly ArrivalRecord[], clientTimeoutMs: number, startedAt: number): ArrivalLag {
  const sentAt = new Map(deliveries.flatMap((d) => d.attempts.map((a) => [a.id, a.startedAt] as const)));
  const firstArrival = new Map<number, number>();
  for (const a of arrivals) firstArrival.set(a.pid, Math.min(firstArrival.get(a.pid) ?? a.at, a.at));
  const thresholdMs = Math.round(clientTimeoutMs / 10);
  const slow = { count: 0, thresholdMs, fromS: 0, toS: 0, inFirstSecondOfProcess: 0 };
  const lags = arrivals.flatMap((a) => {
    const sent = sentAt.get(a.attempt);
    if (sent === undefined) return [];
    if (a.at - sent >= thresholdMs) {
      const s = Math.round((sent - startedAt) / 100) / 10;
      if (slow.count === 0) slow.fromS = s;
      slow.fromS = Math.min(slow.fromS, s);
      slow.toS = Math.max(slow.toS, s);
      slow.count++;
      if (a.at - (firstArrival.get(a.pid) ?? a.at) < 1000) slow.inFirstSecondOfProcess++;
    }
    return [a.at - sent];
  });
  lags.sort((a, b) => a - b);
  const at = (q: number): number => (lags.length === 0 ? 0 : (lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] as number));
  return { arrived: lags.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: lags.length === 0 ? 0 : (lags[lags.length - 1] as number), afterClientTimeout: lags.filter((l) => l >= clientTimeoutMs).length, clientTimeoutMs, slow };
}

export interface SimulationRun extends CheckResult {
  readonly lag: ArrivalLag;
  readonly wallMs: number;
  readonly receivers: number;
  readonly restarts: number;
  readonly uploads: number;
  readonly retryHorizonMs: number;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationRun> {
  const { plans, fleet, backend, timings, random, secret } = options;
  const h = timings.retryHorizonMs;
  const sender = createP100Sender({ fleet, random, timings, secret, faultRate: options.faultRate, faultWeights: options.faultWeights, giveUpRate: options.giveUpRate });
  const truth: TrueEvent[] = [];
  const pending: Promise<Delivery>[] = [];
  const appliedWaiters = new Map<string, () => void>();
  fleet.onApplied((record: DecisionRecord) => appliedWaiters.get(record.event)?.());
  let uploads = 0;
  const started = Date.now();

  const emit = (user: string, index: number, status: TrueEvent['status'], round: number, availableAt: number): Promise<Delivery> => {
    const event: TrueEvent = { id: `${user}#${index}`, user, index, status, round, emittedAt: Date.now(), availableAt };
    truth.push(event);
    const delivery = sender.deliver(event);
    pending.push(delivery);
    return delivery;
  };

  const story = async (plan: UserPlan): Promise<void> => {
    await sleep(plan.startMs);
    const learned = new Map<string, number>(); // outcome -> when the partner last learned it
    let index = 0;
    for (const [k, round] of plan.rounds.entries()) {
      let availableAt = Date.now();
      if (k > 0 && options.recordUploads !== false) {
        availableAt = Date.now();
        await backend.store.recordUpload(plan.user, Date.now());
        uploads++;
      }
      void emit(plan.user, index++, 'WAITING', k + 1, availableAt);
      let due = Date.now() + round.reviewMs;
      const last = learned.get(round.outcome);
      if (options.residual === 'avoid' && last !== undefined) due = Math.max(due, last + 1.1 * h);
      await sleep(Math.max(0, due - Date.now()));
      const id = `${plan.user}#${index}`;
      const known = new Promise<void>((resolve) => appliedWaiters.set(id, resolve));
      const delivery = emit(plan.user, index++, round.outcome, k + 1, Date.now());
      if (round.outcome === 'APPROVED' || k === plan.rounds.length - 1) break;
      // The partner learns the outcome when a receiver applies it (or P100 stops sending it), then the user reacts.
      await Promise.race([known, delivery]);
      appliedWaiters.delete(id);
      learned.set(round.outcome, Date.now());
      await sleep(round.reactionMs);
    }
  };

  await Promise.all(plans.map(story));
  const deliveries = await Promise.all(pending);
  // A handler that outlived its timeout commits after its 503: give stragglers time to finish.
  await sleep(timings.handlerTimeoutMs * 2 + timings.leaseMs);
  const wallMs = Date.now() - started;
  // An attempt whose handler may still have been running when its receiver process died was in
  // flight in it: no HTTP answer that ended when the process died, or an answer sent while the
  // handler kept running (503 HANDLER_TIMEOUT, a dropped connection) before a death within the
  // longest a handler runs.
  const longestHandlerMs = 2 * timings.handlerTimeoutMs + timings.leaseMs;
  for (const delivery of deliveries) {
    for (const attempt of delivery.attempts) {
      const diedAt = fleet.deaths.get(attempt.pid);
      if (diedAt === undefined || attempt.startedAt > diedAt) continue;
      const noAnswer = typeof attempt.result === 'string' && attempt.endedAt >= diedAt - 50;
      const stillRunning = (attempt.result === 503 || typeof attempt.result === 'string') && diedAt <= attempt.startedAt + longestHandlerMs;
      if (noAnswer || stillRunning) attempt.inKilledProcess = true;
    }
  }
  sender.close();
  const lines = await fleet.readLogs();
  const effects = await backend.readEffects();
  const decisions = lines.filter((l): l is DecisionRecord & { type: 'decision' } => l.type === 'decision');
  const faults = lines.filter((l): l is FiredFault & { type: 'fault' } => l.type === 'fault');
  const arrivals = lines.filter((l): l is ArrivalRecord & { type: 'arrival' } => l.type === 'arrival');
  const result = checkSimulation({
    truth,
    deliveries,
    decisions,
    faults,
    effects,
    effectsInStoreTransaction: backend.effectsInStoreTransaction,
    retryHorizonMs: h,
    residualAllowed: options.residual === 'allow',
  });
  return { ...result, lag: arrivalLag(deliveries, arrivals, timings.clientTimeoutMs, started), wallMs, receivers: fleet.slots.length, restarts: fleet.restarts(), uploads, retryHorizonMs: h };
}
