/**
 * Receivers as child processes, supervised: each is forked with the bundled receiver-process.js,
 * listens on its own ephemeral loopback port, and is restarted at once when it dies (the `kill`
 * fault SIGKILLs it). The supervisor remembers when each pid died, so attempts that were in flight
 * in it can be told apart afterwards.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReceiverFleet, ReceiverSlot } from './receiver-fleet.ts';
import type { ReceiverProcessConfig } from './receiver-process.ts';
import type { DecisionRecord, ReceiverLogLine } from './sim-records.ts';


type ChildMessage = { type: 'listening'; port: number } | { type: 'applied'; record: DecisionRecord };

export async function startProcessFleet<C extends { readonly logDir: string } = ReceiverProcessConfig>(options: { count: number; script: string; config: C }): Promise<ReceiverFleet> {
  const { count, script, config } = options;
  const listeners: ((record: DecisionRecord) => void)[] = [];
  const deaths = new Map<number, number>();
  const children = new Map<ReceiverSlot, ChildProcess>();
  let stopping = false;
  let restarts = 0;
  let failure: Error | undefined;

  const spawnInto = (slot: ReceiverSlot): Promise<void> =>
    new Promise((resolve, reject) => {
      let stderr = '';
      const child = fork(script, [], { env: { ...process.env, SIM_CONFIG: JSON.stringify(config) }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      children.set(slot, child);
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'listening') {
          slot.port = message.port;
          slot.pid = child.pid ?? 0;
          slot.up = true;
          resolve();
        } else for (const listener of listeners) listener(message.record);
      });
      child.on('exit', (code, signal) => {
        slot.up = false;
        if (stopping) return;
        deaths.set(child.pid ?? 0, Date.now());
        if (signal !== 'SIGKILL') {
          failure = new Error(`receiver ${slot.index} exited (${code ?? signal}) without being killed: ${stderr}`);
          reject(failure);
          return;
        }
        restarts++;
        spawnInto(slot).then(undefined, (error: unknown) => (failure = error as Error));
      });
    });

  const slots: ReceiverSlot[] = Array.from({ length: count }, (_, index) => ({ index, port: 0, pid: 0, up: false, inflight: new Set() }));
  const fleet: ReceiverFleet = {
    slots,
    killable: true,
    deaths,
    restarts: () => restarts,
    onApplied: (listener) => void listeners.push(listener),
    readLogs: async () => {
      if (failure !== undefined) throw failure;
      const lines: ReceiverLogLine[] = [];
      for (const name of await readdir(config.logDir)) {
        if (!name.endsWith('.jsonl')) continue;
        for (const line of (await readFile(join(config.logDir, name), 'utf8')).split('\n')) if (line !== '') lines.push(JSON.parse(line) as ReceiverLogLine);
      }
      return lines;
    },
    stop: async () => {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.disconnect();
            }),
        ),
      );
    },
  };
  try {
    await Promise.all(slots.map(spawnInto));
  } catch (error) {
    await fleet.stop();
    throw error;
  }
  return fleet;
}
