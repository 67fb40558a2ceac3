import { CliUsageError } from './cli-usage-error.ts';
import type { InboxOpener, OpenedInbox } from './open-inbox-url.ts';

/** The queue the CLI opens on a Redis URL without `--queue`: the name docs/inbox-bullmq.md gives the `Queue`. */
const BULLMQ_DEFAULT_QUEUE = 'p100-poa-verification';

/** Imports an optional peer the CLI needs for this URL, or says how to install it. */
async function peer<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' || (error as { code?: unknown }).code === 'MODULE_NOT_FOUND') {
      throw new CliUsageError(`this URL needs ${name}: install it beside p100-webhooks (npm install ${name})`);
    }
    throw error;
  }
}

/**
 * Opens the inbox a connection string names, the way the receivers made it: pg-boss for a
 * PostgreSQL URL (without starting pg-boss's maintenance or creating its schema), BullMQ for a
 * Redis URL (a `Queue` named by `--queue`, `p100-poa-verification` by default, with BullMQ's default
 * `bull` key prefix; closed after the command).
 *
 * @internal
 */
export const openInboxEngine: InboxOpener = async (url, { queue, schema }): Promise<OpenedInbox> => {
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') {
    const { default: PgBoss } = await peer('pg-boss@10', () => import('pg-boss'));
    const { createPgBossInbox } = await import('../inbox/pg-boss/create-pg-boss-inbox.ts');
    const boss = new PgBoss({ connectionString: url.href, connectionTimeoutMillis: 5_000, max: 2, supervise: false, schedule: false, migrate: false, ...(schema === undefined ? {} : { schema }) } as ConstructorParameters<typeof PgBoss>[0]);
    boss.on('error', () => {});
    await boss.start();
    const inbox = createPgBossInbox(boss, { ...(queue === undefined ? {} : { queue }), ...(schema === undefined ? {} : { schema }) });
    return { inbox, close: () => boss.stop({ graceful: false, wait: true }) };
  }
  const { Queue } = await peer('bullmq@5', () => import('bullmq'));
  const { createBullMqInbox } = await import('../inbox/bullmq/create-bullmq-inbox.ts');
  const db = url.pathname.replace(/^\//, '');
  const connection = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(/^\d+$/.test(db) ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
    // An unreachable Redis fails the command at once instead of being retried forever.
    connectTimeout: 5_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  };
  const bull = new Queue(queue ?? BULLMQ_DEFAULT_QUEUE, { connection });
  bull.on('error', () => {});
  try {
    await bull.waitUntilReady();
  } catch (error) {
    await bull.close().catch(() => {});
    throw error;
  }
  return { inbox: createBullMqInbox(bull), close: () => bull.close() };
};
