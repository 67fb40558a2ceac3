import { LedgerStoreAnswerError } from '../ledger-record-fields.ts';
import type { PoaLedgerRecord } from '../poa-ledger-record.ts';
import type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from '../poa-ledger-store.ts';
import { checkStoreChange, checkStoreLease, checkStoreLeaseTimes, checkStoreTime, checkStoreUser } from '../store-input.ts';
import { postgresLedgerSql, postgresRecordOf as recordOf } from './postgres-ledger-sql.ts';

/**
 * Runs one parameterized statement, as `pg`'s `query(text, params)` does: any client with that
 * shape works. For postgres.js: `(text, params) => sql.unsafe(text, params).then((rows) => ({ rows }))`.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresQuery } from 'p100-webhooks/ledger/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const query: PostgresQuery = (text, params) => pool.query(text, params);
 * ```
 */
export type PostgresQuery = (text: string, params?: unknown[]) => Promise<{ readonly rows: readonly unknown[] }>;

/**
 * One connection of the transactional mode, reserved for one delivery: `query` on it, and
 * `release` to give it back (pg's `PoolClient`; postgres.js: `sql.reserve()` with `unsafe`).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresConnection } from 'p100-webhooks/ledger/postgres';
 *
 * const pool = new pg.Pool();
 * const connect = async (): Promise<PostgresConnection> => pool.connect();
 * ```
 */
export interface PostgresConnection {
  query(text: string, params?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
  release(error?: Error | boolean): void;
}

/**
 * Options of {@link createPostgresLedgerStore}: `query` for the lease mode, or `connect` for the
 * transactional mode, where the handler runs inside the delivery's transaction
 * (see {@link postgresTransactionOf}).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresLedgerStoreOptions } from 'p100-webhooks/ledger/postgres';
 *
 * const pool = new pg.Pool();
 * const options: PostgresLedgerStoreOptions = { query: (text, params) => pool.query(text, params), tableName: 'p100_poa_ledger' };
 * ```
 */
export type PostgresLedgerStoreOptions = {
  /** The table; created on first use. @default 'p100_poa_ledger' */
  readonly tableName?: string;
  /** In transactional mode, how long a claim waits for another delivery's row lock, in ms. @default 100 */
  readonly lockTimeoutMs?: number;
} & (
  | { readonly query: PostgresQuery; readonly connect?: undefined }
  | { readonly connect: () => Promise<PostgresConnection>; readonly query?: PostgresQuery }
);

/** The transaction a handler runs in, by its delivery's context. */
const transactions = new WeakMap<object, PostgresConnection>();

/**
 * The transaction of the delivery being handled, in a store created with `connect`: write through
 * its `query` and your writes commit with the ledger's decision, or roll back with it (the handler
 * failed, the process died). Exactly-once effects.
 *
 * @param context - The context the handler received.
 * @returns The transaction's `query`.
 * @throws TypeError when the context is not a delivery running in a transactional PostgreSQL store.
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createNodeHandler } from 'p100-webhooks/node';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createPostgresLedgerStore, postgresTransactionOf } from 'p100-webhooks/ledger/postgres';
 *
 * const pool = new pg.Pool();
 * const ledger = createPoaLedger({ store: createPostgresLedgerStore({ connect: () => pool.connect() }) });
 * createNodeHandler({
 *   secret: 's3cret',
 *   ledger,
 *   onEvent: async (event, context) => {
 *     const query = postgresTransactionOf(context);
 *     await query('UPDATE accounts SET poa_status = $2 WHERE user_id = $1', [event.externalUserId, event.status]);
 *   },
 * });
 * ```
 */
export function postgresTransactionOf(context: object): PostgresQuery {
  const connection = transactions.get(context);
  if (connection === undefined) throw new TypeError('p100-webhooks/ledger/postgres: no transaction for this context (is the store created with `connect`?).');
  // Kept past the delivery, the connection would write into whatever runs on it next.
  return (text, params) => transactions.get(context) === connection
    ? connection.query(text, params)
    : Promise.reject(new TypeError('p100-webhooks/ledger/postgres: this delivery\'s transaction has ended.'));
}

const rowsOf = (result: unknown): readonly unknown[] => {
  const rows = (result as { rows?: unknown } | null | undefined)?.rows;
  if (!Array.isArray(rows)) throw new LedgerStoreAnswerError('The PostgreSQL client answered without a rows array.');
  return rows;
};
const changed = (result: unknown): boolean => rowsOf(result).length === 1;

/**
 * Errors of a `CREATE TABLE IF NOT EXISTS` racing another receiver's (unique violation in the
 * catalog, duplicate table, duplicate row type): the other one is creating it, so the statement is
 * run again, and then finds the table.
 */
const CREATED_CONCURRENTLY = new Set(['23505', '42P07', '42710']);

/**
 * A ledger store on PostgreSQL, for a fleet of receivers: one table (created on first use), one row
 * per user, every step a single statement. Two modes:
 *
 * - `query` (any client with pg's `query(text, params)`, such as a `pg.Pool`): the lease is two
 *   columns of the row, taken and released by conditional statements. Effects outside the store
 *   are at least once across a crash.
 * - `connect` (a dedicated connection per delivery, such as `() => pool.connect()`): the claim opens
 *   a transaction and locks the user's row, the handler writes through {@link postgresTransactionOf},
 *   and the commit records the decision in the same transaction: exactly-once effects. A killed
 *   process's transaction is rolled back by the server and its lock freed at once. It holds one
 *   connection per delivery in flight.
 *
 * @param options - `query` or `connect`, and optionally `tableName` and `lockTimeoutMs`.
 * @returns The store, for `createPoaLedger({ store })`.
 * @throws TypeError when the options are invalid.
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createPostgresLedgerStore } from 'p100-webhooks/ledger/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const ledger = createPoaLedger({ store: createPostgresLedgerStore({ query: (text, params) => pool.query(text, params) }) });
 * ```
 */
export function createPostgresLedgerStore(options: PostgresLedgerStoreOptions): PoaLedgerStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('p100-webhooks/ledger/postgres: options must be an object.');
  const { connect, tableName = 'p100_poa_ledger', lockTimeoutMs = 100 } = options;
  const sql = postgresLedgerSql(tableName);
  if (connect !== undefined && typeof connect !== 'function') throw new TypeError('p100-webhooks/ledger/postgres: `connect` must be a function.');
  if (!(Number.isSafeInteger(lockTimeoutMs) && lockTimeoutMs > 0)) throw new TypeError('p100-webhooks/ledger/postgres: `lockTimeoutMs` must be a positive integer.');
  let query: PostgresQuery;
  if (typeof options.query === 'function') query = options.query;
  else if (connect !== undefined) {
    query = async (text, params) => {
      const connection = await connect();
      try {
        return await connection.query(text, params);
      } finally {
        connection.release();
      }
    };
  } else throw new TypeError('p100-webhooks/ledger/postgres: give `query` (pg\'s query(text, params)) or `connect`.');

  let created: Promise<void> | undefined;
  const create = async (tries: number): Promise<void> => {
    try {
      await query(sql.create);
    } catch (error) {
      if (tries > 1 && CREATED_CONCURRENTLY.has(String((error as { code?: unknown } | null)?.code))) return create(tries - 1);
      created = undefined; // try again on the next call
      throw error;
    }
  };
  const ready = (): Promise<void> => (created ??= create(3));

  async function claimLeased(user: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined> {
    const { token } = lease;
    const rows = rowsOf(await query(sql.claim, [user, token, lease.now, lease.now + lease.leaseMs]));
    if (rows.length === 0) return undefined;
    const record = recordOf(rows[0]);
    const claimed = record?.seq ?? 0;
    return {
      record,
      renew: async (now, leaseMs) => (checkStoreLeaseTimes(now, leaseMs), changed(await query(sql.renew, [user, token, now + leaseMs]))),
      commit: async (change: PoaLedgerChange) => (checkStoreChange(change), changed(await query(sql.commit[change.status], [user, token, change.status, change.round, change.at, claimed]))),
      release: async () => {
        await query(sql.release, [user, token]);
      },
    };
  }

  async function claimLocked(user: string, lease: PoaLedgerLease, open: () => Promise<PostgresConnection>): Promise<PoaLedgerClaim | undefined> {
    const connection = await open();
    let done = false;
    const finish = async (statement: string, error?: Error): Promise<void> => {
      if (done) return;
      done = true;
      transactions.delete(lease.context);
      try {
        await connection.query(statement);
      } finally {
        connection.release(error);
      }
    };
    let record: PoaLedgerRecord | undefined;
    try {
      await connection.query(`BEGIN; SET LOCAL lock_timeout = ${lockTimeoutMs}`);
      record = recordOf(rowsOf(await connection.query(sql.lock, [user]))[0]);
    } catch (error) {
      // Garbage back is rolled back too: the connection goes back to the pool, no transaction left open.
      await finish('ROLLBACK').catch(() => {});
      if ((error as { code?: unknown } | null)?.code === '55P03') return undefined; // lock_not_available: held
      throw error;
    }
    const claimed = record?.seq ?? 0;
    transactions.set(lease.context, connection);
    return {
      record,
      renew: async () => !done,
      commit: async (change: PoaLedgerChange) => {
        checkStoreChange(change);
        if (done) return false;
        try {
          const ok = changed(await connection.query(sql.commitLocked[change.status], [user, change.status, change.round, change.at, claimed]));
          await finish(ok ? 'COMMIT' : 'ROLLBACK');
          return ok;
        } catch (error) {
          await finish('ROLLBACK', error instanceof Error ? error : undefined).catch(() => {});
          throw error;
        }
      },
      release: () => finish('ROLLBACK'),
    };
  }

  return {
    async claim(externalUserId: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined> {
      checkStoreUser(externalUserId);
      checkStoreLease(lease);
      await ready();
      return connect === undefined ? claimLeased(externalUserId, lease) : claimLocked(externalUserId, lease, connect);
    },
    async recordUpload(externalUserId: string, at: number): Promise<void> {
      checkStoreUser(externalUserId);
      checkStoreTime('at', at);
      await ready();
      rowsOf(await query(sql.upload, [externalUserId, at]));
    },
    async get(externalUserId: string): Promise<PoaLedgerRecord | undefined> {
      checkStoreUser(externalUserId);
      await ready();
      const rows = rowsOf(await query(sql.get, [externalUserId]));
      return rows.length === 0 ? undefined : recordOf(rows[0]);
    },
  };
}
