/**
 * The inbox on pg-boss 10 (PostgreSQL): P100 is answered once the delivery's row is committed, and
 * `startPoaWorker` runs the handlers from the queue, on any number of processes. `pg-boss` is an
 * optional peer dependency: install it (`npm install pg-boss@10`) to use this entry.
 *
 * @example
 * ```ts
 * import PgBoss from 'pg-boss';
 * import { createPgBossInbox } from 'p100-webhooks/inbox/pg-boss';
 *
 * const boss = new PgBoss(process.env.DATABASE_URL ?? '');
 * await boss.start();
 * export const inbox = createPgBossInbox(boss);
 * ```
 *
 * @module p100-webhooks/inbox/pg-boss
 */
export { createPgBossInbox } from './inbox/pg-boss/create-pg-boss-inbox.ts';
export type { PgBossInboxOptions } from './inbox/pg-boss/pg-boss-inbox-options.ts';
