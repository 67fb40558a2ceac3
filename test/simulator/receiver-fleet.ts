/**
 * The receivers the simulated P100 delivers to, and what it needs of them: a live one to send an
 * attempt to, the attempts in flight in each (so a SIGKILL marks them), and the receivers' logs.
 */
import type { Random } from './random.ts';
import type { Attempt, DecisionRecord, ReceiverLogLine } from './sim-records.ts';

export interface ReceiverSlot {
  readonly index: number;
  port: number;
  pid: number;
  up: boolean;
  /** Attempts sent to the current process and not yet answered. */
  readonly inflight: Set<Attempt>;
}

export interface ReceiverFleet {
  readonly slots: readonly ReceiverSlot[];
  /** Whether the receivers may be killed (child processes). */
  readonly killable: boolean;
  /** pid -> when it died (ms since the epoch), for each receiver process that died during the run. */
  readonly deaths: ReadonlyMap<number, number>;
  /** How many times a receiver was restarted after dying. */
  readonly restarts: () => number;
  /** Called with each `applied` decision as a receiver reports it (best effort: a SIGKILL may lose one). */
  onApplied(listener: (record: DecisionRecord) => void): void;
  /** Every line the receivers logged. */
  readLogs(): Promise<ReceiverLogLine[]>;
  stop(): Promise<void>;
}

/** A random receiver among those up (P100's load balancer only routes to live ones). */
export function pickReceiver(fleet: ReceiverFleet, random: Random): ReceiverSlot | undefined {
  const up = fleet.slots.filter((slot) => slot.up);
  return up.length === 0 ? undefined : up[Math.floor(random.next() * up.length)];
}
