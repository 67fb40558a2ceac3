import type { PoaDeliveryRecord } from '../core/poa-delivery-ledger.ts';
import { PoaWebhookError } from '../core/poa-webhook-error.ts';
import type { PoaWebhookContext } from '../core/poa-webhook-options.ts';
import { poaVerificationWebhook } from '../core/receiver/poa-verification-webhook.ts';
import { runHandler } from '../core/receiver/run-handler.ts';
import type { UnknownStatusPayload } from '../core/receiver/webhook-definition.ts';
import { type RouteHandler, resolveRoute } from '../core/receiver/webhook-route.ts';
import type { PoaInboxJob, PoaJobOutcome } from './poa-inbox.ts';
import type { PoaWorker, PoaWorkerContext, PoaWorkerOptions } from './poa-worker-options.ts';
import { readInboxMessage } from './read-inbox-message.ts';
import { UserLanes } from './user-lanes.ts';
import { WorkerContext } from './worker-context.ts';

const DONE: PoaJobOutcome = { ok: true };
const MAX_TIMER_MS = 2_147_483_647;

interface SignalTarget {
  readonly pid: number;
  once(signal: string, listener: (signal: string) => void): unknown;
  off(signal: string, listener: (signal: string) => void): unknown;
  listenerCount(signal: string): number;
  kill(pid: number, signal: string): unknown;
}

const fail = (message: string): never => {
  throw new TypeError(`p100-webhooks: ${message}`);
};

/**
 * Runs the handlers of queued deliveries: takes jobs from the inbox, rebuilds each delivery's typed
 * event and context, decides it with the ledger (when given) and runs the handler for its status.
 * One user's deliveries run one at a time (in this process by a lane per user; across processes by
 * the ledger's claim), different users' side by side, up to `concurrency`. A failed attempt is
 * retried by the inbox with backoff; after the inbox's `maxAttempts` it is dead, kept with its code
 * for `replay`. A job that is not a readable delivery is dead at once (`INVALID_PAYLOAD`).
 *
 * @param options - The inbox, the ledger, the handlers (exactly one of `on` or `onEvent`) and limits.
 * @returns The running worker; `stop()` (or SIGTERM/SIGINT) ends it gracefully.
 * @throws TypeError when the options are invalid.
 * @example
 * ```ts
 * import { createMemoryInbox, startPoaWorker } from 'p100-webhooks/inbox';
 * import { createMemoryLedgerStore, createPoaLedger } from 'p100-webhooks/ledger';
 *
 * const inbox = createMemoryInbox();
 * const worker = startPoaWorker({
 *   inbox,
 *   ledger: createPoaLedger({ store: createMemoryLedgerStore() }),
 *   on: {
 *     WAITING: () => {},
 *     APPROVED: async (event, context) => console.log('verified', event.externalUserId, 'attempt', context.attempt),
 *     REJECTED: () => {},
 *     QUESTIONED: () => {},
 *   },
 * });
 * await worker.stop();
 * ```
 */
export function startPoaWorker(options: PoaWorkerOptions): PoaWorker {
  if (typeof options !== 'object' || options === null) fail('options must be an object.');
  const { inbox, ledger, onDecision, onUnknownStatus, onError, concurrency = 4, handlerTimeoutMs = 25_000 } = options;
  if (typeof (inbox as { consume?: unknown } | null)?.consume !== 'function') fail('`inbox` must come from createPgBossInbox, createBullMqInbox or createMemoryInbox.');
  if (ledger !== undefined && typeof (ledger as { deliver?: unknown } | null)?.deliver !== 'function') fail('`ledger` must come from createPoaLedger.');
  for (const [name, value] of [['onDecision', onDecision], ['onUnknownStatus', onUnknownStatus], ['onError', onError]] as const) {
    if (value !== undefined && typeof value !== 'function') fail(`\`${name}\` must be a function.`);
  }
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) fail('`concurrency` must be a whole number from 1.');
  if (!(handlerTimeoutMs === Number.POSITIVE_INFINITY || (typeof handlerTimeoutMs === 'number' && handlerTimeoutMs > 0 && handlerTimeoutMs <= MAX_TIMER_MS))) {
    fail(`\`handlerTimeoutMs\` must be a positive number of at most ${MAX_TIMER_MS}, or Infinity.`);
  }
  const handle = resolveRoute(poaVerificationWebhook, { on: options.on, onEvent: options.onEvent }, undefined, fail).handle;
  const signals = resolveSignals(options.signals);
  const through = { ledger, onDecision: onDecision as ((record: PoaDeliveryRecord, context: PoaWebhookContext) => void) | undefined, inbox: undefined };
  const lanes = new UserLanes();

  const report = (error: PoaWebhookError, context: PoaWorkerContext | undefined): void => {
    try {
      onError?.(error, context);
    } catch {
      // onError's own failure changes nothing.
    }
  };

  const attempt = async (context: WorkerContext, run: () => ReturnType<typeof runHandler>): Promise<PoaJobOutcome> => {
    const error = await run();
    if (error === undefined) return DONE;
    report(error, context);
    return { ok: false, code: error.code, retry: true };
  };

  const process = async (job: PoaInboxJob): Promise<PoaJobOutcome> => {
    const read = readInboxMessage(job.data);
    if (!read.ok) {
      report(read.error, undefined);
      return { ok: false, code: read.error.code, retry: false };
    }
    const context = new WorkerContext(read.message, job);
    const { unknown } = read;
    if (unknown !== undefined && onUnknownStatus === undefined) {
      report(new PoaWebhookError('UNKNOWN_STATUS', `The queued delivery has a status this version does not know: ${JSON.stringify(unknown.status).slice(0, 80)}.`), context);
      return { ok: false, code: 'UNKNOWN_STATUS', retry: false };
    }
    return lanes.run(read.message.event.externalUserId, () =>
      attempt(context, () =>
        unknown === undefined
          ? runHandler(handle, read.message.event, context, handlerTimeoutMs, through)
          : runHandler(onUnknownStatus as RouteHandler<UnknownStatusPayload>, unknown, context, handlerTimeoutMs),
      ),
    );
  };

  const consumer = inbox.consume(process, {
    concurrency,
    onError: (cause) => report(new PoaWebhookError('INBOX_UNAVAILABLE', 'The inbox failed while taking jobs.', { cause }), undefined),
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const [signal, listener] of listeners) signals.target?.off(signal, listener);
      await consumer.close();
    })();
    return stopping;
  };

  // SIGTERM/SIGINT: stop taking jobs, finish those in flight, then let the signal do what it would
  // have done (unless someone else listens to it). A second signal does not wait.
  const listeners = new Map<string, (signal: string) => void>();
  const { target } = signals;
  if (target !== undefined) {
    for (const signal of signals.names) {
      const listener = (received: string): void => {
        const raise = (): void => {
          target.off(received, again);
          if (target.listenerCount(received) === 0) target.kill(target.pid, received);
        };
        // Until the stop is done, a second signal is not the default kill: it raises at once.
        const again = (): void => raise();
        target.once(received, again);
        void stop().then(raise, raise);
      };
      listeners.set(signal, listener);
      target.once(signal, listener);
    }
  }
  return { stop };
}

function resolveSignals(signals: readonly string[] | undefined): { readonly target: SignalTarget | undefined; readonly names: readonly string[] } {
  if (signals !== undefined && !(Array.isArray(signals) && signals.every((signal) => typeof signal === 'string'))) fail('`signals` must be a list of signal names.');
  const target = (globalThis as { process?: Partial<SignalTarget> }).process;
  const usable = target !== undefined && typeof target.once === 'function' && typeof target.kill === 'function' ? (target as SignalTarget) : undefined;
  const names = signals ?? ['SIGTERM', 'SIGINT'];
  return { target: names.length > 0 ? usable : undefined, names };
}
