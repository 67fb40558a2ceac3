/**
 * The inbox on BullMQ 5 (Redis): P100 is answered once Redis acknowledged the delivery's job, and
 * `startPoaWorker` runs the handlers from the queue, on any number of processes. `bullmq` is an
 * optional peer dependency: install it (`npm install bullmq@5`) to use this entry.
 *
 * @example
 * ```ts
 * import { Queue } from 'bullmq';
 * import { createBullMqInbox } from 'p100-webhooks/inbox/bullmq';
 *
 * const queue = new Queue('p100-poa-verification', { connection: { host: '127.0.0.1', port: 6379 } });
 * export const inbox = createBullMqInbox(queue);
 * ```
 *
 * @module p100-webhooks/inbox/bullmq
 */
export { createBullMqInbox } from './inbox/bullmq/create-bullmq-inbox.ts';
export type { BullMqInboxOptions } from './inbox/bullmq/bullmq-inbox-options.ts';
