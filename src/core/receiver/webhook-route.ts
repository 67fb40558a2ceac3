import type { PoaWebhookContext } from '../poa-webhook-options.ts';
import type { PoaDeliveryInbox } from '../poa-delivery-inbox.ts';
import type { PoaDeliveryLedger, PoaDeliveryRecord } from '../poa-delivery-ledger.ts';
import type { PayloadCheck, UnknownStatusPayload, WebhookDefinition } from './webhook-definition.ts';

/** A handler as the receiver calls it. @internal */
export type RouteHandler<T> = (value: T, context: PoaWebhookContext) => unknown;

/**
 * A webhook served at a path, with its handlers checked: what the receiver matches a request to.
 *
 * @internal
 */
export interface WebhookRoute {
  readonly name: string;
  /** The path served; `undefined` serves every path. */
  readonly path: string | undefined;
  readonly check: (value: unknown) => PayloadCheck<object> | Promise<PayloadCheck<object>>;
  /** Runs the handler for a checked event (the one for its status, or `onEvent`). */
  readonly handle: RouteHandler<object>;
  readonly onUnknownStatus: RouteHandler<UnknownStatusPayload> | undefined;
  /** What the handler runs through: the ledger (POA only), or the inbox whose enqueue `handle` is. */
  readonly through: RouteThrough | undefined;
}

/** The ledger (with its `onDecision`) or the inbox a route's handler runs through. @internal */
export interface RouteThrough {
  readonly ledger?: PoaDeliveryLedger | undefined;
  readonly onDecision?: ((record: PoaDeliveryRecord, context: PoaWebhookContext) => void) | undefined;
  readonly inbox?: PoaDeliveryInbox | undefined;
}

/** The handler options of one route, as a user gives them. @internal */
export interface RouteHandlers {
  readonly on?: unknown;
  readonly onEvent?: unknown;
  readonly onUnknownStatus?: unknown;
}

/**
 * Checks a route's handlers against its definition and builds the route.
 *
 * @internal
 */
export function resolveRoute<E extends object>(
  definition: WebhookDefinition<E>,
  handlers: RouteHandlers,
  path: string | undefined,
  fail: (message: string) => never,
  through?: RouteThrough,
): WebhookRoute {
  const { on, onEvent, onUnknownStatus } = handlers;
  if ((on === undefined) === (onEvent === undefined)) fail('give exactly one of `on` (a handler per status) or `onEvent`.');
  if (onUnknownStatus !== undefined && typeof onUnknownStatus !== 'function') fail('`onUnknownStatus` must be a function.');
  let handle: RouteHandler<object>;
  if (on === undefined) {
    if (typeof onEvent !== 'function') fail('`onEvent` must be a function.');
    handle = onEvent as RouteHandler<object>;
  } else {
    if (typeof on !== 'object' || on === null) fail('`on` must be an object.');
    for (const status of definition.statuses) {
      if (typeof (on as Record<string, unknown>)[status] !== 'function') fail(`\`on.${status}\` must be a function.`);
    }
    const table = on as Record<string, RouteHandler<object>>;
    const field = definition.statusField;
    // Called as a method of `on`, as written in the options.
    handle = (event, context) => (table[(event as Record<string, string>)[field] as string] as RouteHandler<object>)(event, context);
  }
  return {
    name: definition.name,
    path,
    check: definition.check as (value: unknown) => PayloadCheck<object>,
    handle,
    onUnknownStatus: onUnknownStatus as RouteHandler<UnknownStatusPayload> | undefined,
    through,
  };
}
