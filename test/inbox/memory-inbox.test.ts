import { createMemoryInbox, type PoaInbox } from '../../src/inbox.ts';
import { describeInbox } from './inbox-conformance.ts';
import { describeWorker } from './worker-cases.ts';

const engine = {
  name: 'memory',
  pickupMs: 50,
  async open(retry: Parameters<typeof createMemoryInbox>[0]) {
    const inbox = createMemoryInbox(retry);
    // One process, one array: the second inbox is the same queue.
    return { inbox, reopen: async () => inbox, close: async () => {} };
  },
  async broken() {
    const inbox: PoaInbox = { ...createMemoryInbox(), enqueue: async () => Promise.reject(new Error('unreachable')) };
    return { inbox, close: async () => {} };
  },
};

describeInbox(engine);
describeWorker(engine);
