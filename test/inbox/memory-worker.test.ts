import { createMemoryInbox } from '../../src/inbox.ts';
import { describeWorker } from './worker-cases.ts';

describeWorker({
  name: 'memory',
  pickupMs: 50,
  async open(retry) {
    const inbox = createMemoryInbox(retry);
    return { inbox, reopen: async () => inbox, close: async () => {} };
  },
  async broken() {
    throw new Error('not used by the worker cases');
  },
});
