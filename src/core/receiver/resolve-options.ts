import type { PoaWebhookOptions } from '../poa-webhook-options.ts';
import { poaVerificationWebhook } from './poa-verification-webhook.ts';
import type { ResolvedOptions } from './resolved-options.ts';
import { secretProblem } from './check-secret.ts';
import { enqueueTo } from './inbox-route.ts';
import { resolveRoute } from './webhook-route.ts';

/** Default of `maxBodyBytes`: 64 KiB. */
const DEFAULT_MAX_BODY_BYTES = 65_536;
/** Default of `handlerTimeoutMs`: 25 s, below the timeouts of common HTTP clients and proxies. */
const DEFAULT_HANDLER_TIMEOUT_MS = 25_000;
/** The longest delay `setTimeout` honours. */
const MAX_TIMER_MS = 2_147_483_647;

/** Throws the `TypeError` of an invalid option. @internal */
export const fail = (message: string): never => {
  throw new TypeError(`p100-webhooks: ${message}`);
};

/**
 * Checks the options of a receiver and fills in every default, once.
 *
 * @throws TypeError when the options are invalid: no usable secret, neither or both of `on` and
 * `onEvent`, a handler that is not a function, a limit out of range, a path not starting with `/`.
 * @internal
 */
export function resolveOptions(options: PoaWebhookOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object.');
  const { secret, onError, maxBodyBytes, handlerTimeoutMs, path, ledger, onDecision, inbox } = options;
  const secretSource = typeof secret === 'function' ? secret : undefined;
  if (secretSource === undefined) {
    const problem = secretProblem(secret);
    if (problem !== undefined) fail(`\`secret\` must be a non-empty string, or a non-empty list of them, of visible ASCII (\`!\` to \`~\`), or a function returning one; got ${problem}.`);
  }
  if (onError !== undefined && typeof onError !== 'function') fail('`onError` must be a function.');
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    fail('`maxBodyBytes` must be a positive integer.');
  }
  if (
    handlerTimeoutMs !== undefined &&
    handlerTimeoutMs !== Number.POSITIVE_INFINITY &&
    !(typeof handlerTimeoutMs === 'number' && handlerTimeoutMs > 0 && handlerTimeoutMs <= MAX_TIMER_MS)
  ) {
    fail(`\`handlerTimeoutMs\` must be a positive number of at most ${MAX_TIMER_MS}, or Infinity.`);
  }
  if (ledger !== undefined && typeof (ledger as { deliver?: unknown } | null)?.deliver !== 'function') fail('`ledger` must come from createPoaLedger.');
  if (onDecision !== undefined && typeof onDecision !== 'function') fail('`onDecision` must be a function.');
  if (path !== undefined && !(typeof path === 'string' && path.startsWith('/'))) fail('`path` must start with "/".');
  if (inbox !== undefined) {
    if (typeof (inbox as { enqueue?: unknown } | null)?.enqueue !== 'function') fail('`inbox` must have an `enqueue` method.');
    for (const name of ['on', 'onEvent', 'onUnknownStatus', 'ledger', 'onDecision'] as const) {
      if (options[name] !== undefined) fail(`\`${name}\` belongs to the worker in inbox mode.`);
    }
  }
  return {
    secret: secretSource === undefined ? (secret as string | readonly string[]) : undefined,
    secretSource,
    maxBodyBytes: maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    handlerTimeoutMs: handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    onError,
    // In inbox mode the route's handler is the enqueue; otherwise it runs through the ledger, when
    // set. The options are what it runs through: inbox mode has no ledger, and the ledger no inbox.
    routes: [resolveRoute(poaVerificationWebhook, inbox === undefined ? options : { onEvent: enqueueTo(inbox) }, path, fail, options)],
  };
}
