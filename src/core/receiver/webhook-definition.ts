import type { PoaWebhookError } from '../poa-webhook-error.ts';

/**
 * A well-formed payload whose status value is not one the definition knows (P100 may add some):
 * the fields read once from the payload, already checked as for a known status.
 *
 * @internal
 */
export interface UnknownStatusPayload {
  readonly externalUserId: string;
  readonly status: string;
}

/**
 * What a definition's check makes of a parsed JSON value: the typed event, or the error to answer
 * with, which for an unknown status carries the checked payload (`U`: its fields, status values as
 * received).
 *
 * @internal
 */
export type PayloadCheck<E, U extends object = UnknownStatusPayload> =
  | { readonly success: true; readonly event: E }
  | { readonly success: false; readonly error: PoaWebhookError; readonly unknown?: U };

/**
 * One kind of P100 webhook, as data: everything the receiver needs to serve it. A new webhook is a
 * new definition, never a copy of the receiver.
 *
 * @internal
 */
export interface WebhookDefinition<E extends object> {
  /** The name used in messages and records, such as `poaVerificationStatus`. */
  readonly name: string;
  /** The field whose value picks the handler in `on`. */
  readonly statusField: keyof E & string;
  /** Every known value of that field: the keys `on` must have. */
  readonly statuses: readonly string[];
  /** Reads the payload's own fields once and checks them. Never throws. */
  readonly check: (value: unknown) => PayloadCheck<E, object>;
}
