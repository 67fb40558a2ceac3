import type { PoaInboxRetryOptions } from '../poa-inbox.ts';
import { resolveRetry } from '../resolve-retry.ts';
import { PG_BOSS_SCHEMA } from './pg-boss-inbox-sql.ts';

/**
 * Options of `createPgBossInbox`: the queue, the retry policy, how long a started job may stay
 * active before pg-boss hands it back (the recovery time after a killed worker), how often a
 * consumer polls, and the schema the `PgBoss` instance was created with.
 *
 * @example
 * ```ts
 * import type { PgBossInboxOptions } from 'p100-webhooks/inbox/pg-boss';
 *
 * const options: PgBossInboxOptions = { queue: 'p100-poa-verification', maxAttempts: 10, backoffMs: 1_000, expireInSeconds: 60 };
 * ```
 */
export interface PgBossInboxOptions extends PoaInboxRetryOptions {
  /** The pg-boss queue; created (standard policy) before the first enqueue or consume. @default 'p100-poa-verification' */
  readonly queue?: string;
  /**
   * How long a job may stay active, in seconds, before pg-boss's maintenance fails it as an attempt
   * and it is tried again: the recovery time after a worker was killed. Keep it above the worker's
   * handler timeout (`handlerTimeoutMs`, 25 s by default), or a slow handler runs twice at once.
   * From 1 to 86399. @default 60
   */
  readonly expireInSeconds?: number;
  /** How often an idle consumer asks PostgreSQL for jobs, in ms (one query each time). From 10 to 60000. @default 1000 */
  readonly pollingIntervalMs?: number;
  /** The schema given to `new PgBoss({ schema })`; the inbox lists and replays in its tables. @default 'pgboss' */
  readonly schema?: string;
}

/** The options with their defaults, checked once. @internal */
export interface ResolvedPgBossInboxOptions {
  readonly queue: string;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly expireInSeconds: number;
  readonly pollingIntervalMs: number;
  readonly schema: string;
}

/** pg-boss takes any non-empty name; this keeps to what every pg-boss version accepts. */
const QUEUE_NAME = /^[A-Za-z0-9_][\w.-]{0,99}$/;

const fail = (message: string): never => {
  throw new TypeError(`p100-webhooks/inbox/pg-boss: ${message}`);
};

/** Checks the options of `createPgBossInbox` and fills in the defaults. @internal */
export function resolvePgBossInboxOptions(options: PgBossInboxOptions): ResolvedPgBossInboxOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object.');
  const { queue = 'p100-poa-verification', expireInSeconds = 60, pollingIntervalMs = 1_000, schema = 'pgboss' } = options;
  if (!(typeof queue === 'string' && QUEUE_NAME.test(queue))) fail('`queue` must be 1 to 100 letters, digits, `_`, `-` or `.`, not starting with `-` or `.`.');
  if (!(Number.isSafeInteger(expireInSeconds) && expireInSeconds >= 1 && expireInSeconds < 86_400)) fail('`expireInSeconds` must be a whole number from 1 to 86399.');
  if (!(Number.isSafeInteger(pollingIntervalMs) && pollingIntervalMs >= 10 && pollingIntervalMs <= 60_000)) fail('`pollingIntervalMs` must be a whole number of milliseconds from 10 to 60000.');
  if (!(typeof schema === 'string' && PG_BOSS_SCHEMA.test(schema))) fail('`schema` must be a PostgreSQL name pg-boss accepts (letters, digits and `_`, at most 50, not starting with a digit).');
  return { queue, ...resolveRetry(options), expireInSeconds, pollingIntervalMs, schema };
}
