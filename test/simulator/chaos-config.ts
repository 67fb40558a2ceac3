/** What the chaos runner hands its receiver and worker child processes (as JSON in `SIM_CONFIG`). */
import type { ChaosEngineConfig } from './chaos-engine.ts';

/**
 * A defect to inject on purpose, to see the checks fail: `lose-enqueue` (a receiver answers 200 for
 * one delivery in 50 without queueing it), `no-ledger` (workers run every job's effect, outside any
 * transaction), `double-effect` (a worker writes one effect in 50 twice).
 */
export const CHAOS_MUTATIONS = ['lose-enqueue', 'no-ledger', 'double-effect'] as const;
export type ChaosMutation = (typeof CHAOS_MUTATIONS)[number];

export interface ChaosChildConfig {
  readonly engine: ChaosEngineConfig;
  readonly secret: string;
  /** The receivers' wait for the engine's acknowledgement; the workers' handler timeout. */
  readonly handlerTimeoutMs: number;
  /** The worker's ledger: PostgreSQL (transactional mode) on this URL, this table. */
  readonly ledgerUrl: string;
  readonly ledgerTable: string;
  /** Where workers write each effect, in the ledger's transaction. */
  readonly effectsTable: string;
  /** The ledger's retry horizon, in ms. */
  readonly retryHorizonMs: number;
  /** Users whose id contains this fail in the handler every time, until the file `HEALED` exists in `logDir`. */
  readonly failMarker: string;
  readonly concurrency: number;
  /** Each worker appends its decisions here (`worker-<pid>.jsonl`), synchronously, before the job is recorded. */
  readonly logDir: string;
  readonly mutate: ChaosMutation | undefined;
}

/** One ledger decision a worker made, as logged. */
export interface ChaosDecision {
  readonly event: string;
  readonly attempt: string;
  readonly user: string;
  readonly status: string;
  readonly decision: string;
  readonly jobId: string;
  readonly pid: number;
  readonly at: number;
}
