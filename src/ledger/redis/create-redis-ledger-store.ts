import { POA_VERIFICATION_STATUSES, type PoaVerificationStatus } from '../../core/poa-verification-statuses.ts';
import { DIGITS, LEDGER_RECORD_FIELDS, LedgerStoreAnswerError, MARK_FIELDS, ledgerRecordFromNumbers, safeIntegers } from '../ledger-record-fields.ts';
import type { PoaLedgerRecord } from '../poa-ledger-record.ts';
import type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from '../poa-ledger-store.ts';
import { checkStoreChange, checkStoreLease, checkStoreLeaseTimes, checkStoreTime, checkStoreUser } from '../store-input.ts';
import { REDIS_LEDGER_SCRIPTS, type RedisLedgerScript } from './redis-ledger-scripts.ts';

/**
 * A Redis client the store can run scripts on: ioredis (`evalsha(sha, numKeys, ...keysAndArgs)`)
 * or node-redis v4/v5 (`evalSha(sha, { keys, arguments })`). Valkey servers work the same.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import type { RedisLedgerClient } from 'p100-webhooks/ledger/redis';
 *
 * const client: RedisLedgerClient = new Redis('redis://127.0.0.1:6379');
 * ```
 */
export type RedisLedgerClient =
  | {
      evalsha(sha: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
      eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
    }
  | {
      evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
      eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
    };

/**
 * Options of {@link createRedisLedgerStore}.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import type { RedisLedgerStoreOptions } from 'p100-webhooks/ledger/redis';
 *
 * const options: RedisLedgerStoreOptions = { client: new Redis(), keyPrefix: 'p100:poa:' };
 * ```
 */
export interface RedisLedgerStoreOptions {
  readonly client: RedisLedgerClient;
  /** Prepended to each user id to make the user's key. @default 'p100-webhooks:poa-ledger:' */
  readonly keyPrefix?: string;
}

type Run = (script: RedisLedgerScript, key: string, args: string[]) => Promise<unknown>;

/** SHA-1 of a script, as EVALSHA names it (Web Crypto: no Node import). */
async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const isNoScript = (error: unknown): boolean => String((error as { message?: unknown } | null)?.message ?? error).startsWith('NOSCRIPT');

function runner(client: RedisLedgerClient): Run {
  // Each script's SHA-1, computed once (Web Crypto is asynchronous); then read without awaiting.
  const shas = new Map<RedisLedgerScript, string | Promise<string>>();
  const shaOf = (script: RedisLedgerScript): string | Promise<string> => {
    let sha = shas.get(script);
    if (sha === undefined) {
      const computing = sha1(REDIS_LEDGER_SCRIPTS[script]);
      shas.set(script, (sha = computing));
      void computing.then((value) => shas.set(script, value), () => shas.delete(script));
    }
    return sha;
  };
  if ('evalSha' in client && typeof client.evalSha === 'function') {
    const c = client;
    return async (script, key, args) => {
      const options = { keys: [key], arguments: args };
      try {
        const sha = shaOf(script);
        return await c.evalSha(typeof sha === 'string' ? sha : await sha, options);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return c.eval(REDIS_LEDGER_SCRIPTS[script], options); // loads it for the next EVALSHA
      }
    };
  }
  if ('evalsha' in client && typeof client.evalsha === 'function') {
    const c = client;
    return async (script, key, args) => {
      try {
        const sha = shaOf(script);
        return await c.evalsha(typeof sha === 'string' ? sha : await sha, 1, key, ...args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return c.eval(REDIS_LEDGER_SCRIPTS[script], 1, key, ...args);
      }
    };
  }
  throw new TypeError('p100-webhooks/ledger/redis: `client` must be an ioredis or node-redis client (evalsha or evalSha).');
}

/** The packed record: seq, the status (empty when none), then the other integers (LEDGER_RECORD_FIELDS order). */
const PACKED = new RegExp(`^${DIGITS},(?:${POA_VERIFICATION_STATUSES.join('|')})?(?:,${DIGITS}){${LEDGER_RECORD_FIELDS.length - 2}}$`);

/** A packed reply (the record's fields joined by commas, in LEDGER_RECORD_FIELDS order) as a record; garbage is an error. */
function recordOf(reply: unknown): PoaLedgerRecord | undefined {
  const text = reply instanceof Uint8Array ? new TextDecoder().decode(reply) : reply;
  if (typeof text !== 'string' || !PACKED.test(text)) {
    throw new LedgerStoreAnswerError('Redis answered something that is not the packed record of the ledger\'s scripts (integers and one POA verification status, comma-separated).');
  }
  const values = text.split(',');
  const status = values.splice(1, 1)[0];
  return ledgerRecordFromNumbers(status, safeIntegers(values));
}

const flag = (reply: unknown): boolean => {
  if (reply !== 0 && reply !== 1) throw new LedgerStoreAnswerError('Redis answered a script result that is not 0 or 1.');
  return reply === 1;
};

/**
 * A ledger store on Redis or Valkey, for a fleet of receivers: one hash per user
 * (`keyPrefix + externalUserId`), and one Lua script per step, so each step is atomic on the server
 * and one round trip (EVALSHA; EVAL once when the server does not know the script yet). The stored
 * `lease_until` decides when a lease is free; no key expires, so no TTL can forget a record.
 *
 * Durability is Redis's: with the default snapshotting a crash of the Redis server can lose the last
 * decisions (then a late retry can be applied again). For a ledger, run Redis with
 * `appendonly yes` and `appendfsync everysec` (or `always`). Effects outside Redis are at least once
 * across a receiver's crash between the effect and the commit.
 *
 * @param options - The client (ioredis or node-redis) and optionally the key prefix.
 * @returns The store, for `createPoaLedger({ store })`.
 * @throws TypeError when the client is neither.
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createPoaLedger } from 'p100-webhooks/ledger';
 * import { createRedisLedgerStore } from 'p100-webhooks/ledger/redis';
 *
 * const ledger = createPoaLedger({ store: createRedisLedgerStore({ client: new Redis(process.env.REDIS_URL ?? '') }) });
 * ```
 */
export function createRedisLedgerStore(options: RedisLedgerStoreOptions): PoaLedgerStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('p100-webhooks/ledger/redis: options must be an object.');
  const { client, keyPrefix = 'p100-webhooks:poa-ledger:' } = options;
  if (typeof client !== 'object' || client === null) throw new TypeError('p100-webhooks/ledger/redis: `client` must be an ioredis or node-redis client.');
  if (typeof keyPrefix !== 'string') throw new TypeError('p100-webhooks/ledger/redis: `keyPrefix` must be a string.');
  const run = runner(client);
  const keyOf = (user: string) => keyPrefix + checkStoreUser(user);
  return {
    async claim(externalUserId: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined> {
      checkStoreLease(lease);
      const key = keyOf(externalUserId);
      const { token } = lease;
      const reply = await run('claim', key, [token, String(lease.now), String(lease.now + lease.leaseMs)]);
      if (reply === null) return undefined;
      const record = recordOf(reply);
      const claimed = String(record?.seq ?? 0);
      return {
        record,
        renew: async (now, leaseMs) => (checkStoreLeaseTimes(now, leaseMs), flag(await run('renew', key, [token, String(now + leaseMs)]))),
        commit: async (change: PoaLedgerChange) => {
          checkStoreChange(change);
          const [at, seq] = MARK_FIELDS[change.status as PoaVerificationStatus];
          const position = (field: string) => String(LEDGER_RECORD_FIELDS.indexOf(field as never) + 1);
          return flag(await run('commit', key, [token, change.status, String(change.round), String(change.at), position(at), position(seq), claimed]));
        },
        release: async () => {
          await run('release', key, [token]);
        },
      };
    },
    async recordUpload(externalUserId: string, at: number): Promise<void> {
      await run('upload', keyOf(externalUserId), [String(checkStoreTime('at', at))]);
    },
    async get(externalUserId: string): Promise<PoaLedgerRecord | undefined> {
      return recordOf(await run('get', keyOf(externalUserId), []));
    },
  };
}
