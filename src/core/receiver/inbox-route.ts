import type { PoaDeliveryInbox, PoaInboxMessage } from '../poa-delivery-inbox.ts';
import type { PoaVerificationEvent } from '../poa-verification-event-schema.ts';
import type { DeliveryContext } from './delivery-context.ts';
import type { RouteHandler } from './webhook-route.ts';

/**
 * The route handler of inbox mode: queues the checked event with what the worker needs to rebuild
 * its context. Its promise is the queue's acknowledgement.
 *
 * @internal
 */
export function enqueueTo(inbox: PoaDeliveryInbox): RouteHandler<object> {
  return (event, context) => inbox.enqueue(inboxMessage(event as PoaVerificationEvent, context as DeliveryContext));
}

/** The message queued for one delivery: only the event's typed fields, and the withheld headers left out. @internal */
export function inboxMessage(event: PoaVerificationEvent, context: DeliveryContext): PoaInboxMessage {
  return {
    v: 1,
    webhook: 'poaVerificationStatus',
    event: { externalUserId: event.externalUserId, status: event.status },
    receivedAt: context.receivedAtMs,
    method: context.method,
    url: context.url ?? null,
    headers: context.headerRecord(),
  };
}
