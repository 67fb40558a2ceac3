import { LedgerStoreAnswerError, ledgerRecordFromFields } from '../ledger-record-fields.ts';
import type { PoaLedgerRecord } from '../poa-ledger-record.ts';
import type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from '../poa-ledger-store.ts';
import { checkStoreChange, checkStoreLease, checkStoreLeaseTimes, checkStoreTime, checkStoreUser } from '../store-input.ts';
import { sqliteLedgerSql } from './sqlite-ledger-sql.ts';

/**
 * What the store needs of a better-sqlite3 `Database` (12 or later): `prepare` and `exec`.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import type { SqliteLedgerDatabase } from 'p100-webhooks/ledger/sqlite';
 *
 * const database: SqliteLedgerDatabase = new Database('ledger.db');
 * ```
 */
export interface SqliteLedgerDatabase {
  prepare(source: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  exec(source: string): unknown;
}

/**
 * Options of {@link createSqliteLedgerStore}.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import type { SqliteLedgerStoreOptions } from 'p100-webhooks/ledger/sqlite';
 *
 * const options: SqliteLedgerStoreOptions = { database: new Database('ledger.db'), tableName: 'p100_poa_ledger' };
 * ```
 */
export interface SqliteLedgerStoreOptions {
  readonly database: SqliteLedgerDatabase;
  /** The table; created on first use. @default 'p100_poa_ledger' */
  readonly tableName?: string;
}

/** Named parameters `@p1`, `@p2`… from positional values. */
const named = (values: readonly unknown[]): Record<string, unknown> => Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value]));

const recordOf = (row: unknown): PoaLedgerRecord | undefined => {
  if (typeof row !== 'object' || row === null) throw new LedgerStoreAnswerError('SQLite answered a row that is not an object.');
  return ledgerRecordFromFields(row as Record<string, unknown>);
};

/**
 * A ledger store in an SQLite file through better-sqlite3: the embedded default for one machine,
 * surviving restarts, and shared by every process that opens the same file (SQLite locks the file
 * for each write). One table (created on first use; schema in docs/ledger-stores.md), every step
 * one statement (`INSERT … ON CONFLICT … RETURNING`, conditional `UPDATE`). Use WAL mode
 * (`database.pragma('journal_mode = WAL')`) when several processes share the file.
 *
 * @param options - The better-sqlite3 database and optionally the table name.
 * @returns The store, for `createPoaLedger({ store })`.
 * @throws TypeError when the options are invalid.
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createSqliteLedgerStore } from 'p100-webhooks/ledger/sqlite';
 *
 * const database = new Database('ledger.db');
 * database.pragma('journal_mode = WAL');
 * const ledger = createPoaLedger({ store: createSqliteLedgerStore({ database }) });
 * ```
 */
export function createSqliteLedgerStore(options: SqliteLedgerStoreOptions): PoaLedgerStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('p100-webhooks/ledger/sqlite: options must be an object.');
  const { database, tableName = 'p100_poa_ledger' } = options;
  if (typeof database?.prepare !== 'function' || typeof database.exec !== 'function') {
    throw new TypeError('p100-webhooks/ledger/sqlite: `database` must be a better-sqlite3 Database.');
  }
  const sql = sqliteLedgerSql(tableName);
  type Statement = ReturnType<SqliteLedgerDatabase['prepare']>;
  let statements: Map<string, Statement> | undefined;
  const statement = (source: string): Statement => {
    if (statements === undefined) {
      database.exec(sql.create);
      statements = new Map();
    }
    let prepared = statements.get(source);
    if (prepared === undefined) statements.set(source, (prepared = database.prepare(source)));
    return prepared;
  };
  // better-sqlite3 is synchronous: each step runs at once, and a failure becomes a rejection.
  const get = (source: string, values: readonly unknown[]): Promise<unknown> => {
    try {
      return Promise.resolve(statement(source).get(named(values)));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const run = (source: string, values: readonly unknown[]): Promise<unknown> => {
    try {
      return Promise.resolve(statement(source).run(named(values)));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    async claim(externalUserId: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined> {
      checkStoreUser(externalUserId);
      checkStoreLease(lease);
      const { token } = lease;
      const row = await get(sql.claim, [externalUserId, token, lease.now, lease.now + lease.leaseMs]);
      if (row === undefined) return undefined;
      const record = recordOf(row);
      const claimed = record?.seq ?? 0;
      return {
        record,
        renew: async (now, leaseMs) => (checkStoreLeaseTimes(now, leaseMs), await get(sql.renew, [externalUserId, token, now + leaseMs])) !== undefined,
        commit: async (change: PoaLedgerChange) =>
          (checkStoreChange(change), await get(sql.commit[change.status], [externalUserId, token, change.status, change.round, change.at, claimed])) !== undefined,
        release: async () => {
          await run(sql.release, [externalUserId, token]);
        },
      };
    },
    async recordUpload(externalUserId: string, at: number): Promise<void> {
      checkStoreUser(externalUserId);
      checkStoreTime('at', at);
      await run(sql.upload, [externalUserId, at]);
    },
    async get(externalUserId: string): Promise<PoaLedgerRecord | undefined> {
      checkStoreUser(externalUserId);
      const row = await get(sql.get, [externalUserId]);
      return row === undefined ? undefined : recordOf(row);
    },
  };
}
