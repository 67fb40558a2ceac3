import type { PoaWebhookContext } from '../poa-webhook-options.ts';
import type { PoaWebhookError } from '../poa-webhook-error.ts';
import type { PoaWebhookSecretSource } from '../poa-webhook-secret.ts';
import type { WebhookRoute } from './webhook-route.ts';

/**
 * The options of one receiver, checked and with every default filled in: the only place defaults
 * are applied.
 *
 * @internal
 */
export interface ResolvedOptions {
  /** The secrets when given as values: one string, or the rotation list. */
  readonly secret: string | readonly string[] | undefined;
  /** The secret's source when given as a function, resolved when a request needs it. */
  readonly secretSource: PoaWebhookSecretSource | undefined;
  readonly maxBodyBytes: number;
  readonly handlerTimeoutMs: number;
  readonly onError: ((error: PoaWebhookError, context: PoaWebhookContext) => void) | undefined;
  /** The routes, in the order they are matched. */
  readonly routes: readonly WebhookRoute[];
}
