/**
 * One simulated partner receiver: `createNodeHandler` with the ledger on a real loopback server,
 * whose handler runs the partner's effect and acts on the fault the simulated P100 chose for the
 * attempt (`x-sim-fault`, read with `context.header`). Used in-process and by receiver-process.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PoaVerificationEvent, PoaVerificationStatus, PoaWebhookContext } from '../../src/index.ts';
import { createNodeHandler } from '../../src/node.ts';
import { createPoaLedger, type PoaDeliveryRecord } from '../../src/ledger.ts';
import type { P100Timings } from './p100-timings.ts';
import type { ReceiverBackend } from './sim-backend.ts';
import { FAULTS, type Fault, type ReceiverLogLine } from './sim-records.ts';

/** How the receiver decides whether to run the effect. */
export type SimRule =
  /** The ledger, with P100's retry horizon. */
  | { readonly kind: 'ledger' }
  /** The ledger, misconfigured with a horizon shorter than P100's retries. */
  | { readonly kind: 'ledger'; readonly retryHorizonMs: number }
  /** The old README recipe: skip a repeat of the user's last applied status (wrong: regresses under reordering). */
  | { readonly kind: 'last-status'; readonly last: Map<string, PoaVerificationStatus> };

export interface SimReceiverOptions {
  readonly backend: ReceiverBackend;
  readonly timings: P100Timings;
  readonly secret: string;
  readonly rule: SimRule;
  /** Where decisions and fired faults go (a file per process, or an array in-process). */
  readonly log: (line: ReceiverLogLine) => void;
  /** Kills this receiver (SIGKILL in a child process); absent in-process, where `kill` faults are not drawn. */
  readonly kill?: () => never;
}

export interface RunningSimReceiver {
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

function faultOf(context: PoaWebhookContext): Fault | undefined {
  const value = context.header('x-sim-fault');
  return (FAULTS as readonly string[]).includes(value ?? '') ? (value as Fault) : undefined;
}

export async function startSimReceiver(options: SimReceiverOptions): Promise<RunningSimReceiver> {
  const { backend, timings, secret, rule, log, kill } = options;
  const { pid } = process;
  const ids = (context: PoaWebhookContext) => ({ event: context.header('x-sim-event') ?? '', attempt: context.header('x-sim-attempt') ?? '' });

  const effect = async (event: PoaVerificationEvent, context: PoaWebhookContext): Promise<void> => {
    const fault = faultOf(context);
    const { event: eventId, attempt } = ids(context);
    if (fault !== undefined) log({ type: 'fault', fault, attempt, pid });
    if (fault === 'throw') throw new Error('injected: the handler throws');
    await backend.effect({ user: event.externalUserId, status: event.status, event: eventId, attempt, at: Date.now(), pid }, context);
    if (fault === 'kill') {
      if (kill === undefined) throw new Error('a kill fault reached an in-process receiver');
      kill(); // after the effect, before the ledger's commit
    }
    if (fault === 'hang') await sleep(timings.handlerTimeoutMs * 1.5); // answered 503 meanwhile; then commits
    if (fault === 'drop') await sleep(timings.handlerTimeoutMs * 0.6); // the client drops the connection meanwhile
  };

  const decided = (record: PoaDeliveryRecord, context: PoaWebhookContext): void => {
    log({ type: 'decision', receiptId: record.receiptId, user: record.externalUserId, status: record.status, decision: record.decision, round: record.round, ...ids(context), at: Date.now(), pid });
  };

  let handler;
  if (rule.kind === 'last-status') {
    const onEvent = async (event: PoaVerificationEvent, context: PoaWebhookContext): Promise<void> => {
      const decision = rule.last.get(event.externalUserId) === event.status ? 'duplicate' : 'applied';
      if (decision === 'applied') {
        await effect(event, context);
        rule.last.set(event.externalUserId, event.status);
      }
      decided({ receiptId: ids(context).attempt, externalUserId: event.externalUserId, status: event.status, decision, round: 0 }, context);
    };
    handler = createNodeHandler({ secret, onEvent, handlerTimeoutMs: timings.handlerTimeoutMs });
  } else {
    // The SDK itself: the adapter's `ledger` and `onDecision` options.
    const retryHorizonMs = 'retryHorizonMs' in rule ? rule.retryHorizonMs : timings.retryHorizonMs;
    const ledger = createPoaLedger({ store: backend.store, retryHorizonMs, leaseMs: timings.leaseMs, waitMs: timings.leaseMs });
    handler = createNodeHandler({ secret, ledger, onEvent: effect, onDecision: decided, handlerTimeoutMs: timings.handlerTimeoutMs });
  }

  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const attempt = req.headers['x-sim-attempt'];
    if (typeof attempt === 'string') log({ type: 'arrival', attempt, at: Date.now(), pid });
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
