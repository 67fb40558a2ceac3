import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaWebhookError } from './poa-webhook-error.ts';

/**
 * The outcome of a safe parse: the event, or the {@link PoaWebhookError} that explains why not.
 *
 * @example
 * ```ts
 * import { safeParsePoaVerificationEvent, type PoaParseResult } from 'p100-webhooks';
 *
 * const result: PoaParseResult = safeParsePoaVerificationEvent('{"externalUserId":"u-1","status":"WAITING"}');
 * if (result.success) console.log(result.event.status);
 * else console.log(result.error.code);
 * ```
 */
export type PoaParseResult =
  | { readonly success: true; readonly event: PoaVerificationEvent }
  | { readonly success: false; readonly error: PoaWebhookError };
