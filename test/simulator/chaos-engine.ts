/**
 * The one place the chaos proof opens a queue engine: the same inbox options in the runner, the
 * receivers and the workers, by engine name. The runner's instance is the one that supervises
 * (pg-boss's maintenance, which hands back a killed worker's jobs); receivers and workers do not.
 */
import PgBoss from 'pg-boss';
import type { PoaInbox } from '../../src/inbox.ts';
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

export async function openChaosEngine(config: ChaosEngineConfig, role: ChaosRole): Promise<OpenedChaosEngine> {
  switch (config.engine) {
    case 'pg-boss':
      return openPgBoss(config, role);
    case 'bullmq':
      // ── BullMQ opener: to be wired by the lead once src/inbox-bullmq.ts is merged. ──
      // Open a BullMQ Queue on config.url (Redis) named config.queue, return
      // { inbox: createBullMqInbox(queue, { maxAttempts, backoffMs, ... }), unfinished: waiting +
      // delayed + active + prioritized counts (queue.getJobCounts), close: obliterate the queue when
      // role === 'runner', then queue.close() }. The runner's role must run the stalled-job check
      // (a QueueEvents/Worker with a short stalledInterval) so a killed worker's jobs come back.
      throw new Error('the bullmq engine is not wired yet: src/inbox-bullmq.ts is merged later (see test/simulator/chaos-engine.ts)');
  }
}
