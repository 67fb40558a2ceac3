/** The in-process backend: one memory store and one effects array shared by in-process receivers. */
import { createMemoryLedgerStore } from '../../src/ledger.ts';
import type { ReceiverBackend, SimulatorBackend } from './sim-backend.ts';
import type { EffectRecord } from './sim-records.ts';

export function createMemoryBackend(): { simulator: SimulatorBackend; receiver: ReceiverBackend } {
  const store = createMemoryLedgerStore();
  const effects: EffectRecord[] = [];
  return {
    simulator: { store, effectsInStoreTransaction: false, readEffects: async () => [...effects], close: async () => {} },
    receiver: {
      store,
      effectsInStoreTransaction: false,
      effect: async (record) => {
        effects.push(record);
      },
      close: async () => {},
    },
  };
}
