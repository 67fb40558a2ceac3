import type { P100ParseResult } from '../p100-parse-result.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status-event-schema.ts';

/**
 * The outcome of a safe parse of a KYC Verification Status webhook: the event, or the {@link PoaWebhookError}
 * that explains why not.
 *
 * @example
 * ```ts
 * import { safeParseKycVerificationStatusEvent, type KycParseResult } from 'p100-webhooks';
 *
 * const result: KycParseResult = safeParseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"NOT_VERIFIED","attemptStatus":"PENDING"}');
 * if (result.success) console.log(result.event.verificationStatus);
 * else console.log(result.error.code);
 * ```
 */
export type KycParseResult = P100ParseResult<KycVerificationStatusEvent>;
