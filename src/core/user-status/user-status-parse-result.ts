import type { P100ParseResult } from '../p100-parse-result.ts';
import type { UserStatusEvent } from './user-status-event-schema.ts';

/**
 * The outcome of a safe parse of a User status webhook: the event, or the {@link PoaWebhookError}
 * that explains why not.
 *
 * @example
 * ```ts
 * import { safeParseUserStatusEvent, type UserStatusParseResult } from 'p100-webhooks';
 *
 * const result: UserStatusParseResult = safeParseUserStatusEvent('{"externalUserId":"u-1","status":"ACTIVE"}');
 * if (result.success) console.log(result.event.status);
 * else console.log(result.error.code);
 * ```
 */
export type UserStatusParseResult = P100ParseResult<UserStatusEvent>;
