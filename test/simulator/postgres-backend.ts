/**
 * The PostgreSQL backend: the ledger in transactional mode, and the partner's effect written
 * through the delivery's transaction, so it commits with the decision or not at all (the proof then
 * demands exactly once, SIGKILLs included).
 */
import pg from 'pg';
import { createPostgresLedgerStore, postgresTransactionOf } from '../../src/ledger-postgres.ts';
import type { ReceiverBackend, SimulatorBackend } from './sim-backend.ts';
import type { EffectRecord } from './sim-records.ts';

const tables = (namespace: string) => ({ ledger: `${namespace}_ledger`, effects: `"${namespace}_effects"` });

export async function openPostgresReceiver(url: string, namespace: string): Promise<ReceiverBackend> {
  const pool = new pg.Pool({ connectionString: url, max: 24 });
  const { ledger, effects } = tables(namespace);
  return {
    store: createPostgresLedgerStore({ connect: () => pool.connect(), tableName: ledger }),
    effectsInStoreTransaction: true,
    effect: async (r, context) => {
      await postgresTransactionOf(context)(`INSERT INTO ${effects} (user_id, status, event, attempt, at, pid) VALUES ($1, $2, $3, $4, $5, $6)`, [
        r.user, r.status, r.event, r.attempt, r.at, r.pid,
      ]);
    },
    close: () => pool.end(),
  };
}

export async function openPostgresSimulator(url: string, namespace: string): Promise<SimulatorBackend> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const { ledger, effects } = tables(namespace);
  await pool.query(`CREATE TABLE IF NOT EXISTS ${effects} (id bigserial PRIMARY KEY, user_id text, status text, event text, attempt text, at bigint, pid int)`);
  return {
    store: createPostgresLedgerStore({ connect: () => pool.connect(), tableName: ledger }),
    effectsInStoreTransaction: true,
    readEffects: async () =>
      (await pool.query(`SELECT user_id, status, event, attempt, at, pid FROM ${effects} ORDER BY id`)).rows.map(
        (r): EffectRecord => ({ user: r.user_id, status: r.status, event: r.event, attempt: r.attempt, at: Number(r.at), pid: r.pid }),
      ),
    close: async () => {
      await pool.query(`DROP TABLE IF EXISTS ${effects}, "${ledger}"`);
      await pool.end();
    },
  };
}
