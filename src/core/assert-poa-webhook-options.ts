import { POA_VERIFICATION_STATUSES } from './poa-verification-statuses.ts';
import type { PoaWebhookOptions } from './poa-webhook-options.ts';
import { lendMisconfigurationLog, type PoaMisconfigurationLog, secretProblem } from './resolve-poa-webhook-secret.ts';

/** Default of `maxBodyBytes`: 64 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 65_536;
/** Default of `handlerTimeoutMs`: 25 s, below the timeouts of common HTTP clients and proxies. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 25_000;
/** The longest delay `setTimeout` honours. */
const MAX_TIMER_MS = 2_147_483_647;

const checked = new WeakSet<object>();

/**
 * Checks handler options once and remembers them, so adapters fail at creation and
 * {@link handlePoaWebhook} pays the check only on the first request. An adapter passes `log`, where
 * a secret function that returns nothing usable is reported (the core itself does no I/O).
 *
 * @throws TypeError naming the first problem (never echoing the secret).
 * @internal
 */
export function assertPoaWebhookOptions(options: PoaWebhookOptions, log?: PoaMisconfigurationLog): void {
  if (checked.has(options)) {
    if (log !== undefined) lendMisconfigurationLog(options, log);
    return;
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('p100-webhooks: options must be an object.');
  const { secret, on, onEvent, onUnknownStatus, onError, maxBodyBytes, handlerTimeoutMs, path } = options;
  // A secret function is called only when a delivery needs the token (resolvePoaWebhookSecret).
  const problem = typeof secret === 'function' ? undefined : secretProblem(secret);
  if (problem !== undefined) {
    throw new TypeError(
      `p100-webhooks: \`secret\` must be a non-empty string, a non-empty list of non-empty strings, or a function that returns one; got ${problem}.`,
    );
  }
  if ((on === undefined) === (onEvent === undefined)) {
    throw new TypeError('p100-webhooks: give exactly one of `on` (a handler per status) or `onEvent`.');
  }
  if (on !== undefined) {
    if (typeof on !== 'object' || on === null) throw new TypeError('p100-webhooks: `on` must be an object.');
    for (const status of POA_VERIFICATION_STATUSES) {
      if (typeof on[status] !== 'function') throw new TypeError(`p100-webhooks: \`on.${status}\` must be a function.`);
    }
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') throw new TypeError('p100-webhooks: `onEvent` must be a function.');
  if (onUnknownStatus !== undefined && typeof onUnknownStatus !== 'function') {
    throw new TypeError('p100-webhooks: `onUnknownStatus` must be a function.');
  }
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError('p100-webhooks: `onError` must be a function.');
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new TypeError('p100-webhooks: `maxBodyBytes` must be a positive integer.');
  }
  if (
    handlerTimeoutMs !== undefined &&
    handlerTimeoutMs !== Number.POSITIVE_INFINITY &&
    !(typeof handlerTimeoutMs === 'number' && handlerTimeoutMs > 0 && handlerTimeoutMs <= MAX_TIMER_MS)
  ) {
    throw new TypeError(`p100-webhooks: \`handlerTimeoutMs\` must be a positive number of at most ${MAX_TIMER_MS}, or Infinity.`);
  }
  if (path !== undefined && !(typeof path === 'string' && path.startsWith('/'))) {
    throw new TypeError('p100-webhooks: `path` must start with "/".');
  }
  checked.add(options);
  if (log !== undefined) lendMisconfigurationLog(options, log);
}
