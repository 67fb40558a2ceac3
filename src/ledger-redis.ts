/**
 * The delivery ledger's Redis (or Valkey) store, for a fleet of receivers: one hash per user, one
 * Lua script per step, with ioredis or node-redis.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createRedisLedgerStore } from 'p100-webhooks/ledger/redis';
 *
 * export const ledger = createPoaLedger({ store: createRedisLedgerStore({ client: new Redis(process.env.REDIS_URL ?? '') }) });
 * ```
 *
 * @module p100-webhooks/ledger/redis
 */
export {
  createRedisLedgerStore,
  type RedisLedgerClient,
  type RedisLedgerStoreOptions,
} from './ledger/redis/create-redis-ledger-store.ts';
