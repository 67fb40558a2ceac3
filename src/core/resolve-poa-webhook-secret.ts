import type { PoaWebhookOptions } from './poa-webhook-options.ts';
import type { PoaWebhookSecretSource } from './poa-webhook-secret.ts';
import { PoaWebhookError } from './poa-webhook-error.ts';

/**
 * Where an adapter sends the one line that reports a misconfigured secret: the core does no I/O, so
 * each adapter lends its runtime's logger.
 *
 * @internal
 */
export type PoaMisconfigurationLog = (message: string) => void;

const WHITE_SPACE = 'a secret with white space around it (it could never match)';

/**
 * Why a secret, given or returned by a secret function, can never match, as a phrase ("an empty
 * list"), or `undefined` when it is usable. It never echoes the value.
 *
 * @internal
 */
export function secretProblem(secret: unknown): string | undefined {
  if (typeof secret === 'string') {
    if (secret.length === 0) return 'an empty string';
    return secret.trim() === secret ? undefined : WHITE_SPACE;
  }
  if (Array.isArray(secret)) {
    if (secret.length === 0) return 'an empty list';
    if (!secret.every((s) => typeof s === 'string' && s.length > 0)) return 'a list with an empty or non-string entry';
    return secret.every((s: string) => s.trim() === s) ? undefined : WHITE_SPACE;
  }
  return secret == null ? String(secret) : `a value of type ${typeof secret}`;
}

const NOT_CALLED: unique symbol = Symbol('not called');

/**
 * A secret function with what it last returned, checked: a value identical to the last one costs
 * one comparison. Reports a misconfiguration once, until a usable secret comes back.
 */
class SecretSource {
  log: PoaMisconfigurationLog | undefined;
  readonly #source: PoaWebhookSecretSource;
  #returned: unknown = NOT_CALLED;
  #problem: string | undefined;
  #reported = false;

  constructor(source: PoaWebhookSecretSource) {
    this.#source = source;
  }

  resolve(): string | readonly string[] | PoaWebhookError {
    let returned: unknown;
    try {
      returned = this.#source();
    } catch (cause) {
      // Only the error's name: its message may quote the value it choked on (JSON.parse does).
      return this.#refuse(`threw ${cause instanceof Error ? cause.name : 'a non-error value'}`, { value: cause });
    }
    if (returned !== this.#returned) {
      this.#returned = returned;
      this.#problem = secretProblem(returned);
    }
    if (this.#problem === undefined) {
      this.#reported = false;
      return returned as string | readonly string[];
    }
    return this.#refuse(`returned ${this.#problem}`);
  }

  #refuse(what: string, thrown?: { readonly value: unknown }): PoaWebhookError {
    const detail = `p100-webhooks: the \`secret\` function ${what}`;
    if (!this.#reported) {
      this.#reported = true;
      try {
        this.log?.(`${detail}: every delivery is answered 500 SECRET_NOT_CONFIGURED until it returns the secret.`);
      } catch {
        // A logger that fails must not change the answer.
      }
    }
    return new PoaWebhookError('SECRET_NOT_CONFIGURED', 'No webhook secret is configured.', {
      cause: thrown === undefined ? new TypeError(`${detail}.`) : thrown.value,
    });
  }
}

/** One source per options object: what "once per handler" means for adapters, which each get their own. */
const sources = new WeakMap<object, SecretSource>();

function sourceOf(options: PoaWebhookOptions): SecretSource {
  let source = sources.get(options);
  if (source === undefined) sources.set(options, (source = new SecretSource(options.secret as PoaWebhookSecretSource)));
  return source;
}

/**
 * Lends an adapter's logger to the secret function of `options` (the first one lent is kept).
 *
 * @internal
 */
export function lendMisconfigurationLog(options: PoaWebhookOptions, log: PoaMisconfigurationLog): void {
  if (typeof options.secret !== 'function') return;
  const source = sourceOf(options);
  source.log ??= log;
}

/**
 * The secrets to compare the token with: the `secret` option itself, or what its function returns
 * now, or the `SECRET_NOT_CONFIGURED` error to answer with. Options must be checked.
 *
 * @internal
 */
export function resolvePoaWebhookSecret(options: PoaWebhookOptions): string | readonly string[] | PoaWebhookError {
  const { secret } = options;
  return typeof secret === 'function' ? sourceOf(options).resolve() : secret;
}
