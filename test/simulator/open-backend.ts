/** Opens the shared store a run uses, on the receivers' side and on the simulator's. */
import { createMemoryBackend } from './memory-backend.ts';
import type { ReceiverBackend, SimulatorBackend } from './sim-backend.ts';

export type BackendConfig =
  /** A memory store in each process: only for checking the plumbing with one receiver (a SIGKILL loses it). */
  | { readonly kind: 'memory' }
  | { readonly kind: 'postgres'; readonly url: string; readonly namespace: string }
  | { readonly kind: 'redis'; readonly url: string; readonly namespace: string };

export async function openReceiverBackend(config: BackendConfig): Promise<ReceiverBackend> {
  switch (config.kind) {
    case 'memory':
      return createMemoryBackend().receiver;
    case 'postgres':
    case 'redis':
      throw new Error(`the ${config.kind} store has not landed yet`);
  }
}

export async function openSimulatorBackend(config: BackendConfig): Promise<SimulatorBackend> {
  switch (config.kind) {
    case 'memory':
      return createMemoryBackend().simulator;
    case 'postgres':
    case 'redis':
      throw new Error(`the ${config.kind} store has not landed yet`);
  }
}
