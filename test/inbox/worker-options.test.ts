import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import { createMemoryInbox, type PoaWorkerOptions, startPoaWorker } from '../../src/inbox.ts';
import { createMemoryLedgerStore, createPoaLedger } from '../../src/ledger.ts';

const inbox = createMemoryInbox();
const noop = () => {};
const ledger = createPoaLedger({ store: createMemoryLedgerStore() });

describe('startPoaWorker options', () => {
  it.each([
    ['no options', undefined, /options must be an object/],
    ['no inbox', { onEvent: noop }, /`inbox` must come from/],
    ['an enqueue-only inbox', { inbox: { enqueue: async () => 'x' }, onEvent: noop }, /`inbox` must come from/],
    ['neither handler', { inbox }, /exactly one of `on`/],
    ['both handlers', { inbox, onEvent: noop, on: {} }, /exactly one of `on`/],
    ['a missing status', { inbox, on: { WAITING: noop, APPROVED: noop, REJECTED: noop } }, /`on.QUESTIONED` must be a function/],
    ['a ledger that is not one', { inbox, onEvent: noop, ledger: {} }, /`ledger` must come from createPoaLedger/],
    ['concurrency 0', { inbox, onEvent: noop, concurrency: 0 }, /`concurrency`/],
    ['concurrency 1.5', { inbox, onEvent: noop, concurrency: 1.5 }, /`concurrency`/],
    ['a zero timeout', { inbox, onEvent: noop, handlerTimeoutMs: 0 }, /`handlerTimeoutMs`/],
    ['onError not a function', { inbox, onEvent: noop, onError: 'log' }, /`onError` must be a function/],
    ['signals not a list', { inbox, onEvent: noop, signals: 'SIGTERM' }, /`signals`/],
  ])('refuses %s with a TypeError', (_name, options, message) => {
    expect(() => startPoaWorker(options as unknown as PoaWorkerOptions)).toThrow(TypeError);
    expect(() => startPoaWorker(options as unknown as PoaWorkerOptions)).toThrow(message);
  });
});

describe('the receiver in inbox mode', () => {
  it.each([
    ['an inbox without enqueue', { inbox: {} }, /`inbox` must have an `enqueue` method/],
    ['a handler beside it', { inbox, onEvent: noop }, /`onEvent` belongs to the worker/],
    ['per-status handlers beside it', { inbox, on: {} }, /`on` belongs to the worker/],
    ['a ledger beside it', { inbox, ledger }, /`ledger` belongs to the worker/],
    ['onUnknownStatus beside it', { inbox, onUnknownStatus: noop }, /`onUnknownStatus` belongs to the worker/],
    ['onDecision beside it', { inbox, onDecision: noop }, /`onDecision` belongs to the worker/],
  ])('refuses %s with a TypeError at creation', (_name, extra, message) => {
    expect(() => createFetchHandler({ secret: 's3cret', ...extra } as never)).toThrow(message);
  });
});
