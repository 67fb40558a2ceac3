import type { KeepJobs } from 'bullmq';
import type { PoaInboxRetryOptions } from '../poa-inbox.ts';
import { resolveRetry } from '../resolve-retry.ts';

/**
 * Options of `createBullMqInbox`: the retry policy, how long a worker holds a job's lock and how
 * often workers look for stalled jobs (the recovery time after a killed worker), and how many done
 * jobs Redis keeps for `list`.
 *
 * @example
 * ```ts
 * import type { BullMqInboxOptions } from 'p100-webhooks/inbox/bullmq';
 *
 * const options: BullMqInboxOptions = { maxAttempts: 10, backoffMs: 1_000, lockDuration: 30_000, stalledInterval: 30_000 };
 * ```
 */
export interface BullMqInboxOptions extends PoaInboxRetryOptions {
  /**
   * How long a worker's lock on a job lasts, in ms; the worker renews it every half of this while the
   * job runs. A worker that dies stops renewing: once the lock ran out, the next stalled check of any
   * worker hands the job back as a failed attempt. From 1000 to 86400000. @default 30000
   */
  readonly lockDuration?: number;
  /** How often each worker looks for stalled jobs (locks that ran out), in ms. From 1000 to 86400000. @default 30000 */
  readonly stalledInterval?: number;
  /**
   * Which done jobs Redis keeps, for `list` (BullMQ's `removeOnComplete`): `true` keeps none, `false`
   * keeps all (Redis then grows without end), a number the newest that many, or `{ age, count }`.
   * Dead jobs are always kept, until `purgeDead`. @default { age: 86400, count: 10000 }
   */
  readonly removeOnComplete?: boolean | number | KeepJobs;
}

/** The options with their defaults, checked once. @internal */
export interface ResolvedBullMqInboxOptions {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly lockDuration: number;
  readonly stalledInterval: number;
  readonly removeOnComplete: boolean | number | KeepJobs;
}

const fail = (message: string): never => {
  throw new TypeError(`p100-webhooks/inbox/bullmq: ${message}`);
};

const isMs = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 1_000 && (value as number) <= 86_400_000;
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

function isKeep(value: unknown): value is boolean | number | KeepJobs {
  if (typeof value === 'boolean' || isCount(value)) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { age, count, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && (age !== undefined || count !== undefined) && (age === undefined || isCount(age)) && (count === undefined || isCount(count));
}

/** Checks the options of `createBullMqInbox` and fills in the defaults. @internal */
export function resolveBullMqInboxOptions(options: BullMqInboxOptions): ResolvedBullMqInboxOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object.');
  const { lockDuration = 30_000, stalledInterval = 30_000, removeOnComplete = { age: 86_400, count: 10_000 } } = options;
  if (!isMs(lockDuration)) fail('`lockDuration` must be a whole number of milliseconds from 1000 to 86400000.');
  if (!isMs(stalledInterval)) fail('`stalledInterval` must be a whole number of milliseconds from 1000 to 86400000.');
  if (!isKeep(removeOnComplete)) fail('`removeOnComplete` must be a boolean, a whole number from 0, or { age, count } of whole numbers.');
  return { ...resolveRetry(options), lockDuration, stalledInterval, removeOnComplete };
}
