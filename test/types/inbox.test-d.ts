import { describe, expectTypeOf, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import type { PoaEventHandlers, PoaInboxMessage, PoaVerificationEventOf, PoaWebhookOptions } from '../../src/index.ts';
import { createMemoryInbox, type PoaInbox, type PoaWorker, type PoaWorkerContext, startPoaWorker } from '../../src/inbox.ts';
import { createMemoryLedgerStore, createPoaLedger } from '../../src/ledger.ts';

const inbox: PoaInbox = createMemoryInbox();
const noop = () => {};

describe('inbox types', () => {
  it('takes `inbox` as a third handler mode of the receiver, alone', () => {
    expectTypeOf({ secret: 's', inbox }).toExtend<PoaWebhookOptions>();
    createFetchHandler({ secret: 's', inbox });
    // @ts-expect-error the receiver runs no handler in inbox mode
    createFetchHandler({ secret: 's', inbox, onEvent: noop });
    // @ts-expect-error the ledger belongs to the worker in inbox mode
    createFetchHandler({ secret: 's', inbox, ledger: createPoaLedger({ store: createMemoryLedgerStore() }) });
    // @ts-expect-error onUnknownStatus belongs to the worker in inbox mode
    createFetchHandler({ secret: 's', inbox, onUnknownStatus: noop });
    // @ts-expect-error an inbox needs enqueue
    createFetchHandler({ secret: 's', inbox: {} });
  });

  it('gives the worker narrowed events and its own context, and takes the receiver`s handler map', () => {
    startPoaWorker({
      inbox,
      on: {
        WAITING: noop,
        APPROVED: (event, context) => {
          expectTypeOf(event).toEqualTypeOf<PoaVerificationEventOf<'APPROVED'>>();
          expectTypeOf(context).toEqualTypeOf<PoaWorkerContext>();
          expectTypeOf(context.attempt).toBeNumber();
        },
        REJECTED: noop,
        QUESTIONED: noop,
      },
    });
    const receiverHandlers: PoaEventHandlers = { WAITING: noop, APPROVED: noop, REJECTED: noop, QUESTIONED: noop };
    expectTypeOf(startPoaWorker({ inbox, on: receiverHandlers })).toEqualTypeOf<PoaWorker>();
    // @ts-expect-error a missing status is a compile error
    startPoaWorker({ inbox, on: { WAITING: noop, APPROVED: noop, REJECTED: noop } });
    // @ts-expect-error exactly one of on / onEvent
    startPoaWorker({ inbox, on: receiverHandlers, onEvent: noop });
    // @ts-expect-error a worker needs an inbox it can consume, not only enqueue into
    startPoaWorker({ inbox: { enqueue: async () => 'id' }, onEvent: noop });
  });

  it('types the queued message', () => {
    expectTypeOf<PoaInboxMessage['event']['status']>().toEqualTypeOf<'WAITING' | 'APPROVED' | 'REJECTED' | 'QUESTIONED'>();
    expectTypeOf(inbox.enqueue).returns.resolves.toBeString();
  });
});
