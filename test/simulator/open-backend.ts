/** Opens the shared store a run uses, on the receivers' side and on the simulator's. */
import { createMemoryBackend } from './memory-backend.ts';
import { openPostgresReceiver, openPostgresSimulator } from './postgres-backend.ts';
import { openRedisReceiver, openRedisSimulator } from './redis-backend.ts';
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
      return openPostgresReceiver(config.url, config.namespace);
    case 'redis':
      return openRedisReceiver(config.url, config.namespace);
  }
}

export async function openSimulatorBackend(config: BackendConfig): Promise<SimulatorBackend> {
  switch (config.kind) {
    case 'memory':
      return createMemoryBackend().simulator;
    case 'postgres':
      return openPostgresSimulator(config.url, config.namespace);
    case 'redis':
      return openRedisSimulator(config.url, config.namespace);
  }
}
