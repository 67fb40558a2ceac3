import pg from 'pg';
import { pathToFileURL } from 'node:url';
const dist = pathToFileURL('/work/main/dist/');
const { createPostgresLedgerStore } = await import(new URL('ledger/postgres.js', dist).href);
const pool = new pg.Pool({ connectionString: process.env.P100_TEST_POSTGRES_URL, max: 8 });
const ns = `prof_${process.pid}`;
await pool.query(`CREATE TABLE ${ns}_floor (k text PRIMARY KEY, token text, until bigint)`);
const store = createPostgresLedgerStore({ query: (t, p) => pool.query(t, p), tableName: `${ns}_ledger` });
await store.get('w');
const floorSql = `INSERT INTO ${ns}_floor AS f (k, token, until) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET token = EXCLUDED.token, until = EXCLUDED.until WHERE f.until <= $3 RETURNING *`;
const variants = {
  floor: (i) => pool.query(floorSql, [`u-${i}`, 't', Date.now()]),
  claim: (i) => store.claim(`c-${i}`, { token: `t-${i}`, now: Date.now(), leaseMs: 10000, context: {} }),
  claimRaw: (i) => pool.query(`INSERT INTO "${ns}_ledger" AS l (external_user_id, lease_token, lease_until) VALUES ($1, $2, $4) ON CONFLICT (external_user_id) DO UPDATE SET lease_token = EXCLUDED.lease_token, lease_until = EXCLUDED.lease_until WHERE l.lease_token IS NULL OR l.lease_until <= $3 RETURNING *`, [`r-${i}`, 't', Date.now(), Date.now() + 10000]),
  claimCat: (i) => pool.query(`INSERT INTO "${ns}_ledger" AS l (external_user_id, lease_token, lease_until) VALUES ($1, $2, $4) ON CONFLICT (external_user_id) DO UPDATE SET lease_token = EXCLUDED.lease_token, lease_until = EXCLUDED.lease_until WHERE l.lease_token IS NULL OR l.lease_until <= $3 RETURNING concat_ws(',', seq, status, round, applied_at, applied_seq, upload_seq, upload_at, waiting_at, waiting_seq, approved_at, approved_seq, rejected_at, rejected_seq, questioned_at, questioned_seq) AS r`, [`x-${i}`, 't', Date.now(), Date.now() + 10000]),
  claimArr: (i) => pool.query({text: `INSERT INTO "${ns}_ledger" AS l (external_user_id, lease_token, lease_until) VALUES ($1, $2, $4) ON CONFLICT (external_user_id) DO UPDATE SET lease_token = EXCLUDED.lease_token, lease_until = EXCLUDED.lease_until WHERE l.lease_token IS NULL OR l.lease_until <= $3 RETURNING *`, values: [`y-${i}`, 't', Date.now(), Date.now() + 10000], rowMode: 'array'}),
  claimOne: (i) => pool.query(`INSERT INTO "${ns}_ledger" AS l (external_user_id, lease_token, lease_until) VALUES ($1, $2, $4) ON CONFLICT (external_user_id) DO UPDATE SET lease_token = EXCLUDED.lease_token, lease_until = EXCLUDED.lease_until WHERE l.lease_token IS NULL OR l.lease_until <= $3 RETURNING seq`, [`o-${i}`, 't', Date.now(), Date.now() + 10000]),
};
const names = Object.keys(variants);
const ns_ = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i < 3000; i++) for (const n of names) { const t = process.hrtime.bigint(); await variants[n](i); ns_[n].push(Number(process.hrtime.bigint() - t)); }
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const f = med(ns_.floor);
for (const n of names) console.log(n.padEnd(10), (med(ns_[n]) / 1e3).toFixed(1), 'us', (med(ns_[n]) / f).toFixed(2) + 'x');
await pool.query(`DROP TABLE ${ns}_floor, "${ns}_ledger"`);
await pool.end();
