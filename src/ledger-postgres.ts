/**
 * The delivery ledger's PostgreSQL store, for a fleet of receivers sharing one database: any client
 * with pg's `query(text, params)` (`pg`, postgres.js), and a transactional mode in which the
 * handler's own writes commit with the decision.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createPostgresLedgerStore } from 'p100-webhooks/ledger/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * export const ledger = createPoaLedger({ store: createPostgresLedgerStore({ query: (text, params) => pool.query(text, params) }) });
 * ```
 *
 * @module p100-webhooks/ledger/postgres
 */
export {
  createPostgresLedgerStore,
  postgresTransactionOf,
  type PostgresConnection,
  type PostgresLedgerStoreOptions,
  type PostgresQuery,
} from './ledger/postgres/create-postgres-ledger-store.ts';
