// A receiver's handler in its own process, for the SIGKILL test: claims user argv[3] in the
// transactional PostgreSQL store of the built package at argv[2], writes the effect in the
// transaction, prints "effect written", then waits to be killed.
import pg from 'pg';
const [, , dist, url, table, user] = process.argv;
const { createPoaLedger } = await import(`${dist}/ledger.js`);
const { createPostgresLedgerStore, postgresTransactionOf } = await import(`${dist}/ledger/postgres.js`);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const ledger = createPoaLedger({ store: createPostgresLedgerStore({ connect: () => pool.connect(), tableName: table }) });
const context = { receivedAt: new Date(), method: 'POST', url: undefined, header: () => undefined };
await ledger.deliver({ externalUserId: user, status: 'WAITING' }, async () => {
  await postgresTransactionOf(context)(`INSERT INTO "${table}_effects" (user_id, status) VALUES ($1, $2)`, [user, 'WAITING']);
  process.stdout.write('effect written\n');
  await new Promise(() => {}); // killed here, between the effect and the commit
}, { context });
