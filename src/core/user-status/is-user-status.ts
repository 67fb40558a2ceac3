import type { UserStatus } from './user-statuses.ts';

/**
 * Tells whether a value is one of the one documented status of a User status `status` (case-sensitive).
 *
 * @param value - Anything.
 * @returns `true` for `'ACTIVE'`.
 * @example
 * ```ts
 * import { isUserStatus } from 'p100-webhooks';
 *
 * isUserStatus('ACTIVE'); // true
 * isUserStatus('active'); // false
 * ```
 */
export function isUserStatus(value: unknown): value is UserStatus {
  return value === 'ACTIVE';
}
