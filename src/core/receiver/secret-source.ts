import type { PoaWebhookSecretSource } from '../poa-webhook-secret.ts';
import { PoaWebhookError } from '../poa-webhook-error.ts';
import { secretProblem } from './check-secret.ts';

const NOT_CALLED: unique symbol = Symbol('not called');

/**
 * A `secret` given as a function, resolved when a delivery needs it. What it returns is checked
 * again only when it changes (by identity), so an unchanged secret costs one comparison. Returning
 * nothing usable, or throwing, answers 500 `SECRET_NOT_CONFIGURED`, reported once through the
 * adapter's log until a usable secret comes back (then again if it breaks again). The log never
 * holds the returned value, and of a thrown error only its name (a `JSON.parse` message can quote
 * its input).
 *
 * @internal
 */
export class SecretSource {
  readonly #source: PoaWebhookSecretSource;
  readonly #log: ((message: string) => void) | undefined;
  #returned: unknown = NOT_CALLED;
  #problem: string | undefined;
  #reported = false;

  constructor(source: PoaWebhookSecretSource, log: ((message: string) => void) | undefined) {
    this.#source = source;
    this.#log = log;
  }

  resolve(): string | readonly string[] | PoaWebhookError {
    let returned: unknown;
    try {
      returned = this.#source();
    } catch (cause) {
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
        this.#log?.(`${detail}: deliveries are answered 500 SECRET_NOT_CONFIGURED until it returns one.`);
      } catch {
        // A logger that fails must not change the answer.
      }
    }
    return new PoaWebhookError('SECRET_NOT_CONFIGURED', 'No webhook secret is configured.', {
      cause: thrown === undefined ? new TypeError(`${detail}.`) : thrown.value,
    });
  }
}
