import { CliUsageError } from './cli-usage-error.ts';
import type { InboxOpener, OpenedInbox } from './open-inbox-url.ts';

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
 * Redis URL.
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
  throw new CliUsageError(`no inbox engine for ${url.protocol} URLs yet`);
};
