/**
 * Test helpers: build authenticated POA webhook payloads, requests and Lambda events, and deliver
 * them over HTTP like P100 does.
 *
 * @example
 * ```ts
 * import { createPoaVerificationEvent } from 'p100-webhooks/testing';
 *
 * const event = createPoaVerificationEvent({ status: 'QUESTIONED' });
 * ```
 *
 * @module p100-webhooks/testing
 */
export { createPoaVerificationEvent } from './testing/create-poa-verification-event.ts';
