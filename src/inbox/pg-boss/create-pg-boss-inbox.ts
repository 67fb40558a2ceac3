import type PgBoss from 'pg-boss';
import type { PoaInbox, PoaInboxEntry, PoaInboxState } from '../poa-inbox.ts';
import { readInboxMessage } from '../read-inbox-message.ts';
import { consumePgBossQueue, type PgBossQueue } from './consume-pg-boss-queue.ts';
import { inboxUnavailable, type PgBossRow, queryRows } from './pg-boss-db.ts';
import { type PgBossInboxOptions, resolvePgBossInboxOptions } from './pg-boss-inbox-options.ts';
import { pgBossInboxSql } from './pg-boss-inbox-sql.ts';

const STATES: readonly PoaInboxState[] = ['waiting', 'active', 'done', 'dead'];
/** pg-boss's job ids are UUIDs; anything else is no job of this queue. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What pg-boss's maintenance writes as the output of a job that stayed active past its expiry. */
const EXPIRED = 'job failed by timeout in active state';
/** How many times `createQueue` is tried when processes race to create the queue. */
const CREATE_TRIES = 5;

/** The code of the last failure as stored: ours (`{ code }`), or pg-boss's expiry as `HANDLER_TIMEOUT`. */
function lastErrorCodeOf(output: unknown): string | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const { code, value } = output as { code?: unknown; value?: { message?: unknown } };
  if (typeof code === 'string') return code;
  return typeof value === 'object' && value !== null && value.message === EXPIRED ? 'HANDLER_TIMEOUT' : undefined;
}

function entryOf(row: PgBossRow): PoaInboxEntry {
  const read = readInboxMessage(row['data']);
  return {
    id: String(row['id']),
    state: row['inbox_state'] as PoaInboxState,
    message: read.ok ? read.message : undefined,
    attempts: row['started'] === true ? Number(row['retry_count']) + 1 : 0,
    lastErrorCode: lastErrorCodeOf(row['output']),
    enqueuedAt: Number(row['enqueued_at']),
  };
}

const isPgBoss = (boss: unknown): boss is PgBoss =>
  typeof boss === 'object' &&
  boss !== null &&
  ['send', 'fetch', 'complete', 'createQueue', 'getDb'].every((name) => typeof (boss as Record<string, unknown>)[name] === 'function');

/**
 * A durable inbox on [pg-boss](https://github.com/timgit/pg-boss) 10 (PostgreSQL): `enqueue`
 * resolves once PostgreSQL committed the job's row, consumers on any number of processes share the
 * queue (`FOR UPDATE SKIP LOCKED`: each job to one of them), failures are retried with the backoff
 * in milliseconds, and a delivery that keeps failing stays in the queue as dead (pg-boss's `failed`)
 * for `list`, `replay` and `purgeDead`. A worker that dies mid-job loses nothing: pg-boss's
 * maintenance fails the job once it was active for `expireInSeconds`, and it is tried again.
 *
 * Give it a started `PgBoss` (`await boss.start()`), whose maintenance (`supervise`, on by default)
 * runs in at least one process: that is what hands back the jobs of a killed worker. The queue is
 * created on first use. See docs/inbox-pg-boss.md.
 *
 * @param boss - A started `PgBoss` instance (pg-boss 10); the inbox uses its pool.
 * @param options - The queue, the retry policy, `expireInSeconds`, `pollingIntervalMs` and `schema`.
 * @returns The inbox, for an adapter's `inbox` option and for `startPoaWorker`.
 * @throws TypeError when `boss` is not a `PgBoss` or an option is invalid. Its operations reject
 *   with a `PoaWebhookError` `INBOX_UNAVAILABLE` (the cause says why) when PostgreSQL fails.
 * @example
 * ```ts
 * import PgBoss from 'pg-boss';
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { startPoaWorker } from 'p100-webhooks/inbox';
 * import { createPgBossInbox } from 'p100-webhooks/inbox/pg-boss';
 *
 * const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5_000 } as PgBoss.ConstructorOptions);
 * boss.on('error', (error) => console.error(error));
 * await boss.start();
 * const inbox = createPgBossInbox(boss, { maxAttempts: 10, backoffMs: 1_000, expireInSeconds: 60 });
 *
 * export default { fetch: createFetchHandler({ secret: () => process.env.P100_WEBHOOK_SECRET, inbox }) };
 * startPoaWorker({ inbox, onEvent: async (event) => console.log(event.externalUserId, event.status) });
 * ```
 */
export function createPgBossInbox(boss: PgBoss, options: PgBossInboxOptions = {}): PoaInbox {
  if (!isPgBoss(boss)) throw new TypeError('p100-webhooks/inbox/pg-boss: `boss` must be a PgBoss instance (pg-boss 10).');
  const { queue, maxAttempts, backoffMs, expireInSeconds, pollingIntervalMs, schema } = resolvePgBossInboxOptions(options);
  const sql = pgBossInboxSql(schema);
  // pg-boss's retry delay is whole seconds; it only applies when its maintenance fails an expired
  // job. A failure reported by a consumer is delayed by `backoffMs` exactly (consume-pg-boss-queue.ts).
  const retry = { retryLimit: maxAttempts - 1, retryDelay: Math.ceil(backoffMs / 1_000), retryBackoff: backoffMs > 0 };
  const sendOptions: PgBoss.SendOptions = { ...retry, expireInSeconds };

  let created: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    created ??= (async () => {
      let rows = await queryRows(boss, sql.queuePolicy, [queue]);
      // pg-boss 10 inserts the queue ON CONFLICT DO NOTHING, but processes creating it at once can
      // deadlock on its partition (PostgreSQL then rolls one back): the loser tries again, and
      // finds the queue the winner created.
      for (let tries = 1; rows.length === 0; tries++) {
        try {
          await boss.createQueue(queue, { name: queue, policy: 'standard', ...sendOptions });
        } catch (error) {
          if (tries >= CREATE_TRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * tries));
        }
        rows = await queryRows(boss, sql.queuePolicy, [queue]);
        if (tries >= CREATE_TRIES) break;
      }
      if (rows.length === 0) throw new Error(`pg-boss created no queue ${JSON.stringify(queue)} in the schema ${JSON.stringify(schema)}: is \`schema\` the one the PgBoss was created with?`);
      const policy = rows[0]?.['policy'];
      if (policy !== 'standard') throw new Error(`The pg-boss queue ${JSON.stringify(queue)} has the policy ${JSON.stringify(policy)}; the inbox needs a standard queue.`);
    })();
    created.catch(() => (created = undefined));
    return created;
  };
  const wakers = new Set<() => void>();
  const consumed: PgBossQueue = { boss, queue, backoffMs, pollingIntervalMs, sql, ready, wakers };

  const counted = async (what: string, text: string, values: readonly unknown[]): Promise<number> => {
    try {
      await ready();
      const [row] = await queryRows(boss, text, values);
      return Number(row?.['count'] ?? 0);
    } catch (cause) {
      throw inboxUnavailable(what, cause);
    }
  };

  return {
    engine: 'pg-boss',
    async enqueue(message) {
      let id: string | null;
      try {
        await ready();
        // As JSON text: pg would turn an array into a PostgreSQL array and send a string unquoted,
        // so what is stored is exactly the message's JSON whatever a caller queues.
        id = await boss.send(queue, JSON.stringify(message) as unknown as object, sendOptions);
      } catch (cause) {
        throw inboxUnavailable('queue the delivery', cause);
      }
      if (typeof id !== 'string') throw inboxUnavailable('queue the delivery', new Error('pg-boss answered no job id.'));
      for (const wake of wakers) wake();
      return id;
    },
    consume(process, consumeOptions) {
      return consumePgBossQueue(consumed, process, consumeOptions);
    },
    async list({ states = STATES, limit = 100 } = {}) {
      if (!(Array.isArray(states) && states.every((state) => STATES.includes(state)))) {
        throw new TypeError(`p100-webhooks/inbox/pg-boss: \`states\` must be a list of ${STATES.join(', ')}.`);
      }
      if (!(Number.isSafeInteger(limit) && limit >= 0)) throw new TypeError('p100-webhooks/inbox/pg-boss: `limit` must be a whole number from 0.');
      try {
        await ready();
        return (await queryRows(boss, sql.list, [queue, [...states], limit])).map(entryOf);
      } catch (cause) {
        throw inboxUnavailable('list the queue', cause);
      }
    },
    async replay(id) {
      if (typeof id !== 'string' || !UUID.test(id)) return false;
      return (await counted(`replay the job ${id}`, sql.replay, [queue, id])) > 0;
    },
    replayDead: () => counted('replay the dead jobs', sql.replay, [queue, null]),
    purgeDead: () => counted('purge the dead jobs', sql.purgeDead, [queue]),
  };
}
