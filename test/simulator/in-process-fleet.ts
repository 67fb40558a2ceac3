/** Receivers in the simulator's own process (memory store): no kills, the rest is the same HTTP. */
import type { ReceiverFleet, ReceiverSlot } from './receiver-fleet.ts';
import type { P100Timings } from './p100-timings.ts';
import type { ReceiverBackend } from './sim-backend.ts';
import { startSimReceiver, type RunningSimReceiver, type SimRule } from './sim-receiver.ts';
import type { DecisionRecord, ReceiverLogLine } from './sim-records.ts';

export async function startInProcessFleet(options: {
  count: number;
  backend: ReceiverBackend;
  timings: P100Timings;
  secret: string;
  rule: SimRule;
}): Promise<ReceiverFleet> {
  const lines: ReceiverLogLine[] = [];
  const listeners: ((record: DecisionRecord) => void)[] = [];
  const log = (line: ReceiverLogLine): void => {
    lines.push(line);
    if (line.type === 'decision' && line.decision === 'applied') for (const listener of listeners) listener(line);
  };
  const running: RunningSimReceiver[] = [];
  const slots: ReceiverSlot[] = [];
  for (let index = 0; index < options.count; index++) {
    const receiver = await startSimReceiver({ backend: options.backend, timings: options.timings, secret: options.secret, rule: options.rule, log });
    running.push(receiver);
    slots.push({ index, port: receiver.port, pid: process.pid, up: true, inflight: new Set() });
  }
  return {
    slots,
    killable: false,
    deaths: new Map(),
    restarts: () => 0,
    onApplied: (listener) => void listeners.push(listener),
    readLogs: async () => [...lines],
    stop: async () => {
      await Promise.all(running.map((receiver) => receiver.close()));
    },
  };
}
