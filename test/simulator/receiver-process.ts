/**
 * A receiver child process: opens the shared store named in `SIM_CONFIG`, serves
 * `createNodeHandler` on 127.0.0.1 (ephemeral port), tells the supervisor its port, logs every
 * decision and fired fault to its own file (written synchronously, so a SIGKILL loses nothing logged
 * before it) and reports `applied` decisions over IPC.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReceiverBackend, type BackendConfig } from './open-backend.ts';
import type { P100Timings } from './p100-timings.ts';
import { startSimReceiver } from './sim-receiver.ts';
import type { ReceiverLogLine } from './sim-records.ts';

export interface ReceiverProcessConfig {
  readonly backend: BackendConfig;
  readonly timings: P100Timings;
  readonly secret: string;
  readonly logDir: string;
}

const config = JSON.parse(process.env['SIM_CONFIG'] ?? '') as ReceiverProcessConfig;
const file = join(config.logDir, `receiver-${process.pid}.jsonl`);
const backend = await openReceiverBackend(config.backend);
const receiver = await startSimReceiver({
  backend,
  timings: config.timings,
  secret: config.secret,
  rule: { kind: 'ledger' },
  log: (line: ReceiverLogLine) => {
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    if (line.type === 'decision' && line.decision === 'applied') process.send?.({ type: 'applied', record: line });
  },
  kill: () => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: SIGKILL was sent');
  },
});
process.send?.({ type: 'listening', port: receiver.port });
process.on('disconnect', () => {
  void receiver.close().then(() => backend.close()).finally(() => process.exit(0));
});
