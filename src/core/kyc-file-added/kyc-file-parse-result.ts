import type { P100ParseResult } from '../p100-parse-result.ts';
import type { KycFileAddedEvent } from './kyc-file-added-event-schema.ts';

/**
 * The outcome of a safe parse of a KYC File Added webhook: the event, or the {@link PoaWebhookError}
 * that explains why not.
 *
 * @example
 * ```ts
 * import { safeParseKycFileAddedEvent, type KycFileParseResult } from 'p100-webhooks';
 *
 * const result: KycFileParseResult = safeParseKycFileAddedEvent('{"externalUserId":"u-1","status":"ADDED"}');
 * if (result.success) console.log(result.event.status);
 * else console.log(result.error.code);
 * ```
 */
export type KycFileParseResult = P100ParseResult<KycFileAddedEvent>;
