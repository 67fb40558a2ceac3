import type { PoaDeliveryApply } from '../poa-delivery-ledger.ts';
import type { PoaVerificationEvent } from '../poa-verification-event-schema.ts';
import type { PoaWebhookContext } from '../poa-webhook-options.ts';
import type { RouteThrough } from './webhook-route.ts';
import { PoaWebhookError } from '../poa-webhook-error.ts';

/** A handler's outcome: `undefined` when it succeeded; a promise only when it returned one. @internal */
export type HandlerOutcome = PoaWebhookError | undefined | Promise<PoaWebhookError | undefined>;

const TIMED_OUT = Symbol('timed out');

/**
 * Runs one handler call; a throw, a rejection or a timeout becomes the error to answer with. A
 * handler that returns no promise is done at once (no timer, nothing awaited). A `then` that throws
 * when read is a failure too.
 *
 * With a ledger (`through.ledger`), the ledger runs the handler, only for a delivery it decides
 * `applied`: its own typed failures (`DELIVERY_IN_PROGRESS`, `LEDGER_UNAVAILABLE`,
 * `HANDLER_FAILED`) are the answer, anything else it throws means it failed (`LEDGER_UNAVAILABLE`),
 * and the timeout covers its wait for the user's claim too.
 *
 * In inbox mode (`through.inbox`), the handler is the enqueue: its failure, and a queue that has
 * not acknowledged within the timeout, are `INBOX_UNAVAILABLE`.
 *
 * @internal
 */
export function runHandler<T, C>(
  handler: (value: T, context: C) => unknown,
  value: T,
  context: C,
  timeoutMs: number,
  through?: RouteThrough,
): HandlerOutcome {
  const ledger = through?.ledger;
  const failed = through?.inbox ? inboxFailed : ledger ? ledgerFailed : handlerFailed;
  let returned: unknown;
  try {
    returned = ledger
      ? ledger.deliver(value as PoaVerificationEvent, handler as PoaDeliveryApply, { context: context as PoaWebhookContext, onDecision: through?.onDecision })
      : handler(value, context);
    if (!isThenable(returned)) return undefined;
  } catch (cause) {
    return failed(cause);
  }
  return settle(returned, timeoutMs, failed);
}

function inboxFailed(cause?: unknown): PoaWebhookError {
  return new PoaWebhookError('INBOX_UNAVAILABLE', 'The delivery could not be queued.', { cause });
}

function ledgerFailed(cause: unknown): PoaWebhookError {
  return cause instanceof PoaWebhookError ? cause : new PoaWebhookError('LEDGER_UNAVAILABLE', 'The delivery ledger failed.', { cause });
}

async function settle(result: PromiseLike<unknown>, timeoutMs: number, failed: (cause: unknown) => PoaWebhookError): Promise<PoaWebhookError | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (timeoutMs === Number.POSITIVE_INFINITY) {
      await result;
      return undefined;
    }
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
    });
    if ((await Promise.race([result, timeout])) === TIMED_OUT) {
      if (failed === inboxFailed) return inboxFailed();
      return new PoaWebhookError('HANDLER_TIMEOUT', `The webhook handler did not finish within ${timeoutMs} ms.`);
    }
    return undefined;
  } catch (cause) {
    return failed(cause);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function handlerFailed(cause: unknown): PoaWebhookError {
  return new PoaWebhookError('HANDLER_FAILED', 'The webhook handler failed.', { cause });
}

/** Whether a value is a promise-like (may throw for a hostile `then` getter). @internal */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
