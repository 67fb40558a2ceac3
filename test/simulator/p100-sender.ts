/**
 * The simulated P100: delivers each true event at its time to a random live receiver over real HTTP
 * (one keep-alive agent), 5 attempts in all, each retry 8/16/32/64 s (scaled) after the previous
 * failure — a non-2xx answer, a connection error, or no answer within the client timeout. Retries of
 * different events run independently, so they interleave and reorder as P100's do. After the fifth
 * failure the event is given up. A fifth of the attempts (by default) carry an injected fault.
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { P100Timings } from './p100-timings.ts';
import type { Random } from './random.ts';
import { pickReceiver, type ReceiverFleet, type ReceiverSlot } from './receiver-fleet.ts';
import type { Attempt, Delivery, Fault, TrueEvent } from './sim-records.ts';

export const P100_ATTEMPTS = 5;

export interface P100SenderOptions {
  readonly fleet: ReceiverFleet;
  readonly random: Random;
  readonly timings: P100Timings;
  readonly secret: string;
  /** The share of attempts that carry a fault. */
  readonly faultRate: number;
  /** The relative weight of each fault (`kill` is left out when the receivers cannot be killed). */
  readonly faultWeights: Readonly<Record<Fault, number>>;
  /** The share of events whose every attempt throws (an outage for them), so P100 gives up. @default 0 */
  readonly giveUpRate?: number;
}

export interface P100Sender {
  /** Delivers one event with P100's schedule; resolves when it got a 2xx or was given up. */
  deliver(event: TrueEvent): Promise<Delivery>;
  readonly deliveries: readonly Delivery[];
  close(): void;
}

function errorCode(body: string): string | undefined {
  try {
    const code: unknown = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export function createP100Sender(options: P100SenderOptions): P100Sender {
  const { fleet, random, timings, secret, faultRate } = options;
  const weights = Object.fromEntries(Object.entries(options.faultWeights).filter(([fault]) => fleet.killable || fault !== 'kill')) as Record<Fault, number>;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const deliveries: Delivery[] = [];

  const send = (slot: ReceiverSlot, attempt: Attempt, body: string): Promise<void> =>
    new Promise((resolve) => {
      slot.inflight.add(attempt);
      let settled = false;
      const finish = (result: number | string, code?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        if (drop !== undefined) clearTimeout(drop);
        slot.inflight.delete(attempt);
        attempt.endedAt = Date.now();
        attempt.result = result;
        attempt.code = code;
        resolve();
      };
      const req = request({
        host: '127.0.0.1',
        port: slot.port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          authorization: secret,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'x-sim-event': attempt.event,
          'x-sim-attempt': attempt.id,
          ...(attempt.fault === undefined ? {} : { 'x-sim-fault': attempt.fault }),
        },
      });
      const timeout = setTimeout(() => {
        finish('timeout');
        req.destroy();
      }, timings.clientTimeoutMs);
      // P100 drops the connection while the handler (which did its effect at once) still runs.
      const drop =
        attempt.fault === 'drop'
          ? setTimeout(() => {
              finish('dropped');
              req.destroy();
            }, timings.handlerTimeoutMs * 0.3)
          : undefined;
      req.on('response', (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => finish(res.statusCode ?? 0, res.statusCode === 200 ? undefined : errorCode(data)));
        res.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'response-error'));
      });
      req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'request-error'));
      req.end(body);
    });

  const deliver = async (event: TrueEvent): Promise<Delivery> => {
    const delivery: Delivery = { event, attempts: [], okAt: undefined, givenUpAt: undefined };
    deliveries.push(delivery);
    const body = JSON.stringify({ externalUserId: event.user, status: event.status });
    const doomed = random.next() < (options.giveUpRate ?? 0);
    for (let n = 1; n <= P100_ATTEMPTS; n++) {
      const fault = doomed ? 'throw' : random.next() < faultRate ? random.pick(weights) : undefined;
      const slot = pickReceiver(fleet, random);
      const attempt: Attempt = {
        id: `${event.id}/${n}`, event: event.id, n, fault, pid: slot?.pid ?? 0, startedAt: Date.now(), endedAt: 0,
        result: 'no-receiver', code: undefined, inKilledProcess: false,
      };
      delivery.attempts.push(attempt);
      if (slot === undefined) attempt.endedAt = attempt.startedAt;
      else await send(slot, attempt, body);
      if (attempt.result === 200) {
        delivery.okAt = attempt.endedAt;
        return delivery;
      }
      if (n < P100_ATTEMPTS) await sleep(timings.retryDelaysMs[n - 1] as number);
    }
    delivery.givenUpAt = Date.now();
    return delivery;
  };

  return { deliver, deliveries, close: () => agent.destroy() };
}
