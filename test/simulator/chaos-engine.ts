/**
 * The one place the chaos proof opens a queue engine: the same inbox options in the runner, the
 * receivers and the workers, by engine name. The runner's instance is the one that supervises
 * (pg-boss's maintenance, which hands back a killed worker's jobs; for BullMQ a stalled-job checker
 * beside the workers' own); receivers and workers do not.
 */
import { Queue, Worker } from 'bullmq';
import PgBoss from 'pg-boss';
import type { PoaInbox } from '../../src/inbox.ts';
import { createBullMqInbox } from '../../src/inbox-bullmq.ts';
import { createPgBossInbox } from '../../src/inbox-pg-boss.ts';

export const CHAOS_ENGINES = ['pg-boss', 'bullmq'] as const;
export type ChaosEngineName = (typeof CHAOS_ENGINES)[number];

/** What every process of one run needs to open the same queue. */
export interface ChaosEngineConfig {
  readonly engine: ChaosEngineName;
  /** PostgreSQL for pg-boss, Redis for BullMQ. */
  readonly url: string;
  /** Unique per run. */
  readonly queue: string;
  /** pg-boss's schema (shared by runs; each run has its own queue). */
  readonly schema: string;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  /** How long a job may stay active before the engine hands it back (a killed worker's recovery). */
  readonly expireInSeconds: number;
  readonly pollingIntervalMs: number;
}

/** Which process opens it: only the runner supervises. */
export type ChaosRole = 'runner' | 'receiver' | 'worker';

export interface OpenedChaosEngine {
  readonly inbox: PoaInbox;
  /** Jobs of this run's queue not yet finished (waiting, retrying or active), for waiting until drained. */
  unfinished(): Promise<number>;
  close(): Promise<void>;
}

async function openPgBoss(config: ChaosEngineConfig, role: ChaosRole): Promise<OpenedChaosEngine> {
  const supervise = role === 'runner';
  const boss = new PgBoss({
    connectionString: config.url,
    schema: config.schema,
    max: role === 'worker' ? 12 : 8,
    schedule: false,
    supervise,
    // The runner's maintenance fails jobs active past expireInSeconds every second: a killed worker's
    // jobs come back within expireInSeconds + 1 s.
    ...(supervise ? { maintenanceIntervalSeconds: 1 } : {}),
    connectionTimeoutMillis: 5_000,
  } as PgBoss.ConstructorOptions);
  boss.on('error', () => {
    // A pool error while a peer is killed is retried by the inbox; the checks judge the outcome.
  });
  await boss.start();
  const { queue, schema, maxAttempts, backoffMs, expireInSeconds, pollingIntervalMs } = config;
  const inbox = createPgBossInbox(boss, { queue, schema, maxAttempts, backoffMs, expireInSeconds, pollingIntervalMs });
  const s = `"${schema.toLowerCase()}"`;
  return {
    inbox,
    unfinished: async () => {
      const rows = (await boss.getDb().executeSql(`SELECT count(*)::int AS n FROM ${s}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, [queue])) as { rows: { n: number }[] };
      return rows.rows[0]?.n ?? 0;
    },
    close: async () => {
      if (role === 'runner') {
        for (const table of ['job', 'archive']) await boss.getDb().executeSql(`DELETE FROM ${s}.${table} WHERE name = $1`, [queue]);
        await boss.deleteQueue(queue).catch(() => {});
      }
      await boss.stop({ graceful: false, timeout: 2_000 });
    },
  };
}

/** The Redis of P100_TEST_REDIS_URL as ioredis options (BullMQ opens its own connections from them). */
function redisConnection(href: string): { host: string; port: number; username?: string; password?: string; db?: number } {
  const url = new URL(href);
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(/^\d+$/.test(db) ? { db: Number(db) } : {}),
  };
}

/** Every run's queue lives under this key prefix (the queue's name is the run's own). */
const BULLMQ_PREFIX = 'p100-chaos';
/** BullMQ's states of a job not yet done or dead. */
const BULLMQ_UNFINISHED = ['waiting', 'delayed', 'active', 'prioritized', 'paused', 'waiting-children'] as const;

async function openBullMq(config: ChaosEngineConfig, role: ChaosRole): Promise<OpenedChaosEngine> {
  const { queue: name, maxAttempts, backoffMs, expireInSeconds } = config;
  const connection = redisConnection(config.url);
  const queue = new Queue(name, { connection, prefix: BULLMQ_PREFIX });
  queue.on('error', () => {
    // A connection error is retried by ioredis and surfaces as INBOX_UNAVAILABLE; the checks judge the outcome.
  });
  await queue.waitUntilReady();
  // A killed worker's lock runs out after expireInSeconds; the stalled checks (every second, in each
  // worker and in the runner) then hand its jobs back, within expireInSeconds + 2 s.
  const stalled = { lockDuration: expireInSeconds * 1_000, stalledInterval: 1_000 };
  // Every done job is kept, for the checks' `list`; the runner obliterates the queue at the end.
  const inbox = createBullMqInbox(queue, { maxAttempts, backoffMs, ...stalled, removeOnComplete: false });
  // The runner's supervisor: a Worker that takes no job and only runs BullMQ's stalled check, with
  // the inbox's own stall allowance (each stall is an attempt: consume-bullmq-queue.ts).
  let checker: Worker | undefined;
  if (role === 'runner') {
    checker = new Worker(name, undefined, { connection, prefix: BULLMQ_PREFIX, autorun: false, ...stalled, maxStalledCount: maxAttempts });
    checker.on('error', () => {});
    await checker.startStalledCheckTimer();
  }
  return {
    inbox,
    unfinished: async () => {
      const counts = await queue.getJobCounts(...BULLMQ_UNFINISHED);
      return BULLMQ_UNFINISHED.reduce((n, state) => n + (counts[state] ?? 0), 0);
    },
    close: async () => {
      if (checker !== undefined) await checker.close(true).catch(() => {});
      if (role === 'runner') await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    },
  };
}

export async function openChaosEngine(config: ChaosEngineConfig, role: ChaosRole): Promise<OpenedChaosEngine> {
  switch (config.engine) {
    case 'pg-boss':
      return openPgBoss(config, role);
    case 'bullmq':
      return openBullMq(config, role);
  }
}
