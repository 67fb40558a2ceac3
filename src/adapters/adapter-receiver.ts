import type { P100WebhooksOptions } from '../core/p100-webhooks-options.ts';
import type { PoaWebhookOptions } from '../core/poa-webhook-options.ts';
import { type Receiver, receiverFor } from '../core/receiver/create-receiver.ts';
import { resolveAnyOptions } from '../core/receiver/resolve-p100-options.ts';

/**
 * The receiver an adapter wraps: POA options or several webhooks (`webhooks`), with a
 * misconfiguration (a `secret` function returning none) reported once through `warn` (the
 * adapters' own: stderr, which the core does not know).
 *
 * @throws TypeError when the options are invalid.
 * @internal
 */
export function adapterReceiver(options: PoaWebhookOptions | P100WebhooksOptions<never>, warn: (message: string) => void): Receiver {
  return receiverFor(options, resolveAnyOptions, warn);
}
