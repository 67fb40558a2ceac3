import type { UserStatus } from './user-statuses.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';

/**
 * The member of {@link UserStatusEvent} whose `status` is `S`.
 *
 * @example
 * ```ts
 * import type { UserStatusEventOf } from 'p100-webhooks';
 *
 * const event: UserStatusEventOf<'ACTIVE'> = { externalUserId: 'u-1', status: 'ACTIVE' };
 * ```
 */
export type UserStatusEventOf<S extends UserStatus> = Extract<UserStatusEvent, { status: S }>;
