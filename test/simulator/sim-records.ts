/**
 * The records a simulation keeps: what P100 truly emitted, what it sent, what the receivers decided
 * and which effects ran. The checker reads nothing else.
 */
import type { PoaVerificationStatus } from '../../src/index.ts';

/** The injected failures, chosen by the simulated P100 per attempt and passed in `x-sim-fault`. */
export const FAULTS = ['throw', 'hang', 'drop', 'kill'] as const;
export type Fault = (typeof FAULTS)[number];

/** One true status change of a user, as P100 emits it. */
export interface TrueEvent {
  /** `<user>#<index>`: the simulator's own id (P100 sends none; the ledger never sees it). */
  readonly id: string;
  readonly user: string;
  readonly index: number;
  readonly status: PoaVerificationStatus;
  /** The true round, from 1. */
  readonly round: number;
  readonly emittedAt: number;
  /**
   * From when applying this status is right: its emission, or for a WAITING after an upload the
   * upload (the ledger may apply an earlier round's late WAITING as this round's, same payload).
   */
  readonly availableAt: number;
}

/** One HTTP attempt of a delivery. */
export interface Attempt {
  /** `<event id>/<n>`. */
  readonly id: string;
  readonly event: string;
  /** 1..5. */
  readonly n: number;
  readonly fault: Fault | undefined;
  /** The receiver process's pid (0 when none was up). */
  pid: number;
  readonly startedAt: number;
  endedAt: number;
  /** The HTTP status, or why there was none: `timeout`, `dropped`, `no-receiver`, or the socket error code. */
  result: number | string;
  /** The error code of a non-2xx answer. */
  code: string | undefined;
  /** Whether the receiver process died (SIGKILL) while this attempt was in flight. */
  inKilledProcess: boolean;
}

/** One event's delivery: its attempts and how it ended. */
export interface Delivery {
  readonly event: TrueEvent;
  readonly attempts: Attempt[];
  /** When P100 got its 2xx. */
  okAt: number | undefined;
  /** When P100 gave up, after the fifth failure. */
  givenUpAt: number | undefined;
}

/** What a receiver's `onDecision` saw, with the simulator's ids read from the request headers. */
export interface DecisionRecord {
  readonly receiptId: string;
  readonly user: string;
  readonly status: PoaVerificationStatus;
  readonly decision: 'applied' | 'duplicate' | 'stale' | 'anomaly';
  readonly round: number;
  readonly event: string;
  readonly attempt: string;
  readonly at: number;
  readonly pid: number;
}

/** An effect the partner's handler ran (a row in the effects table, an entry in the effects list). */
export interface EffectRecord {
  readonly user: string;
  readonly status: PoaVerificationStatus;
  readonly event: string;
  readonly attempt: string;
  readonly at: number;
  readonly pid: number;
}

/** A fault a receiver's handler acted on (a fault on a delivery decided duplicate or stale never fires). */
export interface FiredFault {
  readonly fault: Fault;
  readonly attempt: string;
  readonly pid: number;
}

/** When a receiver's server got an attempt's request (its handler called), to measure how late requests arrive. */
export interface ArrivalRecord {
  readonly attempt: string;
  readonly at: number;
  readonly pid: number;
}

/** One line of a receiver's log. */
export type ReceiverLogLine =
  | ({ readonly type: 'decision' } & DecisionRecord)
  | ({ readonly type: 'fault' } & FiredFault)
  | ({ readonly type: 'arrival' } & ArrivalRecord);
