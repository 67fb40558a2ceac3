import type { KycFileAddedEvent } from './kyc-file-added/kyc-file-added-event-schema.ts';
import type { KycFileStatusHandlers } from './kyc-file-added/match-kyc-file-status.ts';
import type { KycVerificationStatusEvent } from './kyc-verification-status/kyc-verification-status-event-schema.ts';
import type { KycVerificationStatusHandlers } from './kyc-verification-status/match-kyc-verification-status.ts';
import type { UserStatusHandlers } from './user-status/match-user-status.ts';
import type { UserStatusEvent } from './user-status/user-status-event-schema.ts';
import type { PoaDeliveryLedger, PoaDeliveryRecord } from './poa-delivery-ledger.ts';
import type { PoaVerificationEvent } from './poa-verification-event-schema.ts';
import type { PoaEventHandlers, PoaWebhookContext } from './poa-webhook-options.ts';
import type { PoaWebhookError } from './poa-webhook-error.ts';
import type { PoaWebhookSecret } from './poa-webhook-secret.ts';
import type { StandardSchemaV1 } from './standard-schema-v1.ts';

/**
 * One documented webhook served by {@link handleP100Webhook}: its path and exactly one of `on` (a
 * handler per status, checked for exhaustiveness) or `onEvent`, plus `onUnknownStatus`.
 *
 * @typeParam E - The webhook's event union.
 * @typeParam H - Its per-status handler map.
 * @typeParam U - What `onUnknownStatus` receives.
 * @example
 * ```ts
 * import type { P100WebhookRouteOptions, PoaEventHandlers, PoaVerificationEvent } from 'p100-webhooks';
 *
 * const poa: P100WebhookRouteOptions<PoaVerificationEvent, PoaEventHandlers> = {
 *   path: '/webhook/poa-verification/status',
 *   onEvent: (event) => console.log(event.externalUserId, event.status),
 * };
 * ```
 */
export type P100WebhookRouteOptions<E extends object, H extends object, U extends object = { readonly externalUserId: string; readonly status: string }> = {
  /** The path this webhook is served at (matched exactly, any query string ignored). */
  readonly path?: string;
  /**
   * Called for a status value P100 may add later, instead of answering 400 `UNKNOWN_STATUS`, with
   * the payload's checked fields (its status values as received).
   */
  readonly onUnknownStatus?: (payload: U, context: PoaWebhookContext) => unknown;
} & (
  | { readonly on: H; readonly onEvent?: undefined }
  | { readonly on?: undefined; readonly onEvent: (event: E, context: PoaWebhookContext) => unknown }
);

/**
 * A webhook P100 does not document a payload for, served with the partner's own schema: any
 * [Standard Schema](https://standardschema.dev) v1 (valibot, zod 4, arktype, …). The delivery gets the
 * same authentication, limits and answers; the schema's issues are answered 400 `INVALID_PAYLOAD`
 * with their paths, and a schema that throws is 500 `HANDLER_FAILED`.
 *
 * @typeParam S - The schema; `onEvent` receives its output type.
 * @example
 * ```ts
 * import type { P100CustomWebhookRoute } from 'p100-webhooks';
 * import * as v from 'valibot';
 *
 * const schema = v.object({ externalUserId: v.string(), txHash: v.string(), amount: v.string() });
 * const deposit: P100CustomWebhookRoute<typeof schema> = {
 *   path: '/webhook/crypto-deposit',
 *   schema,
 *   onEvent: (event) => console.log(event.txHash, event.amount),
 * };
 * ```
 */
export interface P100CustomWebhookRoute<S extends StandardSchemaV1 = StandardSchemaV1> {
  /** The path this webhook is served at; required (P100 documents none). */
  readonly path: string;
  /** Validates the parsed JSON body; its output is the event. */
  readonly schema: S;
  /**
   * Runs for every delivery the schema accepted. (A method, so that a route typed with its schema
   * is also a route of the default `P100WebhooksOptions`.)
   */
  onEvent(event: StandardSchemaV1.InferOutput<S>, context: PoaWebhookContext): unknown;
}

/**
 * The schemas of the `custom` routes of {@link P100WebhooksOptions}, by route name.
 *
 * @example
 * ```ts
 * import type { P100CustomSchemas } from 'p100-webhooks';
 * import * as v from 'valibot';
 *
 * const schemas = { cryptoDeposit: v.object({ txHash: v.string() }) } satisfies P100CustomSchemas;
 * ```
 */
export type P100CustomSchemas = Readonly<Record<string, StandardSchemaV1>>;

/**
 * The webhooks one {@link handleP100Webhook} (or adapter) serves, each at its own path: P100 sends no
 * event type, so the path decides. At least one.
 *
 * @typeParam C - The schemas of the `custom` routes, by name.
 * @example
 * ```ts
 * import type { P100WebhookRoutes } from 'p100-webhooks';
 *
 * const webhooks: P100WebhookRoutes = {
 *   poaVerificationStatus: { onEvent: (event) => console.log('POA', event.status) },
 * };
 * ```
 */
export interface P100WebhookRoutes<C extends P100CustomSchemas = P100CustomSchemas> {
  /** POA Verification Status. @default path '/webhook/poa-verification/status' */
  readonly poaVerificationStatus?: P100WebhookRouteOptions<PoaVerificationEvent, PoaEventHandlers>;
  /** KYC Verification Status; `on` is keyed by `verificationStatus`. `path` is required: P100 documents none. */
  readonly kycVerificationStatus?: P100WebhookRouteOptions<
    KycVerificationStatusEvent,
    KycVerificationStatusHandlers<unknown, [PoaWebhookContext]>,
    {
      readonly externalUserId: string;
      readonly verificationStatus: string;
      readonly attemptStatus: string;
      readonly rejectionReason?: string | null;
    }
  > & { readonly path: string };
  /** KYC File Added. `path` is required: P100 documents none. */
  readonly kycFileAdded?: P100WebhookRouteOptions<KycFileAddedEvent, KycFileStatusHandlers<unknown, [PoaWebhookContext]>> & { readonly path: string };
  /** User status (P100's FAQ shows only ACTIVE). @default path '/webhook/user/status' */
  readonly userStatus?: P100WebhookRouteOptions<UserStatusEvent, UserStatusHandlers<unknown, [PoaWebhookContext]>>;
  /** Webhooks served with the partner's own schema, by a name of the partner's choice. */
  readonly custom?: { readonly [K in keyof C]: P100CustomWebhookRoute<C[K]> };
}

/**
 * Options of {@link handleP100Webhook} and of every adapter serving several P100 webhooks on one
 * server: one secret and one set of limits for all, a route per webhook.
 *
 * @typeParam C - The schemas of the `custom` routes, by name (inferred).
 * @example
 * ```ts
 * import type { P100WebhooksOptions } from 'p100-webhooks';
 *
 * const options: P100WebhooksOptions = {
 *   secret: () => process.env.P100_WEBHOOK_SECRET,
 *   webhooks: { poaVerificationStatus: { onEvent: (event) => console.log(event.status) } },
 * };
 * ```
 */
export interface P100WebhooksOptions<C extends P100CustomSchemas = P100CustomSchemas> {
  /** The partner's secret token, as for {@link PoaWebhookBaseOptions.secret}: one for every webhook. */
  readonly secret: PoaWebhookSecret;
  /** The webhooks served, each at its path. */
  readonly webhooks: P100WebhookRoutes<C>;
  /** Called once for every answer that is not 2xx. If it throws, the answer is unchanged. */
  readonly onError?: (error: PoaWebhookError, context: PoaWebhookContext) => void;
  /** The largest body accepted, in bytes, for every webhook. @default 65536 */
  readonly maxBodyBytes?: number;
  /** How long a handler may run before the answer is 503 `HANDLER_TIMEOUT`. @default 25000 */
  readonly handlerTimeoutMs?: number;
  /** The delivery ledger, for POA Verification Status deliveries (the other webhooks' rules come later). */
  readonly ledger?: PoaDeliveryLedger;
  /** Called once per delivery the ledger decided. */
  readonly onDecision?: (record: PoaDeliveryRecord, context: PoaWebhookContext) => void;
  /** Not in this mode: an inbox queues POA deliveries only, with `PoaWebhookOptions`. */
  readonly inbox?: never;
}
