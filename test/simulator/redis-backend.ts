/**
 * The Redis backend: the ledger's Redis store, and the partner's effect written outside it (RPUSH
 * to a list), so a receiver killed between its effect and the ledger's commit repeats the effect on
 * P100's retry: the documented at-least-once case, counted apart by the checker.
 */
import Redis from 'ioredis';
import { createRedisLedgerStore } from '../../src/ledger-redis.ts';
import type { ReceiverBackend, SimulatorBackend } from './sim-backend.ts';
import type { EffectRecord } from './sim-records.ts';

const keys = (namespace: string) => ({ prefix: `${namespace}:ledger:`, effects: `${namespace}:effects` });

export async function openRedisReceiver(url: string, namespace: string): Promise<ReceiverBackend> {
  const client = new Redis(url);
  const { prefix, effects } = keys(namespace);
  return {
    store: createRedisLedgerStore({ client, keyPrefix: prefix }),
    effectsInStoreTransaction: false,
    effect: async (record) => {
      await client.rpush(effects, JSON.stringify(record));
    },
    close: async () => void (await client.quit()),
  };
}

export async function openRedisSimulator(url: string, namespace: string): Promise<SimulatorBackend> {
  const client = new Redis(url);
  const { prefix, effects } = keys(namespace);
  return {
    store: createRedisLedgerStore({ client, keyPrefix: prefix }),
    effectsInStoreTransaction: false,
    readEffects: async () => (await client.lrange(effects, 0, -1)).map((line) => JSON.parse(line) as EffectRecord),
    close: async () => {
      let cursor = '0';
      do {
        const [next, found] = await client.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
        if (found.length > 0) await client.del(...found);
        cursor = next;
      } while (cursor !== '0');
      await client.quit();
    },
  };
}
