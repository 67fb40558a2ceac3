/**
 * A chaos worker child process: `startPoaWorker` on the run's engine with the PostgreSQL ledger in
 * transactional mode; each applied delivery's effect is a row written through the delivery's
 * transaction (it commits with the decision or not at all: exactly once, SIGKILLs included). Users
 * whose id holds the fail marker throw in the handler until the runner heals them (the file
 * `HEALED` in the log directory). Each decision is appended synchronously
 * to this process's log before the job's outcome is recorded, so a SIGKILL loses none of a job
 * that completed.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { PoaVerificationEvent } from '../../src/index.ts';
import { type PoaWorkerContext, startPoaWorker } from '../../src/inbox.ts';
import { createPoaLedger } from '../../src/ledger.ts';
import { createPostgresLedgerStore, postgresTransactionOf } from '../../src/ledger-postgres.ts';
import type { ChaosChildConfig, ChaosDecision } from './chaos-config.ts';
import { openChaosEngine } from './chaos-engine.ts';

const config = JSON.parse(process.env['SIM_CONFIG'] ?? '') as ChaosChildConfig;
const { pid } = process;
const file = join(config.logDir, `worker-${pid}.jsonl`);
// The runner heals the failing users by creating this file (read only for their deliveries).
const healedFile = join(config.logDir, 'HEALED');

const engine = await openChaosEngine(config.engine, 'worker');
const pool = new pg.Pool({ connectionString: config.ledgerUrl, max: config.concurrency + 4, connectionTimeoutMillis: 2_000 });
pool.on('error', () => {});
const ids = (context: PoaWorkerContext) => ({ event: context.header('x-sim-event') ?? '', attempt: context.header('x-sim-attempt') ?? '' });
const insert = `INSERT INTO "${config.effectsTable}" (job_id, user_id, status, event, attempt, pid, at, healed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const noLedger = config.mutate === 'no-ledger';
let effects = 0;

const effect = async (event: PoaVerificationEvent, context: PoaWorkerContext): Promise<void> => {
  const failing = event.externalUserId.includes(config.failMarker);
  const healed = failing && existsSync(healedFile);
  if (failing && !healed) throw new Error('injected: this user fails permanently');
  const { event: eventId, attempt } = ids(context);
  const values = [context.jobId, event.externalUserId, event.status, eventId, attempt, pid, Date.now(), healed];
  const query = noLedger ? (text: string, params: readonly unknown[]) => pool.query(text, params as unknown[]) : postgresTransactionOf(context);
  await query(insert, values);
  // The `double-effect` defect: one effect in 50 written twice.
  if (config.mutate === 'double-effect' && ++effects % 50 === 0) await query(insert, values);
};

const ledger = noLedger
  ? undefined
  : createPoaLedger({
      store: createPostgresLedgerStore({ connect: () => pool.connect(), tableName: config.ledgerTable }),
      retryHorizonMs: config.retryHorizonMs,
      leaseMs: 2_000,
      waitMs: 1_000,
    });
const worker = startPoaWorker({
  inbox: engine.inbox,
  ...(ledger === undefined ? {} : { ledger }),
  concurrency: config.concurrency,
  handlerTimeoutMs: config.handlerTimeoutMs,
  signals: [],
  onEvent: effect,
  onDecision: (record, context) => {
    const line: ChaosDecision = { ...ids(context), user: record.externalUserId, status: record.status, decision: record.decision, jobId: context.jobId, pid, at: Date.now() };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  },
});
process.send?.({ type: 'listening', port: 0 });
process.on('disconnect', () => {
  void worker
    .stop()
    .then(() => engine.close())
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
