/**
 * Every status value a User status webhook can carry, as P100's docs list them.
 *
 * @example
 * ```ts
 * import { USER_STATUSES } from 'p100-webhooks';
 *
 * for (const status of USER_STATUSES) console.log(status);
 * ```
 */
export const USER_STATUSES = ['ACTIVE'] as const;

/**
 * One User status `status`: `'ACTIVE'`.
 *
 * @example
 * ```ts
 * import type { UserStatus } from 'p100-webhooks';
 *
 * const status: UserStatus = 'ACTIVE';
 * ```
 */
export type UserStatus = (typeof USER_STATUSES)[number];
