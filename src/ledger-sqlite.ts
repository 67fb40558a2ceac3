/**
 * The delivery ledger's SQLite store through better-sqlite3: the embedded default for one machine,
 * on disk, surviving restarts.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createSqliteLedgerStore } from 'p100-webhooks/ledger/sqlite';
 *
 * export const ledger = createPoaLedger({ store: createSqliteLedgerStore({ database: new Database('ledger.db') }) });
 * ```
 *
 * @module p100-webhooks/ledger/sqlite
 */
export {
  createSqliteLedgerStore,
  type SqliteLedgerDatabase,
  type SqliteLedgerStoreOptions,
} from './ledger/sqlite/create-sqlite-ledger-store.ts';
