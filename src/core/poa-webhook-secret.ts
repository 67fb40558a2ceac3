/**
 * A function that returns the webhook secret (or several during a rotation) when a delivery needs
 * it, for code that is loaded before the secret is there: a Next.js route module during
 * `next build`, a Cloudflare Worker reading its bindings, a Lambda module at init. It is not called
 * when the handler is created; it is called for each delivery that passed the method check, before
 * the `Authorization` header is compared. Return the value itself (not a promise), as cheaply as
 * reading a variable: a returned value identical to the last one is not checked again.
 *
 * When it returns nothing usable (`undefined`, `''`, `[]`, an empty entry, white space around the
 * token, anything but a string or a list of strings) or throws, the delivery is answered 500
 * `SECRET_NOT_CONFIGURED` (JSON, as every answer; P100 retries it), `onError` is called, and the
 * adapter logs the misconfiguration once (with `console.error`, never echoing the value) until the
 * function returns a usable secret again.
 *
 * @example
 * ```ts
 * import type { PoaWebhookSecretSource } from 'p100-webhooks';
 *
 * const fromEnvironment: PoaWebhookSecretSource = () => process.env.P100_WEBHOOK_SECRET;
 * const duringRotation: PoaWebhookSecretSource = () =>
 *   [process.env.P100_WEBHOOK_SECRET, process.env.P100_WEBHOOK_SECRET_PREVIOUS].filter((s) => s !== undefined);
 * ```
 */
export type PoaWebhookSecretSource = () => string | readonly string[] | undefined;

/**
 * The `secret` option: the partner's secret token, several during a rotation (every one is
 * accepted), or a {@link PoaWebhookSecretSource} that returns them when a delivery needs them. A
 * string or list given directly is checked when the handler is created: empty, missing or padded
 * with white space is a `TypeError` at once.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import type { PoaWebhookSecret } from 'p100-webhooks';
 *
 * // Read at the first delivery, so this module loads (and `next build` passes) without the variable.
 * const secret: PoaWebhookSecret = () => process.env.P100_WEBHOOK_SECRET;
 * export const POST = createFetchHandler({ secret, onEvent: (event) => console.log(event.status) });
 * ```
 */
export type PoaWebhookSecret = string | readonly string[] | PoaWebhookSecretSource;
