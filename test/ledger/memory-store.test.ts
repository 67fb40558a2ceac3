import { createMemoryLedgerStore, type PoaLedgerStore } from '../../src/ledger.ts';
import { describeLedgerStore } from './store-conformance.ts';

describeLedgerStore('memory', async () => {
  const store: PoaLedgerStore = createMemoryLedgerStore();
  // One process, one map: the second instance is the same store.
  return { store, reopen: async () => store, close: async () => {} };
});
