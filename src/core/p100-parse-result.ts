import type { PoaWebhookError } from './poa-webhook-error.ts';

/**
 * The outcome of a safe parse of any P100 webhook: the event of type `E`, or the
 * {@link PoaWebhookError} that explains why not. ({@link PoaParseResult} is the POA one.)
 *
 * @example
 * ```ts
 * import { safeParseKycFileAddedEvent, type KycFileAddedEvent, type P100ParseResult } from 'p100-webhooks';
 *
 * const result: P100ParseResult<KycFileAddedEvent> = safeParseKycFileAddedEvent('{"externalUserId":"u-1","status":"ADDED"}');
 * if (result.success) console.log(result.event.status);
 * else console.log(result.error.code);
 * ```
 */
export type P100ParseResult<E> =
  | { readonly success: true; readonly event: E }
  | { readonly success: false; readonly error: PoaWebhookError };
