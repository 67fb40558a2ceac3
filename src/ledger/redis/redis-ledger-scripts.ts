import { LEDGER_RECORD_FIELDS } from '../ledger-record-fields.ts';

/** 1-based position of a field in the packed record. */
const at = (name: (typeof LEDGER_RECORD_FIELDS)[number]): number => LEDGER_RECORD_FIELDS.indexOf(name) + 1;

/** The packed record of a user with nothing recorded: every number 0, no status. */
const EMPTY = LEDGER_RECORD_FIELDS.map((f) => (f === 'status' ? '' : '0')).join(',');

/** Reads the user's packed record into a Lua table `f` (one entry per field, as strings). */
const FIELDS = `local f = {}
for v in string.gmatch((redis.call('HGET', KEYS[1], 'record') or '${EMPTY}') .. ',', '([^,]*),') do f[#f + 1] = v end
local seq = tonumber(f[${at('seq')}]) + 1`;

/**
 * The Lua scripts of the Redis store: one per step, each run atomically by the server on the
 * user's one hash (KEYS[1]): `record`, the record's fields in LEDGER_RECORD_FIELDS order joined by
 * commas (one string to write and to answer instead of fifteen fields), and the lease
 * (`lease_token`, `lease_until`). Times are the receivers' clocks (ms since the epoch) passed in
 * ARGV and stored as given; the stored `lease_until` decides, never a key TTL.
 *
 * @internal
 */
export const REDIS_LEDGER_SCRIPTS = {
  /** ARGV: token, now, until. The packed record when the lease was free and is now taken; nil when held. */
  claim: `local l = redis.call('HMGET', KEYS[1], 'lease_token', 'lease_until', 'record')
if l[1] and tonumber(l[2] or '0') > tonumber(ARGV[2]) then return false end
redis.call('HSET', KEYS[1], 'lease_token', ARGV[1], 'lease_until', ARGV[3])
return l[3] or '${EMPTY}'`,
  /** ARGV: token, until. 1 when renewed, 0 when the lease is not this token's. */
  renew: `if redis.call('HGET', KEYS[1], 'lease_token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lease_until', ARGV[2])
return 1`,
  /**
   * ARGV: token, status, round, at, the positions of the status's at and seq fields, the claimed
   * seq. 1 when recorded, 0 when the lease is lost. An upload recorded since the claim is ordered
   * after the change.
   */
  commit: `if redis.call('HGET', KEYS[1], 'lease_token') ~= ARGV[1] then return 0 end
${FIELDS}
f[${at('status')}] = ARGV[2]
f[${at('round')}] = ARGV[3]
f[${at('applied_at')}] = ARGV[4]
f[${at('applied_seq')}] = seq
f[tonumber(ARGV[5])] = ARGV[4]
f[tonumber(ARGV[6])] = seq
if tonumber(f[${at('upload_seq')}]) > tonumber(ARGV[7]) then seq = seq + 1; f[${at('upload_seq')}] = seq end
f[${at('seq')}] = seq
redis.call('HSET', KEYS[1], 'record', table.concat(f, ','))
redis.call('HDEL', KEYS[1], 'lease_token', 'lease_until')
return 1`,
  /** ARGV: token. Frees the lease if it is this token's. */
  release: `if redis.call('HGET', KEYS[1], 'lease_token') == ARGV[1] then redis.call('HDEL', KEYS[1], 'lease_token', 'lease_until') end
return 1`,
  /** ARGV: at. Records an upload as the next number of the user's order. */
  upload: `${FIELDS}
f[${at('seq')}] = seq
f[${at('upload_seq')}] = seq
f[${at('upload_at')}] = ARGV[1]
redis.call('HSET', KEYS[1], 'record', table.concat(f, ','))
return seq`,
  /** The packed record. */
  get: `return redis.call('HGET', KEYS[1], 'record') or '${EMPTY}'`,
} as const;

/** @internal */
export type RedisLedgerScript = keyof typeof REDIS_LEDGER_SCRIPTS;
