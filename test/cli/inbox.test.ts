/**
 * `p100-webhooks inbox list | replay | purge-dead`, the bundled bin against the real PostgreSQL
 * (pg-boss) and the real Redis (BullMQ): deliveries queued and made dead by a real worker, then looked after from the CLI.
 */
import { Queue } from 'bullmq';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoaInbox, startPoaWorker } from '../../src/inbox.ts';
import { createBullMqInbox } from '../../src/inbox-bullmq.ts';
import { createPgBossInbox } from '../../src/inbox-pg-boss.ts';
import { message, until } from '../inbox/inbox-conformance.ts';
import { closedPort } from '../support/closed-port.ts';
import { testServer } from '../support/servers.ts';
import { type BuiltCli, buildCli, cliEnv, runCli } from './support/build-cli.ts';

const SCHEMA = 'p100_test_cli_inbox';
const PASSWORD = 'hunter2-not-printed';

/** One engine the CLI looks after: how to open its inbox in the test, and what the CLI then prints. */
interface Engine {
  readonly name: string;
  /** The URL the CLI is given (with a password where the server ignores it, so the output can be searched for it). */
  readonly url: string;
  /** How the CLI names it: engine and URL, the password as ***. */
  readonly printed: string;
  /** The options that pick this test's queue. */
  readonly where: readonly string[];
  open(): Promise<{ readonly inbox: PoaInbox; close(): Promise<void> }>;
  /** The URL of a closed port, as the CLI prints it. */
  unreachable(port: number): { readonly url: string; readonly printed: string };
}

const queueName = `p100-cli-${process.pid}-${Date.now()}`;
const postgresUrl = testServer('postgres');
const redisUrl = testServer('redis');
const ENGINES: Engine[] = [];

if (postgresUrl !== undefined) {
  // The test server trusts loopback, so a password in the URL is accepted and ignored.
  const withPassword = new URL(postgresUrl);
  withPassword.password = PASSWORD;
  ENGINES.push({
    name: 'pg-boss on PostgreSQL',
    url: withPassword.href,
    printed: `pg-boss at ${withPassword.href.replace(PASSWORD, '***')}`,
    where: ['--queue', queueName, '--schema', SCHEMA],
    async open() {
      const boss = new PgBoss({ connectionString: postgresUrl, schema: SCHEMA, supervise: false, schedule: false });
      boss.on('error', () => {});
      await boss.start();
      const inbox = createPgBossInbox(boss, { queue: queueName, schema: SCHEMA, maxAttempts: 1, backoffMs: 10, pollingIntervalMs: 50 });
      return { inbox, close: () => boss.stop({ graceful: false, wait: true }) };
    },
    unreachable: (port) => ({ url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, printed: `postgres://postgres:***@127.0.0.1:${port}/postgres` }),
  });
}
if (redisUrl !== undefined) {
  ENGINES.push({
    name: 'BullMQ on Redis',
    url: redisUrl,
    printed: `bullmq at ${new URL(redisUrl).href}`,
    // BullMQ's default prefix (the CLI has no --prefix), under a queue name no other run uses.
    where: ['--queue', queueName],
    async open() {
      const { hostname, port } = new URL(redisUrl);
      const queue = new Queue(queueName, { connection: { host: hostname, port: Number(port) } });
      queue.on('error', () => {});
      const inbox = createBullMqInbox(queue, { maxAttempts: 1, backoffMs: 10 });
      return {
        inbox,
        async close() {
          await queue.obliterate({ force: true });
          await queue.close();
        },
      };
    },
    unreachable: (port) => ({ url: `redis://:${PASSWORD}@127.0.0.1:${port}/0`, printed: `redis://:***@127.0.0.1:${port}/0` }),
  });
}

describe.skipIf(ENGINES.length === 0).each(ENGINES)('p100-webhooks inbox ($name)', (engine) => {
  let cli: BuiltCli;
  let inbox: PoaInbox;
  let close: () => Promise<void> = async () => {};
  const run = (...args: string[]) => runCli(cli, ['inbox', ...args], cliEnv({ P100_INBOX_URL: engine.url }));
  let deadIds: string[] = [];

  beforeAll(async () => {
    cli = await buildCli();
    ({ inbox, close } = await engine.open());
    await inbox.enqueue(message('u-fine'));
    deadIds = [await inbox.enqueue(message('u-dead-1', 'REJECTED')), await inbox.enqueue(message('u-\u001b[31mred', 'QUESTIONED'))];
    const worker = startPoaWorker({ inbox, signals: [], onEvent: (event) => {
      if (event.externalUserId !== 'u-fine') throw new Error('permanent');
    } });
    await until('2 dead', async () => (await inbox.list({ states: ['dead'] })).length === 2);
    await worker.stop();
  }, 60_000);
  afterAll(async () => {
    await close();
    await cli?.remove();
  });

  it('lists the dead deliveries, one line each, escaped, and never prints the password', async () => {
    const result = await run('list', ...engine.where, '--state', 'dead');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(deadIds[0]);
    expect(lines[0]).toMatch(/dead\s+attempts 1\s+HANDLER_FAILED\s+\d{4}-\d\d-\d\dT.*REJECTED "u-dead-1"/);
    expect(lines[1]).toContain('\\u001b[31mred');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stderr).toBe(`2 deliveries (${engine.printed})\n`);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('lists every state as JSON lines with --json', async () => {
    const result = await run('list', ...engine.where, '--json');
    expect(result.code).toBe(0);
    const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { state: string; message: { event: { externalUserId: string } } });
    expect(entries.map((entry) => entry.state).sort()).toEqual(['dead', 'dead', 'done']);
    expect(result.stderr).toBe('');
  });

  it('lists nothing from a queue of another name', async () => {
    const where = engine.where.map((arg) => (arg === queueName ? `${queueName}-other` : arg));
    const result = await run('list', ...where);
    expect([result.code, result.stdout]).toEqual([0, '']);
  });

  it('replays one dead delivery by id, then refuses the same id (exit 1)', async () => {
    const first = await run('replay', ...engine.where, '--id', deadIds[0] as string);
    expect([first.code, first.stdout]).toEqual([0, `replayed ${deadIds[0]}\n`]);
    const again = await run('replay', ...engine.where, '--id', deadIds[0] as string);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no dead delivery with id');
    expect((await inbox.list({ states: ['waiting'] })).map((entry) => entry.id)).toEqual([deadIds[0]]);
  });

  it('replays every dead delivery, then purges the dead', async () => {
    const replayed = await run('replay', ...engine.where, '--all-dead');
    expect([replayed.code, replayed.stdout]).toEqual([0, 'replayed 1 dead deliveries\n']);
    const worker = startPoaWorker({ inbox, signals: [], onEvent: () => {
      throw new Error('still failing');
    } });
    await until('2 dead again', async () => (await inbox.list({ states: ['dead'] })).length === 2);
    await worker.stop();
    const purged = await run('purge-dead', ...engine.where);
    expect([purged.code, purged.stdout]).toEqual([0, 'purged 2 dead deliveries\n']);
    expect(await inbox.list({ states: ['dead'] })).toEqual([]);
  });

  it('exits 1 with the error code, not its text, when the server cannot be reached, and prints the password as ***', async () => {
    const { url, printed } = engine.unreachable(await closedPort());
    const result = await runCli(cli, ['inbox', 'list', '--url', url], cliEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`p100-webhooks: cannot open the inbox at ${printed}: ECONNREFUSED\n`);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });
});

describe('p100-webhooks inbox: usage errors', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await buildCli();
  }, 60_000);
  afterAll(async () => {
    await cli?.remove();
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
