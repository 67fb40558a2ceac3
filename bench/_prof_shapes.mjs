import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.env.P100_TEST_POSTGRES_URL, max: 2 });
const ns = `shp_${process.pid}`;
const F = ['seq','round','applied_at','applied_seq','upload_seq','upload_at','waiting_at','waiting_seq','approved_at','approved_seq','rejected_at','rejected_seq','questioned_at','questioned_seq'];
await pool.query(`CREATE TABLE ${ns}_floor (k text PRIMARY KEY, token text, until bigint)`);
await pool.query(`CREATE TABLE ${ns}_wide (k text PRIMARY KEY, status text, ${F.map(f=>f+' bigint NOT NULL DEFAULT 0').join(', ')}, token text, until bigint NOT NULL DEFAULT 0)`);
await pool.query(`CREATE TABLE ${ns}_mid (k text PRIMARY KEY, status text, ${F.slice(0,6).map(f=>f+' bigint NOT NULL DEFAULT 0').join(', ')}, marks bigint[] NOT NULL DEFAULT '{0,0,0,0,0,0,0,0}', token text, until bigint NOT NULL DEFAULT 0)`);
await pool.query(`CREATE TABLE ${ns}_arr (k text PRIMARY KEY, status text, r bigint[] NOT NULL DEFAULT '{0,0,0,0,0,0,0,0,0,0,0,0,0,0}', token text, until bigint NOT NULL DEFAULT 0)`);
const up = (t, ret) => `INSERT INTO ${ns}_${t} AS f (k, token, until) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET token = EXCLUDED.token, until = EXCLUDED.until WHERE f.token IS NULL OR f.until <= $4 RETURNING ${ret}`;
const variants = {
  floor: [up('floor','*')],
  wide: [up('wide', 'status, ' + F.join(', '))],
  mid: [up('mid', 'status, ' + F.slice(0,6).join(', ') + ', marks')],
  arr: [up('arr', 'status, r')],
  arrText: [up('arr', 'status, r::text AS r')],
};
const names = Object.keys(variants);
const mode = process.argv[2] ?? 'fresh';
const res = Object.fromEntries(names.map((n) => [n, []]));
const N = 3000;
for (let i = 0; i < N; i++) for (const n of names) {
  const key = mode === 'fresh' ? `${n}-${i}` : `${n}-${i % 50}`;
  const now = Date.now();
  const t = process.hrtime.bigint(); await pool.query(variants[n][0], [key, 't' + i, mode === 'fresh' ? now + 10000 : now - 1, now]); res[n].push(Number(process.hrtime.bigint() - t));
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const f = med(res.floor);
console.log(mode, names.map((n) => `${n} ${(med(res[n]) / 1e3).toFixed(1)}us ${(med(res[n]) / f).toFixed(2)}x`).join(' | '));
await pool.query(`DROP TABLE ${ns}_floor, ${ns}_wide, ${ns}_mid, ${ns}_arr`);
await pool.end();
