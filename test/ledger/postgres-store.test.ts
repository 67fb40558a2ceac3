import pg from 'pg';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresLedgerStore } from '../../src/ledger-postgres.ts';
import { testServer } from '../support/servers.ts';
import { describeLedgerStore } from './store-conformance.ts';

const url = testServer('postgres');
const table = (label: string) => `p100_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

if (url !== undefined) {
  describeLedgerStore('PostgreSQL through pg', async () => {
    const tableName = table('pg');
    const pools: pg.Pool[] = [];
    const open = () => {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      pools.push(pool);
      return createPostgresLedgerStore({ query: (text, params) => pool.query(text, params), tableName });
    };
    return { store: open(), reopen: async () => open(), close: async () => void (await Promise.all(pools.map((p) => p.end()))) };
  });

  describeLedgerStore('PostgreSQL through postgres.js', async () => {
    const tableName = table('postgresjs');
    const clients: postgres.Sql[] = [];
    const open = () => {
      const sql = postgres(url, { max: 4, onnotice: () => {} });
      clients.push(sql);
      return createPostgresLedgerStore({ query: (text, params) => sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]).then((rows) => ({ rows })), tableName });
    };
    return { store: open(), reopen: async () => open(), close: async () => void (await Promise.all(clients.map((c) => c.end()))) };
  });

  describe('PostgreSQL store: options and answers', () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    afterAll(() => pool.end());

    it.each([['no-dash-allowed-'], ['x;drop table users'], ['"quoted"'], [''], ['a'.repeat(64)], [42]])('refuses the table name %j', (tableName) => {
      expect(() => createPostgresLedgerStore({ query: (t, p) => pool.query(t, p), tableName: tableName as string })).toThrow(TypeError);
    });

    it('refuses options without query or connect', () => {
      expect(() => createPostgresLedgerStore({} as never)).toThrow(/give `query`/);
    });

    it('rejects a client that answers without rows, and one whose rows are garbage', async () => {
      const noRows = createPostgresLedgerStore({ query: async () => ({}) as never, tableName: table('norows') });
      await expect(noRows.get('u')).rejects.toThrow(/rows array/);
      const tableName = table('garbage');
      const real = createPostgresLedgerStore({ query: (t, p) => pool.query(t, p), tableName });
      await real.recordUpload('u-1', 1);
      // fields: seq, round, applied_at, applied_seq, upload_seq, upload_at, then each status's at and seq.
      await pool.query(`UPDATE "${tableName}" SET status = 'ARCHIVED', fields[4] = 1`);
      await expect(real.get('u-1')).rejects.toThrow(/not a POA verification status/);
      await pool.query(`UPDATE "${tableName}" SET status = NULL, fields[4] = 0, fields[5] = 5`);
      await expect(real.get('u-1')).rejects.toThrow(/order numbers/);
      for (const fields of [`'{1,0,0,0,1,1}'`, `'{1,0,0,0,1,1,0,0,0,0,0,0,0,-1}'`, 'NULL::bigint[]', `'{1,0,0,0,1,1,0,0,0,0,0,0,0,NULL}'`]) {
        await pool.query(`ALTER TABLE "${tableName}" ALTER COLUMN fields DROP NOT NULL`);
        await pool.query(`UPDATE "${tableName}" SET status = NULL, fields = ${fields}`);
        await expect(real.get('u-1'), fields).rejects.toThrow(/fields/);
      }
    });

    it('creates its table once even when many stores start at once, every first step succeeding', async () => {
      // The race is decided in the catalog; one round in ten or so hits "type already exists" (42710).
      const pools = Array.from({ length: 8 }, () => new pg.Pool({ connectionString: url, max: 1 }));
      try {
        for (let round = 0; round < 30; round++) {
          const tableName = table(`race${round}`);
          const stores = pools.map((p) => createPostgresLedgerStore({ query: (t, q) => p.query(t, q), tableName }));
          await Promise.all(stores.map((store, i) => store.recordUpload(`u-${i}`, 1)));
          const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${tableName}"`);
          expect(rows[0].n).toBe(8);
          await pool.query(`DROP TABLE "${tableName}"`);
        }
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    });

    it('claims in one round trip once the table exists', async () => {
      const statements: string[] = [];
      const store = createPostgresLedgerStore({ query: (t, p) => (statements.push(t), pool.query(t, p)), tableName: table('trips') });
      await store.get('warm-up');
      statements.length = 0;
      const claim = await store.claim('u-1', { token: 't', now: 1, leaseMs: 1000, context: {} });
      expect(statements).toHaveLength(1);
      await claim?.commit({ status: 'WAITING', round: 1, at: 2 });
      expect(statements).toHaveLength(2);
    });
  });
}
