import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisLedgerStore } from '../../src/ledger-redis.ts';
import { REDIS_LEDGER_SCRIPTS } from '../../src/ledger/redis/redis-ledger-scripts.ts';
import { testServer } from '../support/servers.ts';
import { describeLedgerStore } from './store-conformance.ts';

const url = testServer('redis');
const prefix = (label: string) => `p100-test:${label}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;

if (url !== undefined) {
  describeLedgerStore('Redis through ioredis', async () => {
    const keyPrefix = prefix('ioredis');
    const clients: Redis[] = [];
    const open = () => {
      const client = new Redis(url, { lazyConnect: false });
      clients.push(client);
      return createRedisLedgerStore({ client, keyPrefix });
    };
    return { store: open(), reopen: async () => open(), close: async () => void (await Promise.all(clients.map((c) => c.quit()))) };
  });

  describeLedgerStore('Redis through node-redis', async () => {
    const keyPrefix = prefix('node-redis');
    const clients: ReturnType<typeof createClient>[] = [];
    const open = async () => {
      const client = createClient({ url });
      await client.connect();
      clients.push(client);
      return createRedisLedgerStore({ client, keyPrefix });
    };
    return { store: await open(), reopen: open, close: async () => void (await Promise.all(clients.map((c) => c.quit()))) };
  });

  describe('Redis store: scripts, options and answers', () => {
    const client = new Redis(url);
    afterAll(() => client.quit());

    it('runs each step as one EVALSHA, loading a script the server lost with one EVAL', async () => {
      const keyPrefix = prefix('noscript');
      const store = createRedisLedgerStore({ client, keyPrefix });
      await store.recordUpload('u-1', 1);
      await client.script('FLUSH');
      const monitor = await client.monitor();
      const commands: string[] = [];
      // Only the calls for this test's key (MONITOR sees every client, and the commands scripts run).
      monitor.on('monitor', (_time: string, args: string[]) => {
        const command = String(args[0]).toLowerCase();
        if ((command === 'eval' || command === 'evalsha') && args[3] === `${keyPrefix}u-1`) commands.push(command);
      });
      await store.recordUpload('u-1', 2); // NOSCRIPT, then EVAL
      await store.recordUpload('u-1', 3); // EVALSHA alone
      await new Promise((r) => setTimeout(r, 50));
      monitor.disconnect();
      expect(commands).toEqual(['evalsha', 'eval', 'evalsha']);
      expect((await store.get('u-1'))?.uploadSeq).toBe(3);
    });

    it('names every script by the SHA-1 Redis computes', async () => {
      for (const script of Object.values(REDIS_LEDGER_SCRIPTS)) {
        expect(await client.script('LOAD', script)).toBe(createHash('sha1').update(script).digest('hex'));
      }
    });

    it('keeps no key TTL: stored times decide', async () => {
      const keyPrefix = prefix('ttl');
      const store = createRedisLedgerStore({ client, keyPrefix });
      const claim = await store.claim('u-1', { token: 't', now: 1, leaseMs: 1_000, context: {} });
      await claim?.commit({ status: 'APPROVED', round: 1, at: 2 });
      expect(await client.ttl(`${keyPrefix}u-1`)).toBe(-1);
    });

    it('rejects a client that is neither ioredis nor node-redis, and garbage answers', async () => {
      expect(() => createRedisLedgerStore({ client: {} as never })).toThrow(TypeError);
      const junk = createRedisLedgerStore({ client: { evalsha: async () => 'OK', eval: async () => 'OK' } as never });
      await expect(junk.get('u')).rejects.toThrow(/packed record/);
      // Only Redis's nil means "held": a client answering nothing must not pass for a busy user.
      const silent = createRedisLedgerStore({ client: { evalsha: async () => undefined, eval: async () => undefined } as never });
      await expect(silent.claim('u', { token: 't', now: 1, leaseMs: 10, context: {} })).rejects.toThrow(/packed record/);
      const keyPrefix = prefix('garbage');
      const store = createRedisLedgerStore({ client, keyPrefix });
      // record: seq, status, round, applied_at, applied_seq, upload_seq, upload_at, then each status's at and seq.
      await client.hset(`${keyPrefix}u-1`, 'record', 'banana,,0,0,0,0,0,0,0,0,0,0,0,0,0');
      await expect(store.get('u-1')).rejects.toThrow(/packed record/);
      await expect(store.claim('u-1', { token: 't', now: 1, leaseMs: 10, context: {} })).rejects.toThrow(/packed record/);
      await expect(store.recordUpload('u-1', 1)).rejects.toThrow(); // the script refuses to count on it
      expect(await client.hget(`${keyPrefix}u-1`, 'record')).toBe('banana,,0,0,0,0,0,0,0,0,0,0,0,0,0');
      await client.hset(`${keyPrefix}u-2`, 'record', '1,ARCHIVED,1,1,1,0,0,0,0,0,0,0,0,0,0');
      await expect(store.get('u-2')).rejects.toThrow(/packed record/);
      await client.hset(`${keyPrefix}u-4`, 'record', '1,WAITING,1,1,1,0,0,0,0,0,0,0,0,0,0'); // WAITING never applied
      await expect(store.get('u-4')).rejects.toThrow(/order numbers/);
      await client.hset(`${keyPrefix}u-5`, 'record', '1,,0,0,0,1,1,0,0,0,0,0,0,0,9999999999999999'); // 16 digits, beyond 2^53
      await expect(store.get('u-5')).rejects.toThrow(/safe integers/);
      await client.hset(`${keyPrefix}u-3`, 'record', '1,WAITING,1,1,1,0,0,1,1,0,0,0,0,0,0,extra');
      await expect(store.get('u-3')).rejects.toThrow(/packed record/);
    });
  });
}
