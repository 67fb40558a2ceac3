/**
 * The BullMQ inbox on the real Redis: the conformance suite and the worker's case list, each `open`
 * on a fresh queue under this run's own key prefix, `reopen` through a second Queue (its own
 * connection), and `broken` a Queue on a closed port. Then what only this engine has: a dead-at-once
 * failure stored as its code only, a worker closed without finishing whose job comes back through
 * BullMQ's stalled check as the next attempt (and dead as HANDLER_TIMEOUT on the last one), the
 * capped backoff, and the options.
 */
import { Queue, type QueueOptions } from 'bullmq';
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PoaInbox, PoaInboxJob, PoaJobOutcome } from '../../src/inbox.ts';
import { createBullMqInbox, type BullMqInboxOptions } from '../../src/inbox-bullmq.ts';
import { p100Backoff } from '../../src/inbox/bullmq/bullmq-backoff.ts';
import { closedPort } from '../support/closed-port.ts';
import { testServer } from '../support/servers.ts';
import { consumeUntilCleanup, describeInbox, message, until } from './inbox-conformance.ts';
import { describeWorker } from './worker-cases.ts';

const url = testServer('redis');
/** This run's own key prefix: nothing else on the shared Redis uses it. */
const PREFIX = `p100-test-bullmq-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
let queues = 0;
const freshQueue = (label = 'q') => `${label}-${++queues}`;

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let doomedScript = '';

if (url !== undefined) {
  beforeAll(async () => {
    await mkdir(join(ROOT, 'node_modules/.cache'), { recursive: true });
    dir = await mkdtemp(join(ROOT, 'node_modules/.cache/p100-bullmq-'));
    doomedScript = join(dir, 'bullmq-doomed-worker.mjs');
    await build({ entryPoints: [join(ROOT, 'test/inbox/fixtures/bullmq-doomed-worker.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile: doomedScript, logLevel: 'silent' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const { hostname, port } = new URL(url);
  const connection = { host: hostname, port: Number(port) };
  const queueErrors: unknown[] = [];
  const openQueue = (name: string, extra: Partial<QueueOptions> = {}): Queue => {
    const queue = new Queue(name, { connection, prefix: PREFIX, ...extra });
    queue.on('error', (error) => queueErrors.push(error));
    return queue;
  };
  const dropQueue = async (queue: Queue) => {
    await queue.obliterate({ force: true });
    await queue.close();
  };

  const engine = {
    name: 'bullmq',
    pickupMs: 300,
    async open(retry: BullMqInboxOptions) {
      const name = freshQueue();
      const queue = openQueue(name);
      const others: Queue[] = [];
      return {
        inbox: createBullMqInbox(queue, retry),
        reopen: async () => {
          const other = openQueue(name);
          others.push(other);
          return createBullMqInbox(other, retry);
        },
        close: async () => {
          for (const other of others) await other.close();
          await dropQueue(queue);
        },
      };
    },
    async broken() {
      // BullMQ waits for a Queue's first connection before any command: a connection that retries
      // forever makes an enqueue wait (the receiver's handlerTimeoutMs answers 503 then, see
      // docs/inbox-bullmq.md). This one gives up at once, so the enqueue rejects.
      const queue = new Queue(freshQueue('broken'), {
        connection: { host: '127.0.0.1', port: await closedPort(), enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null },
        prefix: PREFIX,
      });
      queue.on('error', () => {});
      return { inbox: createBullMqInbox(queue), close: () => queue.close().catch(() => {}) };
    },
  };
  describeInbox(engine);
  describeWorker(engine);

  describe('BullMQ inbox: what only this engine does', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      expect(queueErrors).toEqual([]);
    });
    const open = (options: BullMqInboxOptions = {}) => {
      const queue = openQueue(freshQueue('own'));
      cleanups.push(() => dropQueue(queue));
      return { queue, inbox: createBullMqInbox(queue, { maxAttempts: 3, backoffMs: 50, ...options }) };
    };
    const consume = (inbox: PoaInbox, process: (job: PoaInboxJob) => Promise<PoaJobOutcome>, concurrency = 1) =>
      consumeUntilCleanup(cleanups, inbox, process, concurrency);
    const OK: PoaJobOutcome = { ok: true };

    it('makes a retry: false failure dead at once, storing the code only: no error text, no stack', async () => {
      const { queue, inbox } = open({ maxAttempts: 5 });
      const id = await inbox.enqueue(message());
      const seen: number[] = [];
      const consumer = consume(inbox, async (job) => {
        seen.push(job.attempt);
        return { ok: false, code: 'INVALID_PAYLOAD', retry: false };
      });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toEqual([1]);
      expect(await inbox.list()).toMatchObject([{ id, state: 'dead', attempts: 1, lastErrorCode: 'INVALID_PAYLOAD' }]);
      const job = await queue.getJob(id);
      expect(job?.failedReason).toBe('INVALID_PAYLOAD');
      expect(job?.stacktrace).toEqual([]);
      expect(await job?.getState()).toBe('failed');
      expect(consumer.errors).toEqual([]);
    });

    it('stores a thrown error as HANDLER_FAILED, never its text', async () => {
      const { queue, inbox } = open({ maxAttempts: 1 });
      const id = await inbox.enqueue(message());
      const consumer = consume(inbox, async () => {
        throw new Error('card 4111 1111 1111 1111 of jane@example.com');
      });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).length === 1);
      const raw = JSON.stringify(await (await queue.client).hgetall(`${PREFIX}:${queue.name}:${id}`));
      expect(raw).not.toContain('4111');
      expect(raw).not.toContain('jane@');
      expect((await queue.getJob(id))?.failedReason).toBe('HANDLER_FAILED');
      expect(consumer.errors).toHaveLength(1);
    });

    it('hands back the job of a SIGKILLed worker, through the stalled check, as the next attempt', async () => {
      const { queue, inbox } = open({ maxAttempts: 3, lockDuration: 1_000, stalledInterval: 1_000 });
      const id = await inbox.enqueue(message());
      const startedAt = Date.now();
      expect(await killedMidJob(queue.name, 3)).toBe('start 1');
      expect((await inbox.list())[0]).toMatchObject({ id, state: 'active', attempts: 1 });
      const seen: { attempt: number; at: number }[] = [];
      const consumer = consume(inbox, async (job) => (seen.push({ attempt: job.attempt, at: Date.now() }), OK));
      await until('handed back and done', async () => (await inbox.list({ states: ['done'] })).length === 1, 10_000);
      expect(seen.map((s) => s.attempt)).toEqual([2]);
      expect((seen[0]?.at ?? 0) - startedAt).toBeGreaterThanOrEqual(1_000);
      expect((await inbox.list())[0]).toMatchObject({ id, state: 'done', attempts: 2 });
      expect(consumer.errors).toEqual([]);
    });

    it('makes a job dead as HANDLER_TIMEOUT when its last attempt stalled', async () => {
      const { queue, inbox } = open({ maxAttempts: 1, lockDuration: 1_000, stalledInterval: 1_000 });
      const id = await inbox.enqueue(message());
      expect(await killedMidJob(queue.name, 1)).toBe('start 1');
      const seen: number[] = [];
      const consumer = consume(inbox, async (job) => (seen.push(job.attempt), OK));
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).length === 1, 10_000);
      expect(await inbox.list()).toMatchObject([{ id, state: 'dead', attempts: 1, lastErrorCode: 'HANDLER_TIMEOUT' }]);
      expect(seen).toEqual([]);
      expect(consumer.errors).toEqual([]);
      // Replayed, it gets its full attempts again.
      expect(await inbox.replay(id)).toBe(true);
      await until('replayed and done', async () => (await inbox.list({ states: ['done'] })).length === 1);
      expect(seen).toEqual([1]);
    });

    it('backs off exponentially from backoffMs, capped at one day', async () => {
      expect([1, 2, 3, 4].map((made) => p100Backoff(made, 100))).toEqual([100, 200, 400, 800]);
      expect(p100Backoff(40, 1_000)).toBe(86_400_000);
      const { inbox } = open({ maxAttempts: 4, backoffMs: 100 });
      await inbox.enqueue(message());
      const at: number[] = [];
      consume(inbox, async () => (at.push(Date.now()), { ok: false, code: 'HANDLER_FAILED', retry: true }));
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).length === 1);
      const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
      expect(gaps).toHaveLength(3);
      gaps.forEach((gap, i) => {
        expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i - 5);
        expect(gap).toBeLessThan(100 * 2 ** i + 500);
      });
    });

    it('keeps no done job with removeOnComplete: true, and the dead ones still', async () => {
      const { inbox } = open({ maxAttempts: 1, removeOnComplete: true });
      await inbox.enqueue(message('fine'));
      await inbox.enqueue(message('bad'));
      consume(inbox, async (job) => ((job.data as { event: { externalUserId: string } }).event.externalUserId === 'bad' ? { ok: false, code: 'HANDLER_FAILED', retry: true } : OK));
      await until('one dead', async () => (await inbox.list({ states: ['dead'] })).length === 1);
      await until('none left waiting', async () => (await inbox.list({ states: ['waiting', 'active'] })).length === 0);
      expect((await inbox.list()).map((entry) => entry.state)).toEqual(['dead']);
    });

    const bad: [string, unknown][] = [
      ['options that are not an object', 'queue'],
      ['maxAttempts 0', { maxAttempts: 0 }],
      ['backoffMs 1.5', { backoffMs: 1.5 }],
      ['lockDuration 999', { lockDuration: 999 }],
      ['lockDuration as text', { lockDuration: '30000' }],
      ['stalledInterval of two days', { stalledInterval: 172_800_000 }],
      ['removeOnComplete -1', { removeOnComplete: -1 }],
      ['removeOnComplete {}', { removeOnComplete: {} }],
      ['removeOnComplete with an unknown key', { removeOnComplete: { age: 1, days: 2 } }],
    ];
    it.each(bad)('throws a TypeError for %s', (_, options) => {
      const queue = openQueue(freshQueue('bad'));
      cleanups.push(() => queue.close());
      expect(() => createBullMqInbox(queue, options as BullMqInboxOptions)).toThrow(TypeError);
    });

    it.each([[undefined], [{}], [{ add: () => {}, name: 'q' }]])('throws a TypeError for a queue that is not a BullMQ Queue: %j', (queue) => {
      expect(() => createBullMqInbox(queue as never)).toThrow(TypeError);
    });

    it.each([
      ['concurrency 0', { concurrency: 0, onError: () => {} }],
      ['concurrency 1.5', { concurrency: 1.5, onError: () => {} }],
      ['no onError', { concurrency: 1 }],
    ])('throws a TypeError when consuming with %s', (_, options) => {
      const { inbox } = open();
      expect(() => inbox.consume(async () => OK, options as never)).toThrow(TypeError);
    });

    it('refuses a list with unknown states or a bad limit, and replays no id that is not a dead job', async () => {
      const { inbox } = open();
      await expect(inbox.list({ states: ['failed' as never] })).rejects.toThrow(TypeError);
      await expect(inbox.list({ limit: -1 })).rejects.toThrow(TypeError);
      expect(await inbox.replay('')).toBe(false);
      expect(await inbox.replay('*')).toBe(false);
      expect(await inbox.replay('999999')).toBe(false);
    });
  });

  /** Runs the inbox's consumer in a child process, SIGKILLs it once it took a job, and resolves with what it reported. */
  function killedMidJob(queue: string, maxAttempts: number): Promise<string> {
    return new Promise((done, reject) => {
      const env = { ...process.env, QUEUE: queue, PREFIX, REDIS_HOST: connection.host, REDIS_PORT: String(connection.port), MAX_ATTEMPTS: String(maxAttempts) };
      const child = fork(doomedScript, [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      let output = '';
      let said = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
      child.on('message', (message: string) => {
        said = message;
        child.kill('SIGKILL');
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.on('error', reject);
      child.on('exit', () => {
        clearTimeout(timer);
        if (output !== '') reject(new Error(`the doomed worker printed: ${output}`));
        else done(said);
      });
    });
  }
}
