/**
 * How the testing kit authenticates a delivery, shared by every builder and by `sendPoaWebhook`.
 *
 * @example
 * ```ts
 * import type { PoaTestDeliveryOptions } from 'p100-webhooks/testing';
 *
 * const authenticated: PoaTestDeliveryOptions = { secret: 's3cret' };            // Authorization: Bearer s3cret
 * const bareToken: PoaTestDeliveryOptions = { secret: null, headers: { authorization: 's3cret' } };
 * const anonymous: PoaTestDeliveryOptions = { secret: null };                   // no Authorization header
 * ```
 */
export interface PoaTestDeliveryOptions {
  /** The shared secret, sent as `Authorization: Bearer <secret>`; `null` sends no `Authorization` header. */
  readonly secret: string | null;
  /** Extra request headers; they win over the defaults (`authorization`, `content-type`, …). Names are case-insensitive. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The path P100 delivers to in the examples and the default of every builder. */
export const DEFAULT_TEST_PATH = '/webhook/poa-verification/status';

/**
 * The headers of a delivery, lower-case names: `content-type: application/json`, `authorization`
 * (unless `secret` is `null`), `user-agent`, then the caller's headers on top.
 *
 * @internal
 */
export function testDeliveryHeaders(options: PoaTestDeliveryOptions): Record<string, string> {
  const { secret } = options;
  if (secret !== null && (typeof secret !== 'string' || secret === '')) {
    throw new TypeError('p100-webhooks/testing: `secret` must be a non-empty string, or null to send no Authorization header.');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'p100-webhooks-testing' };
  if (secret !== null) headers['authorization'] = `Bearer ${secret}`;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
