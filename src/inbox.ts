/**
 * The inbox: acknowledge P100 as soon as a delivery is durably queued, and run its handler later in
 * a worker, with retries, dead letters and replay. Give an inbox as the `inbox` option of any
 * adapter; run {@link startPoaWorker} where the handlers live. Engines: `createPgBossInbox`
 * (`p100-webhooks/inbox/pg-boss`) and `createBullMqInbox` (`p100-webhooks/inbox/bullmq`);
 * {@link createMemoryInbox} here for tests and the demo.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { createMemoryInbox } from 'p100-webhooks/inbox';
 *
 * const inbox = createMemoryInbox();
 * export default { fetch: createFetchHandler({ secret: () => process.env.P100_WEBHOOK_SECRET, inbox }) };
 * ```
 *
 * @module p100-webhooks/inbox
 */
export type { PoaDeliveryInbox, PoaInboxMessage } from './core/poa-delivery-inbox.ts';
export { createMemoryInbox } from './inbox/memory-inbox.ts';
export type {
  PoaInbox,
  PoaInboxConsumeOptions,
  PoaInboxConsumer,
  PoaInboxEntry,
  PoaInboxJob,
  PoaInboxRetryOptions,
  PoaInboxState,
  PoaJobOutcome,
} from './inbox/poa-inbox.ts';
export { startPoaWorker } from './inbox/start-poa-worker.ts';
export type {
  PoaWorker,
  PoaWorkerBaseOptions,
  PoaWorkerContext,
  PoaWorkerHandlers,
  PoaWorkerOptions,
} from './inbox/poa-worker-options.ts';
