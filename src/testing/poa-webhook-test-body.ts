import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';

/**
 * A POA Verification Status delivery for the testing kit: an event (sent as its JSON), or a raw body
 * sent exactly as given, a string or bytes, for hostile tests (bad JSON, unknown statuses, invalid
 * UTF-8, …). Every builder also takes the other webhooks' events: see `P100WebhookTestBody`.
 *
 * @example
 * ```ts
 * import type { PoaWebhookTestBody } from 'p100-webhooks/testing';
 *
 * const bodies: PoaWebhookTestBody[] = [
 *   { externalUserId: 'user-42', status: 'APPROVED' },
 *   '{"externalUserId":"user-42","status":"ARCHIVED"}',
 *   '{not json',
 * ];
 * ```
 */
export type PoaWebhookTestBody = PoaVerificationEvent | string | Uint8Array;

const encoder = new TextEncoder();

/** The body as bytes: an event (or any other object) is serialised as JSON, a string encoded as UTF-8. @internal */
export function testBodyBytes(body: object | string): Uint8Array<ArrayBuffer> {
  if (body instanceof Uint8Array) return new Uint8Array(body);
  return encoder.encode(typeof body === 'string' ? body : JSON.stringify(body));
}
