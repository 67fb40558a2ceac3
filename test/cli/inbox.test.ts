/**
 * `p100-webhooks inbox list | replay | purge-dead`, the bundled bin against the real PostgreSQL
 * (pg-boss) and the real Redis (BullMQ): deliveries queued and made dead by a real worker, then looked after from the CLI.
 */
import { createServer, type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoaInbox, startPoaWorker } from '../../src/inbox.ts';
import { createBullMqInbox } from '../../src/inbox-bullmq.ts';
import { createPgBossInbox } from '../../src/inbox-pg-boss.ts';
import { message, until } from '../inbox/inbox-conformance.ts';
import { testServer } from '../support/servers.ts';
import { type BuiltCli, buildCli, cliEnv, runCli } from './support/build-cli.ts';

const url = testServer('postgres');
const SCHEMA = 'p100_test_cli_inbox';
const PASSWORD = 'hunter2-not-printed';

if (url !== undefined) {
  describe('p100-webhooks inbox (pg-boss on PostgreSQL)', () => {
    let cli: BuiltCli;
    let boss: PgBoss;
    let inbox: PoaInbox;
    const queue = `p100-cli-${process.pid}-${Date.now()}`;
    // The test server trusts loopback, so a password in the URL is accepted and ignored: it can be looked for in the output.
    const withPassword = (() => {
      const u = new URL(url);
      u.password = PASSWORD;
      return u.href;
    })();
    const run = (...args: string[]) => runCli(cli, ['inbox', ...args], cliEnv({ P100_INBOX_URL: withPassword }));
    const where = ['--queue', queue, '--schema', SCHEMA];
    let deadIds: string[] = [];

    beforeAll(async () => {
      cli = await buildCli();
      boss = new PgBoss({ connectionString: url, schema: SCHEMA, supervise: false, schedule: false });
      boss.on('error', () => {});
      await boss.start();
      inbox = createPgBossInbox(boss, { queue, schema: SCHEMA, maxAttempts: 1, backoffMs: 10, pollingIntervalMs: 50 });
      await inbox.enqueue(message('u-fine'));
      deadIds = [await inbox.enqueue(message('u-dead-1', 'REJECTED')), await inbox.enqueue(message('u-\u001b[31mred', 'QUESTIONED'))];
      const worker = startPoaWorker({ inbox, signals: [], onEvent: (event) => {
        if (event.externalUserId !== 'u-fine') throw new Error('permanent');
      } });
      await until('2 dead', async () => (await inbox.list({ states: ['dead'] })).length === 2);
      await worker.stop();
    }, 60_000);
    afterAll(async () => {
      await boss?.stop({ graceful: false, wait: true });
      await cli?.remove();
    });

    it('lists the dead deliveries, one line each, escaped, and never prints the password', async () => {
      const result = await run('list', ...where, '--state', 'dead');
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(deadIds[0]);
      expect(lines[0]).toMatch(/dead\s+attempts 1\s+HANDLER_FAILED\s+\d{4}-\d\d-\d\dT.*REJECTED "u-dead-1"/);
      expect(lines[1]).toContain('\\u001b[31mred');
      expect(result.stdout).not.toContain('\u001b');
      expect(result.stderr).toContain('2 deliveries (pg-boss at postgres://postgres:***@');
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    });

    it('lists every state as JSON lines with --json', async () => {
      const result = await run('list', ...where, '--json');
      expect(result.code).toBe(0);
      const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { state: string; message: { event: { externalUserId: string } } });
      expect(entries.map((entry) => entry.state).sort()).toEqual(['dead', 'dead', 'done']);
      expect(result.stderr).toBe('');
    });

    it('replays one dead delivery by id, then refuses the same id (exit 1)', async () => {
      const first = await run('replay', ...where, '--id', deadIds[0] as string);
      expect([first.code, first.stdout]).toEqual([0, `replayed ${deadIds[0]}\n`]);
      const again = await run('replay', ...where, '--id', deadIds[0] as string);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('no dead delivery with id');
      expect((await inbox.list({ states: ['waiting'] })).map((entry) => entry.id)).toEqual([deadIds[0]]);
    });

    it('replays every dead delivery, then purges the dead', async () => {
      const replayed = await run('replay', ...where, '--all-dead');
      expect([replayed.code, replayed.stdout]).toEqual([0, 'replayed 1 dead deliveries\n']);
      const worker = startPoaWorker({ inbox, signals: [], onEvent: () => {
        throw new Error('still failing');
      } });
      await until('2 dead again', async () => (await inbox.list({ states: ['dead'] })).length === 2);
      await worker.stop();
      const purged = await run('purge-dead', ...where);
      expect([purged.code, purged.stdout]).toEqual([0, 'purged 2 dead deliveries\n']);
      expect(await inbox.list({ states: ['dead'] })).toEqual([]);
    });

    it('exits 1 with the error code, not its text, when the database cannot be reached', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const result = await runCli(cli, ['inbox', 'list', '--url', `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`], cliEnv());
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`p100-webhooks: cannot open the inbox at postgres://postgres:***@127.0.0.1:${port}/postgres: ECONNREFUSED\n`);
    });

    it.each([
      [['list'], 'missing --url'],
      [['list', '--url', 'mysql://x'], 'bad --url scheme'],
      [['list', '--url', 'not a url'], 'bad --url: not a URL'],
      [['replay', '--url', 'postgres://x'], 'exactly one of --id ID or --all-dead'],
      [['replay', '--url', 'postgres://x', '--id', 'a', '--all-dead'], 'exactly one of --id ID or --all-dead'],
      [['list', '--url', 'postgres://x', '--state', 'gone'], 'bad --state "gone"'],
      [['list', '--url', 'postgres://x', '--limit', '0'], 'bad --limit'],
      [['purge-dead', '--url', 'postgres://x', '--json'], 'options of "inbox list"'],
      [['list', '--url', 'redis://x', '--schema', 's'], '--schema is an option of PostgreSQL'],
      [['drop'], 'unknown inbox action "drop"'],
      [[], 'missing inbox action'],
    ])('exits 2 for %j', async (args, text) => {
      const result = await runCli(cli, ['inbox', ...args], cliEnv());
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
}

const redisUrl = testServer('redis');

if (redisUrl !== undefined) {
  describe('p100-webhooks inbox (BullMQ on Redis)', () => {
    let cli: BuiltCli;
    let queue: Queue;
    let inbox: PoaInbox;
    // BullMQ's default prefix (the CLI has no --prefix), under a queue name no other run uses.
    const name = `p100-cli-${process.pid}-${Date.now()}`;
    const run = (...args: string[]) => runCli(cli, ['inbox', ...args], cliEnv({ P100_INBOX_URL: redisUrl }));
    const where = ['--queue', name];
    let deadIds: string[] = [];

    beforeAll(async () => {
      cli = await buildCli();
      const { hostname, port } = new URL(redisUrl);
      queue = new Queue(name, { connection: { host: hostname, port: Number(port) } });
      queue.on('error', () => {});
      inbox = createBullMqInbox(queue, { maxAttempts: 1, backoffMs: 10 });
      await inbox.enqueue(message('u-fine'));
      deadIds = [await inbox.enqueue(message('u-dead-1', 'REJECTED')), await inbox.enqueue(message('u-\u001b[31mred', 'QUESTIONED'))];
      const worker = startPoaWorker({ inbox, signals: [], onEvent: (event) => {
        if (event.externalUserId !== 'u-fine') throw new Error('permanent');
      } });
      await until('2 dead', async () => (await inbox.list({ states: ['dead'] })).length === 2);
      await worker.stop();
    }, 60_000);
    afterAll(async () => {
      await queue?.obliterate({ force: true });
      await queue?.close();
      await cli?.remove();
    });

    it('lists the dead deliveries, one line each, escaped', async () => {
      const result = await run('list', ...where, '--state', 'dead');
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(deadIds[0]);
      expect(lines[0]).toMatch(/dead\s+attempts 1\s+HANDLER_FAILED\s+\d{4}-\d\d-\d\dT.*REJECTED "u-dead-1"/);
      expect(lines[1]).toContain('\\u001b[31mred');
      expect(result.stdout).not.toContain('\u001b');
      expect(result.stderr).toBe(`2 deliveries (bullmq at ${new URL(redisUrl).href})\n`);
    });

    it('lists every state as JSON lines with --json', async () => {
      const result = await run('list', ...where, '--json');
      expect(result.code).toBe(0);
      const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { state: string });
      expect(entries.map((entry) => entry.state).sort()).toEqual(['dead', 'dead', 'done']);
      expect(result.stderr).toBe('');
    });

    it('lists nothing from a queue of another name', async () => {
      const result = await run('list', '--queue', `${name}-other`);
      expect([result.code, result.stdout]).toEqual([0, '']);
    });

    it('replays one dead delivery by id, then refuses the same id (exit 1)', async () => {
      const first = await run('replay', ...where, '--id', deadIds[0] as string);
      expect([first.code, first.stdout]).toEqual([0, `replayed ${deadIds[0]}\n`]);
      const again = await run('replay', ...where, '--id', deadIds[0] as string);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('no dead delivery with id');
      expect((await inbox.list({ states: ['waiting'] })).map((entry) => entry.id)).toEqual([deadIds[0]]);
    });

    it('replays every dead delivery, then purges the dead', async () => {
      const replayed = await run('replay', ...where, '--all-dead');
      expect([replayed.code, replayed.stdout]).toEqual([0, 'replayed 1 dead deliveries\n']);
      const worker = startPoaWorker({ inbox, signals: [], onEvent: () => {
        throw new Error('still failing');
      } });
      await until('2 dead again', async () => (await inbox.list({ states: ['dead'] })).length === 2);
      await worker.stop();
      const purged = await run('purge-dead', ...where);
      expect([purged.code, purged.stdout]).toEqual([0, 'purged 2 dead deliveries\n']);
      expect(await inbox.list({ states: ['dead'] })).toEqual([]);
    });

    it('exits 1 with the error code, not its text, when Redis cannot be reached, and prints the password as ***', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const result = await runCli(cli, ['inbox', 'list', '--url', `redis://:${PASSWORD}@127.0.0.1:${port}/0`], cliEnv());
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`p100-webhooks: cannot open the inbox at redis://:***@127.0.0.1:${port}/0: ECONNREFUSED\n`);
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    });
  });
}
