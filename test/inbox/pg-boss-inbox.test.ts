/**
 * The pg-boss inbox on the real PostgreSQL: the conformance suite and the worker's case list, each
 * `open` on a fresh queue of one test schema, `reopen` through a second PgBoss (its own pool), and
 * `broken` a PgBoss on a closed port. Then what only this engine has: a killed worker's job handed
 * back by pg-boss's expiry, a stale attempt that changes nothing, the archive, a lost connection
 * while polling, a PgBoss that is not started or whose schema does not exist, and the options.
 */
import { createRequire } from 'node:module';
import { createServer, type AddressInfo, type Server, Socket as NetSocket, type Socket } from 'node:net';
import PgBoss from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { isPoaWebhookError } from '../../src/index.ts';
import type { PoaInbox, PoaInboxJob, PoaJobOutcome } from '../../src/inbox.ts';
import { createPgBossInbox, type PgBossInboxOptions } from '../../src/inbox-pg-boss.ts';
import { closedPort } from '../support/closed-port.ts';
import { testServer } from '../support/servers.ts';
import { consumeUntilCleanup, describeInbox, message, until } from './inbox-conformance.ts';
import { describeWorker } from './worker-cases.ts';

const url = testServer('postgres');
const SCHEMA = 'p100_test_pgboss';
const POLL_MS = 50;
let queues = 0;
const freshQueue = (label = 'q') => `p100-test-${label}-${process.pid}-${++queues}-${Math.random().toString(36).slice(2, 8)}`;

/** pg-boss's own archive statement (what its maintenance runs), archiving at once. */
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as { archive(schema: string, completed: string, failed: string): string };

/** A closed port: listened on, then closed. */
if (url !== undefined) {
  /** Errors pg-boss emits (its pool's, its maintenance's): none in these tests but the cut connection's. */
  const bossErrors: unknown[] = [];
  const bossOptions = (extra: Partial<PgBoss.ConstructorOptions> = {}): PgBoss.ConstructorOptions =>
    ({ connectionString: url, schema: SCHEMA, max: 4, schedule: false, supervise: false, connectionTimeoutMillis: 3_000, ...extra }) as PgBoss.ConstructorOptions;
  const startBoss = async (extra: Partial<PgBoss.ConstructorOptions> = {}): Promise<PgBoss> => {
    const boss = new PgBoss(bossOptions(extra));
    boss.on('error', (error) => bossErrors.push(error));
    await boss.start();
    return boss;
  };
  /** pg-boss 10's deleteQueue fails on a queue that still has jobs (its foreign key), and purgeQueue only deletes the waiting ones. */
  const dropQueue = async (boss: PgBoss, queue: string) => {
    for (const table of ['job', 'archive']) await boss.getDb().executeSql(`DELETE FROM ${SCHEMA}.${table} WHERE name = $1`, [queue]);
    await boss.deleteQueue(queue);
  };
  const stopBoss = (boss: PgBoss) => boss.stop({ graceful: false, timeout: 1_000 });

  const engine = {
    name: 'pg-boss',
    pickupMs: POLL_MS + 200,
    async open(retry: PgBossInboxOptions) {
      const queue = freshQueue();
      const options: PgBossInboxOptions = { ...retry, queue, schema: SCHEMA, pollingIntervalMs: POLL_MS };
      const bosses = [await startBoss()];
      const inbox = createPgBossInbox(bosses[0] as PgBoss, options);
      return {
        inbox,
        reopen: async () => {
          const boss = await startBoss();
          bosses.push(boss);
          return createPgBossInbox(boss, options);
        },
        close: async () => {
          await dropQueue(bosses[0] as PgBoss, queue);
          for (const boss of bosses) await stopBoss(boss);
        },
      };
    },
    async broken() {
      const boss = new PgBoss(bossOptions({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres` }));
      boss.on('error', () => {});
      // start() fails (nothing listens); its pool stays open, with no connection, as after an outage.
      await boss.start().then(
        () => {
          throw new Error('started on a closed port');
        },
        () => {},
      );
      return { inbox: createPgBossInbox(boss, { queue: freshQueue('broken'), schema: SCHEMA }), close: async () => {} };
    },
  };
  describeInbox(engine);
  describeWorker(engine);

  describe('pg-boss inbox: what only this engine does', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const open = async (options: PgBossInboxOptions = {}, bossExtra: Partial<PgBoss.ConstructorOptions> = {}) => {
      const boss = await startBoss(bossExtra);
      const queue = options.queue ?? freshQueue('own');
      cleanups.push(async () => {
        await dropQueue(boss, queue);
        await stopBoss(boss);
      });
      return { boss, queue, inbox: createPgBossInbox(boss, { maxAttempts: 3, backoffMs: 50, pollingIntervalMs: POLL_MS, schema: SCHEMA, ...options, queue }) };
    };
    const consume = (inbox: PoaInbox, process: (job: PoaInboxJob) => Promise<PoaJobOutcome>, concurrency = 1) =>
      consumeUntilCleanup(cleanups, inbox, process, concurrency);
    const OK: PoaJobOutcome = { ok: true };
    afterEach(() => {
      expect(bossErrors).toEqual([]);
    });
    const extraBoss = async (extra: Partial<PgBoss.ConstructorOptions> = {}) => {
      const boss = await startBoss(extra);
      cleanups.push(() => stopBoss(boss));
      return boss;
    };

    it('hands back the job of a killed worker after expireInSeconds, as a failed attempt (HANDLER_TIMEOUT)', async () => {
      const { queue, inbox } = await open({ maxAttempts: 2, expireInSeconds: 1 }, { supervise: true, maintenanceIntervalSeconds: 1 });
      const id = await inbox.enqueue(message());
      // The "killed" worker: its own PgBoss and pool; its job never ends, then its pool goes away.
      const doomedBoss = await startBoss();
      const doomed = createPgBossInbox(doomedBoss, { queue, schema: SCHEMA, maxAttempts: 2, pollingIntervalMs: POLL_MS });
      let startedAt = 0;
      const hung = doomed.consume(() => ((startedAt = Date.now()), new Promise<never>(() => {})), { concurrency: 1, onError: () => {} });
      await until('taken by the doomed worker', () => startedAt > 0);
      void hung.close(); // never resolves: its job never ends. It only stops the polling.
      await stopBoss(doomedBoss);
      expect((await inbox.list())[0]).toMatchObject({ id, state: 'active', attempts: 1 });
      const seen: { attempt: number; at: number }[] = [];
      consume(inbox, async (job) => (seen.push({ attempt: job.attempt, at: Date.now() }), OK));
      await until('handed back and done', async () => (await inbox.list({ states: ['done'] })).length === 1, 10_000);
      expect(seen.map((s) => s.attempt)).toEqual([2]);
      expect((seen[0]?.at ?? 0) - startedAt).toBeGreaterThanOrEqual(1_000);
    });

    it('makes an expired job dead when it had no attempt left, with HANDLER_TIMEOUT as its code', async () => {
      const { boss, inbox } = await open({ maxAttempts: 1, expireInSeconds: 1 });
      const id = await inbox.enqueue(message());
      let release: (() => void) | undefined;
      const consumer = consume(inbox, () => new Promise<PoaJobOutcome>((resolve) => (release = () => resolve(OK))));
      await until('started', () => release !== undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await boss.expire(); // what pg-boss's maintenance runs
      expect(await inbox.list()).toMatchObject([{ id, state: 'dead', attempts: 1, lastErrorCode: 'HANDLER_TIMEOUT' }]);
      // The stale attempt ends: its success is still recorded (the delivery was processed once).
      release?.();
      await consumer.close();
      expect(consumer.errors).toEqual([]);
    });

    it('ignores the outcome of a stale attempt once pg-boss handed the job to another worker', async () => {
      const { boss, queue, inbox } = await open({ maxAttempts: 3, expireInSeconds: 1 });
      const id = await inbox.enqueue(message());
      let failStale: (() => void) | undefined;
      const stale = consume(inbox, () => new Promise<PoaJobOutcome>((resolve) => (failStale = () => resolve({ ok: false, code: 'HANDLER_FAILED', retry: true }))));
      await until('first attempt started', () => failStale !== undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await boss.expire();
      const other = createPgBossInbox(await extraBoss(), { queue, schema: SCHEMA, pollingIntervalMs: POLL_MS });
      let finish: (() => void) | undefined;
      const attempts: number[] = [];
      consume(other, (job) => (attempts.push(job.attempt), new Promise<PoaJobOutcome>((resolve) => (finish = () => resolve(OK)))));
      await until('second attempt started', () => finish !== undefined);
      failStale?.();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await inbox.list())[0]).toMatchObject({ id, state: 'active', attempts: 2 });
      expect(stale.errors).toEqual([]);
      finish?.();
      await until('done', async () => (await inbox.list({ states: ['done'] })).length === 1);
      expect((await inbox.list())[0]).toMatchObject({ id, state: 'done', attempts: 2, lastErrorCode: undefined });
      expect(attempts).toEqual([2]);
    });

    it('retries after backoffMs exactly, doubling, below pg-boss\'s whole seconds', async () => {
      const { inbox } = await open({ maxAttempts: 4, backoffMs: 100, pollingIntervalMs: 1_000 });
      await inbox.enqueue(message());
      const at: number[] = [];
      consume(inbox, async () => (at.push(Date.now()), { ok: false, code: 'HANDLER_FAILED', retry: true }));
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).length === 1);
      const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
      expect(gaps).toHaveLength(3);
      // Each retry is woken when due, not at the next poll (1 s here).
      gaps.forEach((gap, i) => {
        expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i - 5);
        expect(gap).toBeLessThan(100 * 2 ** i + 300);
      });
    });

    it('lists, replays and purges dead jobs that pg-boss\'s maintenance moved to its archive', async () => {
      const { boss, inbox } = await open({ maxAttempts: 1 });
      const dead = [await inbox.enqueue(message('archived-1')), await inbox.enqueue(message('archived-2'))];
      const done = await inbox.enqueue(message('archived-done'));
      let heal = false;
      const consumer = consume(inbox, async (job) =>
        heal || (job.data as { event: { externalUserId: string } }).event.externalUserId === 'archived-done' ? OK : { ok: false, code: 'LEDGER_UNAVAILABLE', retry: true },
      );
      await until('2 dead, 1 done', async () => (await inbox.list({ states: ['dead'] })).length === 2 && (await inbox.list({ states: ['done'] })).length === 1);
      await consumer.close();
      await boss.getDb().executeSql(plans.archive(SCHEMA, '0 seconds', '0 seconds'), []);
      const { rows } = await boss.getDb().executeSql(`SELECT count(*)::int AS n FROM ${SCHEMA}.archive WHERE id = ANY($1::uuid[])`, [[...dead, done]]);
      expect(rows[0].n).toBe(3);
      const listed = await inbox.list();
      expect(listed.map((e) => [e.id, e.state, e.lastErrorCode])).toEqual([
        [dead[0], 'dead', 'LEDGER_UNAVAILABLE'],
        [dead[1], 'dead', 'LEDGER_UNAVAILABLE'],
        [done, 'done', undefined],
      ]);
      expect(await inbox.replay(done)).toBe(false);
      expect(await inbox.replay(dead[0] as string)).toBe(true);
      expect((await inbox.list({ states: ['waiting'] }))).toMatchObject([{ id: dead[0], attempts: 0, lastErrorCode: undefined }]);
      expect(await inbox.purgeDead()).toBe(1);
      heal = true;
      const seen: PoaInboxJob[] = [];
      consume(inbox, async (job) => (seen.push(job), OK));
      await until('replayed one done', () => seen.length === 1);
      expect(seen[0]).toMatchObject({ id: dead[0], attempt: 1, maxAttempts: 1 });
      await until('recorded', async () => (await inbox.list({ states: ['done'] })).length === 2);
      expect((await inbox.list()).map((e) => e.id)).toEqual([dead[0], done]);
      expect(consumer.errors).toEqual([]);
    });

    it('creates its queue once when many processes race for it', async () => {
      const queue = freshQueue('race');
      const bosses = await Promise.all([1, 2, 3, 4].map(() => extraBoss()));
      cleanups.push(() => dropQueue(bosses[0] as PgBoss, queue));
      const inboxes = bosses.map((boss) => createPgBossInbox(boss, { queue, schema: SCHEMA }));
      const ids = await Promise.all(inboxes.flatMap((inbox) => [inbox.enqueue(message()), inbox.enqueue(message())]));
      expect(new Set(ids).size).toBe(8);
      expect((await inboxes[0]?.list())?.length).toBe(8);
      expect((await bosses[0]?.getQueues())?.filter((q) => q.name === queue)).toHaveLength(1);
    });

    it('reports a connection lost while polling to onError, keeps going, and takes jobs again once it is back', async () => {
      const { inbox: direct, queue } = await open();
      // A TCP proxy in front of PostgreSQL, to cut.
      const target = new URL(url);
      const sockets = new Set<Socket>();
      let server: Server | undefined;
      const listen = (port: number) =>
        new Promise<number>((resolve) => {
          server = createServer((client) => {
            const upstream = new NetSocket();
            upstream.connect(Number(target.port), target.hostname);
            for (const socket of [client, upstream]) {
              sockets.add(socket);
              socket.on('error', () => {});
              socket.on('close', () => sockets.delete(socket));
            }
            client.pipe(upstream).pipe(client);
          });
          server.listen(port, '127.0.0.1', () => resolve((server?.address() as AddressInfo).port));
        });
      const cut = () => {
        server?.close();
        for (const socket of sockets) socket.destroy();
      };
      cleanups.push(async () => cut());
      const port = await listen(0);
      const proxied = new URL(url);
      proxied.port = String(port);
      const boss = new PgBoss(bossOptions({ connectionString: proxied.toString() }));
      boss.on('error', () => {}); // the pool's idle connections, cut
      await boss.start();
      cleanups.push(() => stopBoss(boss));
      const inbox = createPgBossInbox(boss, { queue, schema: SCHEMA, pollingIntervalMs: POLL_MS });
      const seen: string[] = [];
      const consumer = consume(inbox, async (job) => (seen.push(job.id), OK));
      await direct.enqueue(message());
      await until('first job', () => seen.length === 1);
      cut();
      await until('reported', () => consumer.errors.length >= 2);
      expect(consumer.errors.every((error) => isPoaWebhookError(error) && error.code === 'INBOX_UNAVAILABLE')).toBe(true);
      const id = await direct.enqueue(message());
      await listen(port);
      await until('taken again', () => seen.includes(id));
      expect(consumer.errors.length).toBeGreaterThanOrEqual(2); // each failed poll, not one per outage
    });

    it('rejects every operation of a PgBoss that is not started, and reports it to onError while consuming', async () => {
      const boss = new PgBoss(bossOptions());
      const inbox = createPgBossInbox(boss, { queue: freshQueue('unstarted'), schema: SCHEMA, pollingIntervalMs: POLL_MS });
      for (const operation of [() => inbox.enqueue(message()), () => inbox.list(), () => inbox.replayDead(), () => inbox.purgeDead()]) {
        const error: unknown = await operation().then(() => undefined, (e: unknown) => e);
        expect(isPoaWebhookError(error) && error.code).toBe('INBOX_UNAVAILABLE');
        expect(String((error as Error).cause)).toMatch(/not started/);
      }
      const consumer = consume(inbox, async () => OK);
      await until('two reports', () => consumer.errors.length >= 2);
      await consumer.close();
    });

    it('rejects with INBOX_UNAVAILABLE on a PgBoss whose schema was never created, or a schema option that is not the PgBoss\'s', async () => {
      const never = `p100_never_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const unmigrated = new PgBoss(bossOptions({ schema: never, migrate: false }));
      unmigrated.on('error', () => {});
      await expect(unmigrated.start()).rejects.toThrow(); // pg-boss's own check: not installed
      const onIt = createPgBossInbox(unmigrated, { queue: freshQueue('never'), schema: never });
      const error: unknown = await onIt.enqueue(message()).then(() => undefined, (e: unknown) => e);
      expect(isPoaWebhookError(error) && error.code).toBe('INBOX_UNAVAILABLE');
      expect((error as { cause?: { code?: string } }).cause?.code).toBe('42P01'); // undefined_table
      const { boss } = await open();
      const mismatched = createPgBossInbox(boss, { queue: freshQueue('mismatch'), schema: never });
      await expect(mismatched.list()).rejects.toMatchObject({ code: 'INBOX_UNAVAILABLE' });
    });

    const bad: [string, unknown][] = [
      ['options that are not an object', 'queue'],
      ['an empty queue name', { queue: '' }],
      ['a queue name with a space', { queue: 'a b' }],
      ['a queue name of 101 characters', { queue: 'q'.repeat(101) }],
      ['maxAttempts 0', { maxAttempts: 0 }],
      ['backoffMs 1.5', { backoffMs: 1.5 }],
      ['expireInSeconds 0', { expireInSeconds: 0 }],
      ['expireInSeconds of a day', { expireInSeconds: 86_400 }],
      ['expireInSeconds as text', { expireInSeconds: '60' }],
      ['pollingIntervalMs 5', { pollingIntervalMs: 5 }],
      ['a schema with a quote', { schema: 'pg"boss' }],
      ['a schema starting with a digit', { schema: '1pgboss' }],
    ];
    it.each(bad)('throws a TypeError for %s', (_, options) => {
      const boss = new PgBoss(bossOptions());
      expect(() => createPgBossInbox(boss, options as PgBossInboxOptions)).toThrow(TypeError);
    });

    it.each([[undefined], [{}], [{ send: () => {} }]])('throws a TypeError for a boss that is not a PgBoss: %j', (boss) => {
      expect(() => createPgBossInbox(boss as never)).toThrow(TypeError);
    });

    it.each([
      ['concurrency 0', { concurrency: 0, onError: () => {} }],
      ['concurrency 1.5', { concurrency: 1.5, onError: () => {} }],
      ['no onError', { concurrency: 1 }],
    ])('throws a TypeError when consuming with %s', (_, options) => {
      const inbox = createPgBossInbox(new PgBoss(bossOptions()), { schema: SCHEMA });
      expect(() => inbox.consume(async () => OK, options as never)).toThrow(TypeError);
    });

    it('refuses a list with unknown states or a bad limit, and replays no id that is not a job id', async () => {
      const { inbox } = await open();
      await expect(inbox.list({ states: ['failed' as never] })).rejects.toThrow(TypeError);
      await expect(inbox.list({ limit: -1 })).rejects.toThrow(TypeError);
      expect(await inbox.replay("'; DROP TABLE pgboss.job; --")).toBe(false);
      expect(await inbox.replay('00000000-0000-0000-0000-000000000000')).toBe(false);
    });
  });
}
