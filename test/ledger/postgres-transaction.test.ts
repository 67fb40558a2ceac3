/**
 * The PostgreSQL store's transactional mode: the handler's own writes commit with the ledger's
 * decision, or roll back with it — when the handler fails, and when its process is killed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoaLedger } from '../../src/ledger.ts';
import { createPostgresLedgerStore, postgresTransactionOf } from '../../src/ledger-postgres.ts';
import type { PoaWebhookContext } from '../../src/index.ts';
import { type BuiltPackage, buildPackage } from '../cli/support/build-package.ts';
import { testServer } from '../support/servers.ts';

const url = testServer('postgres');
const context = (): PoaWebhookContext => ({ receivedAt: new Date(), method: 'POST', url: undefined, header: () => undefined });

if (url !== undefined) {
  describe('PostgreSQL store, transactional mode', () => {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    const tableName = `p100_test_tx_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const effects = `"${tableName}_effects"`;
    const store = createPostgresLedgerStore({ connect: () => pool.connect(), tableName });
    const ledger = createPoaLedger({ store, leaseMs: 1_000, waitMs: 0 });
    const effectsOf = async (user: string) => (await pool.query(`SELECT status FROM ${effects} WHERE user_id = $1 ORDER BY id`, [user])).rows.map((r) => r.status);
    const write = (user: string, status: string) => async (_e: unknown, ctx: PoaWebhookContext) => {
      await postgresTransactionOf(ctx)(`INSERT INTO ${effects} (user_id, status) VALUES ($1, $2)`, [user, status]);
    };

    beforeAll(async () => {
      await pool.query(`CREATE TABLE ${effects} (id serial PRIMARY KEY, user_id text NOT NULL, status text NOT NULL)`);
    });
    afterAll(() => pool.end());

    it('commits the effect with the decision, and a retry is a duplicate that writes nothing', async () => {
      const c = context();
      const record = await ledger.deliver({ externalUserId: 'u-commit', status: 'WAITING' }, (e) => write('u-commit', 'WAITING')(e, c), { context: c });
      expect(record.decision).toBe('applied');
      const c2 = context();
      const again = await ledger.deliver({ externalUserId: 'u-commit', status: 'WAITING' }, (e) => write('u-commit', 'WAITING')(e, c2), { context: c2 });
      expect(again.decision).toBe('duplicate');
      expect(await effectsOf('u-commit')).toEqual(['WAITING']);
      expect((await ledger.get('u-commit'))?.status).toBe('WAITING');
    });

    it('rolls the effect back with the decision when the handler fails, so the retry applies it once', async () => {
      const c = context();
      await expect(
        ledger.deliver({ externalUserId: 'u-fail', status: 'APPROVED' }, async () => {
          await write('u-fail', 'APPROVED')(undefined, c);
          throw new Error('after the write');
        }, { context: c }),
      ).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
      expect(await effectsOf('u-fail')).toEqual([]);
      expect(await ledger.get('u-fail')).toBeUndefined();
      const c2 = context();
      expect((await ledger.deliver({ externalUserId: 'u-fail', status: 'APPROVED' }, (e) => write('u-fail', 'APPROVED')(e, c2), { context: c2 })).decision).toBe('applied');
      expect(await effectsOf('u-fail')).toEqual(['APPROVED']);
    });

    it('holds the user while a delivery runs: another gets DELIVERY_IN_PROGRESS, a third after it proceeds', async () => {
      let finish!: () => void;
      const c = context();
      const first = ledger.deliver({ externalUserId: 'u-held', status: 'WAITING' }, () => new Promise<void>((r) => (finish = r)), { context: c });
      await new Promise((r) => setTimeout(r, 100));
      await expect(ledger.deliver({ externalUserId: 'u-held', status: 'APPROVED' }, () => {}, { context: context() })).rejects.toMatchObject({ code: 'DELIVERY_IN_PROGRESS' });
      finish();
      expect((await first).decision).toBe('applied');
      expect((await ledger.deliver({ externalUserId: 'u-held', status: 'APPROVED' }, () => {}, { context: context() })).decision).toBe('applied');
    });

    it('orders an upload recorded while the transaction is open after the change: it waits for the commit', async () => {
      let upload!: Promise<void>;
      const c = context();
      await ledger.deliver({ externalUserId: 'u-upload', status: 'REJECTED' }, async () => {
        await write('u-upload', 'REJECTED')(undefined, c);
        upload = ledger.recordUpload('u-upload'); // the partner's upload endpoint, elsewhere
        await new Promise((r) => setTimeout(r, 50));
      }, { context: c });
      await upload;
      const record = await store.get('u-upload');
      expect(record).toMatchObject({ status: 'REJECTED', appliedSeq: 1, uploadSeq: 2, seq: 2 });
      const c2 = context();
      expect((await ledger.deliver({ externalUserId: 'u-upload', status: 'WAITING' }, (e) => write('u-upload', 'WAITING')(e, c2), { context: c2 })).decision).toBe('applied');
      expect(await effectsOf('u-upload')).toEqual(['REJECTED', 'WAITING']);
    });

    it('refuses a transaction\'s query kept past its delivery, so it cannot write into the next one on that connection', async () => {
      const c = context();
      let kept!: ReturnType<typeof postgresTransactionOf>;
      await ledger.deliver({ externalUserId: 'u-kept', status: 'WAITING' }, () => {
        kept = postgresTransactionOf(c);
      }, { context: c });
      await expect(kept(`INSERT INTO ${effects} (user_id, status) VALUES ('u-kept', 'LATE')`)).rejects.toThrow(/transaction has ended/);
      expect(await effectsOf('u-kept')).toEqual([]);
    });

    it('answers 503 on a row it cannot read, and gives the connection back with no transaction left open', async () => {
      await ledger.deliver({ externalUserId: 'u-garbage', status: 'WAITING' }, () => {}, { context: context() });
      await pool.query(`UPDATE "${tableName}" SET status = 'BOGUS' WHERE external_user_id = 'u-garbage'`);
      for (let i = 0; i < 3; i++) {
        await expect(ledger.deliver({ externalUserId: 'u-garbage', status: 'APPROVED' }, () => {}, { context: context() }))
          .rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
      }
      expect(pool.idleCount).toBe(pool.totalCount);
      const open = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND query LIKE '%${tableName}%'`);
      expect(open.rows[0].n).toBe(0);
    });

    it('gives no transaction outside a delivery', () => {
      expect(() => postgresTransactionOf({})).toThrow(TypeError);
    });

    describe('a receiver process killed between its effect and the commit', () => {
      let pkg: BuiltPackage;
      beforeAll(async () => {
        pkg = await buildPackage();
      }, 120_000);
      afterAll(() => pkg?.remove());

      it('leaves neither the effect nor the decision, and frees the user at once', async () => {
        const child = spawn(process.execPath, [join(import.meta.dirname, 'support/postgres-kill-child.mjs'), pathToFileURL(join(pkg.root, 'dist')).href, url, tableName, 'u-killed'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        await new Promise<void>((resolve, reject) => {
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('effect written') && resolve());
          child.on('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
        });
        // The effect is written but not committed: nobody else sees it, and the user is held.
        expect(await effectsOf('u-killed')).toEqual([]);
        await expect(ledger.deliver({ externalUserId: 'u-killed', status: 'WAITING' }, () => {}, { context: context() })).rejects.toMatchObject({ code: 'DELIVERY_IN_PROGRESS' });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        // The server rolls the dead connection's transaction back; the next delivery proceeds (no lease to wait out).
        let record;
        for (let i = 0; i < 50 && record === undefined; i++) {
          const c = context();
          record = await ledger.deliver({ externalUserId: 'u-killed', status: 'WAITING' }, (e) => write('u-killed', 'WAITING')(e, c), { context: c }).catch((error: { code?: string }) => {
            if (error.code !== 'DELIVERY_IN_PROGRESS') throw error;
            return new Promise<undefined>((r) => setTimeout(r, 20));
          });
        }
        expect(record?.decision).toBe('applied');
        expect(await effectsOf('u-killed')).toEqual(['WAITING']);
      });
    });
  });
}
