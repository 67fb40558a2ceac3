import { LEDGER_RECORD_FIELDS } from '../ledger-record-fields.ts';

/**
 * The record's fields in LEDGER_RECORD_FIELDS order, joined by commas (a missing field is empty):
 * one bulk string to send and to parse instead of a hash of field names and values.
 */
const READ = `local v = redis.call('HMGET', KEYS[1], ${LEDGER_RECORD_FIELDS.map((f) => `'${f}'`).join(', ')})
for i = 1, #v do if not v[i] then v[i] = '' end end
return table.concat(v, ',')`;

/**
 * The Lua scripts of the Redis store: one per step, each run atomically by the server on the
 * user's one hash (KEYS[1]). Times are the receivers' clocks (ms since the epoch) passed in ARGV;
 * the stored `lease_until` decides, never a key TTL.
 *
 * @internal
 */
export const REDIS_LEDGER_SCRIPTS = {
  /** ARGV: token, now, until. The record (packed, see READ) when the lease was free and is now taken; nil when held. */
  claim: `local lease = redis.call('HMGET', KEYS[1], 'lease_token', 'lease_until')
if lease[1] and tonumber(lease[2] or '0') > tonumber(ARGV[2]) then return false end
redis.call('HSET', KEYS[1], 'lease_token', ARGV[1], 'lease_until', ARGV[3])
${READ}`,
  /** ARGV: token, until. 1 when renewed, 0 when the lease is not this token's. */
  renew: `if redis.call('HGET', KEYS[1], 'lease_token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lease_until', ARGV[2])
return 1`,
  /**
   * ARGV: token, status, round, at, the status's at field, its seq field, the claimed seq. 1 when
   * recorded, 0 when the lease is lost. An upload recorded since the claim is ordered after the change.
   */
  commit: `if redis.call('HGET', KEYS[1], 'lease_token') ~= ARGV[1] then return 0 end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
if tonumber(redis.call('HGET', KEYS[1], 'upload_seq') or '0') > tonumber(ARGV[7]) then redis.call('HSET', KEYS[1], 'upload_seq', redis.call('HINCRBY', KEYS[1], 'seq', 1)) end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'round', ARGV[3], 'applied_at', ARGV[4], 'applied_seq', seq, ARGV[5], ARGV[4], ARGV[6], seq)
redis.call('HDEL', KEYS[1], 'lease_token', 'lease_until')
return 1`,
  /** ARGV: token. Frees the lease if it is this token's. */
  release: `if redis.call('HGET', KEYS[1], 'lease_token') == ARGV[1] then redis.call('HDEL', KEYS[1], 'lease_token', 'lease_until') end
return 1`,
  /** ARGV: at. Records an upload as the next number of the user's order. */
  upload: `local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'upload_seq', seq, 'upload_at', ARGV[1])
return seq`,
  /** The record, packed (see READ). */
  get: READ,
} as const;

/** @internal */
export type RedisLedgerScript = keyof typeof REDIS_LEDGER_SCRIPTS;
