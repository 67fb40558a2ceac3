/**
 * What a receiver needs from the shared store, per store kind: the ledger store, and where the
 * partner's effects go. A PostgreSQL effect is written inside the ledger's transaction (it commits
 * with the decision, or not at all); a Redis effect is written outside the store (at least once
 * across a crash between effect and commit); a memory effect is an array (one process).
 */
import type { PoaWebhookContext } from '../../src/index.ts';
import type { PoaLedgerStore } from '../../src/ledger.ts';
import type { EffectRecord } from './sim-records.ts';

export interface ReceiverBackend {
  readonly store: PoaLedgerStore;
  /** Whether effects commit with the decision (then the proof demands exactly once). */
  readonly effectsInStoreTransaction: boolean;
  /** Runs the partner's effect for one applied delivery. */
  effect(record: EffectRecord, context: PoaWebhookContext): Promise<void>;
  close(): Promise<void>;
}

/** The simulator's side of the same store: uploads, reading the effects back, cleaning up. */
export interface SimulatorBackend {
  readonly store: PoaLedgerStore;
  readonly effectsInStoreTransaction: boolean;
  /** Every effect in the order it was written. */
  readEffects(): Promise<EffectRecord[]>;
  /** Drops the namespace's tables or keys and closes the connections. */
  close(): Promise<void>;
}
