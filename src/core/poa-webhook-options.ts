import type { PoaDeliveryInbox } from './poa-delivery-inbox.ts';
import type { PoaDeliveryLedger, PoaDeliveryRecord } from './poa-delivery-ledger.ts';
import type { PoaVerificationEventOf } from './poa-verification-event-of.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaVerificationStatus } from './poa-verification-statuses.ts';
import type { PoaWebhookError } from './poa-webhook-error.ts';
import type { PoaWebhookSecret, PoaWebhookSecretSource } from './poa-webhook-secret.ts';

/**
 * What a handler learns about the delivery besides the event. The `Authorization` header is
 * withheld, so the secret never reaches handlers or logs through it.
 *
 * @example
 * ```ts
 * import type { PoaWebhookContext } from 'p100-webhooks';
 *
 * function log(context: PoaWebhookContext) {
 *   console.log(context.receivedAt.toISOString(), context.method, context.header('user-agent'));
 * }
 * ```
 */
export interface PoaWebhookContext {
  /** When the request reached the receiver (`handlePoaWebhook`, through an adapter or not). */
  readonly receivedAt: Date;
  /** The request's HTTP method. */
  readonly method: string;
  /** The request target, when the adapter knows it. */
  readonly url: string | undefined;
  /**
   * Reads a request header (case-insensitive; several values are joined with `", "`).
   * Returns `undefined` for `authorization`.
   */
  header(name: string): string | undefined;
}

/**
 * The per-status handler map of the `on` option: every status, each with its narrowed event.
 *
 * @example
 * ```ts
 * import type { PoaEventHandlers } from 'p100-webhooks';
 *
 * const on: PoaEventHandlers = {
 *   WAITING: () => {},
 *   APPROVED: async (event) => console.log('verified', event.externalUserId),
 *   REJECTED: () => {},
 *   QUESTIONED: () => {},
 * };
 * ```
 */
export type PoaEventHandlers = {
  readonly [S in PoaVerificationStatus]: (event: PoaVerificationEventOf<S>, context: PoaWebhookContext) => unknown;
};

/**
 * The options shared by {@link handlePoaWebhook} and every adapter, whichever way events are handled.
 *
 * @example
 * ```ts
 * import type { PoaWebhookBaseOptions } from 'p100-webhooks';
 *
 * const base: PoaWebhookBaseOptions = { secret: () => process.env.P100_WEBHOOK_SECRET, maxBodyBytes: 16_384 };
 * ```
 */
export interface PoaWebhookBaseOptions {
  /**
   * The partner's secret token, or several during a rotation; required. Given directly it must be
   * non-empty visible ASCII (`!` to `~`; a `TypeError` at creation otherwise). A function is called when a delivery needs the
   * token, so the module loads before the secret is set; if it returns none, deliveries are
   * answered 500 `SECRET_NOT_CONFIGURED` (see {@link PoaWebhookSecretSource}).
   */
  readonly secret: PoaWebhookSecret;
  /**
   * Called for an unknown status (one P100 may add later) instead of answering 400 `UNKNOWN_STATUS`;
   * the delivery is then answered 200 once it returns.
   */
  readonly onUnknownStatus?: (
    payload: { readonly externalUserId: string; readonly status: string },
    context: PoaWebhookContext,
  ) => unknown;
  /** Called once for every answer that is not 2xx (404, 405, 500 `SECRET_NOT_CONFIGURED`, 401, 413, 400, 500, 503). If it throws, the answer is unchanged. */
  readonly onError?: (error: PoaWebhookError, context: PoaWebhookContext) => void;
  /** The largest body accepted, in bytes; reading stops there and the answer is 413. @default 65536 */
  readonly maxBodyBytes?: number;
  /** How long a handler may run before the answer is 503 `HANDLER_TIMEOUT` (P100 then retries). `Infinity` disables it. @default 25000 */
  readonly handlerTimeoutMs?: number;
  /** When set, only requests for this path are handled; others get 404 `NOT_FOUND` (or `next()` in Node middleware). */
  readonly path?: string;
  /**
   * The delivery ledger (`createPoaLedger` from `p100-webhooks/ledger`): the handler then runs only
   * for a delivery decided `applied`; `duplicate`, `stale` and `anomaly` are answered 200 without
   * it. Another delivery for the same user still running: 503 `DELIVERY_IN_PROGRESS`; the store
   * unreachable: 503 `LEDGER_UNAVAILABLE`. Unknown statuses (`onUnknownStatus`) bypass the ledger.
   */
  readonly ledger?: PoaDeliveryLedger;
  /** Called once per delivery the ledger decided, with its record. If it throws, the answer is unchanged. */
  readonly onDecision?: (record: PoaDeliveryRecord, context: PoaWebhookContext) => void;
  /** Never here: routes to several webhooks are {@link P100WebhooksOptions}, whose handlers sit in each route. */
  readonly webhooks?: undefined;
}

/**
 * Options of {@link handlePoaWebhook} and every adapter: the base options plus exactly one of `on`
 * (one handler per status, checked for exhaustiveness), `onEvent` (one handler for all) or `inbox`
 * (queue each accepted delivery; a worker runs the handlers later).
 *
 * @example
 * ```ts
 * import type { PoaWebhookOptions } from 'p100-webhooks';
 *
 * const options = {
 *   secret: 's3cret',
 *   onEvent: async (event) => console.log(event.externalUserId, event.status),
 * } satisfies PoaWebhookOptions;
 * ```
 */
export type PoaWebhookOptions = PoaWebhookBaseOptions &
  (
    | { readonly on: PoaEventHandlers; readonly onEvent?: undefined; readonly inbox?: undefined }
    | {
        readonly on?: undefined;
        readonly onEvent: (event: PoaVerificationEvent, context: PoaWebhookContext) => unknown;
        readonly inbox?: undefined;
      }
    | PoaWebhookInboxOptions
  );

/**
 * The inbox mode of {@link PoaWebhookOptions}: every delivery is checked as always (path, method,
 * secret, size, JSON, payload), then queued in `inbox`, and answered 200 `{}` only once the queue
 * acknowledged the write; a queue that fails, or does not answer within `handlerTimeoutMs`, is 503
 * `INBOX_UNAVAILABLE` (P100 retries). No handler runs in the receiver: `startPoaWorker` from
 * `p100-webhooks/inbox` runs them, with the ledger. An unknown status is 400 `UNKNOWN_STATUS`.
 *
 * @example
 * ```ts
 * import type { PoaWebhookInboxOptions, PoaWebhookOptions } from 'p100-webhooks';
 * import { createMemoryInbox } from 'p100-webhooks/inbox';
 *
 * const mode: PoaWebhookInboxOptions = { inbox: createMemoryInbox() };
 * const options: PoaWebhookOptions = { secret: 's3cret', ...mode };
 * ```
 */
export interface PoaWebhookInboxOptions {
  /** Where accepted deliveries are queued (`createPgBossInbox`, `createBullMqInbox`, or your own). */
  readonly inbox: PoaDeliveryInbox;
  /** Handlers run in the worker (`startPoaWorker`), so there is none here. */
  readonly on?: undefined;
  /** Handlers run in the worker, so there is none here. */
  readonly onEvent?: undefined;
  /** Handlers run in the worker, so there is none here. */
  readonly onUnknownStatus?: never;
  /** The worker applies the ledger, so there is none here. */
  readonly ledger?: never;
  /** The worker hears the ledger's decisions, so there is none here. */
  readonly onDecision?: never;
}
