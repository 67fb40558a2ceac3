import type { PoaDeliveryApply, PoaDeliveryOptions, PoaDeliveryRecord } from '../core/poa-delivery-ledger.ts';
import { MAX_EXTERNAL_USER_ID_LENGTH } from '../core/max-external-user-id-length.ts';
import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';
import { PoaWebhookError } from '../core/poa-webhook-error.ts';
import { decidePoaDelivery } from './decide-poa-delivery.ts';
import { isLedgerRecord } from './is-ledger-record.ts';
import type { PoaLedger, PoaLedgerOptions, PoaLedgerState } from './poa-ledger.ts';
import type { PoaLedgerClaim, PoaLedgerStore } from './poa-ledger-store.ts';
import { mintReceiptId } from './receipt-id.ts';
import { LONE_SURROGATE } from './store-input.ts';

const MAX_TIMER_MS = 2_147_483_647;

const fail = (message: string): never => {
  throw new TypeError(`p100-webhooks/ledger: ${message}`);
};

const unavailable = (cause: unknown, message = 'The delivery ledger could not be reached.'): PoaWebhookError =>
  new PoaWebhookError('LEDGER_UNAVAILABLE', message, { cause });

function positive(value: unknown, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || !((value as number) > 0 && (value as number) <= max)) fail(`\`${name}\` must be a positive whole number of milliseconds (at most ${max}).`);
  return value as number;
}


function checkUser(externalUserId: unknown): string {
  if (typeof externalUserId !== 'string' || externalUserId.length === 0 || externalUserId.length > MAX_EXTERNAL_USER_ID_LENGTH || LONE_SURROGATE.test(externalUserId)) {
    fail(`the user id must be a non-empty string of at most ${MAX_EXTERNAL_USER_ID_LENGTH} characters, without lone surrogates.`);
  }
  return externalUserId as string;
}

function isClaim(claim: unknown): claim is PoaLedgerClaim {
  if (typeof claim !== 'object' || claim === null) return false;
  const { renew, commit, release, record } = claim as Partial<PoaLedgerClaim>;
  return typeof renew === 'function' && typeof commit === 'function' && typeof release === 'function' && (record === undefined || isLedgerRecord(record));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a store step whose failure changes nothing (a lost renewal or release ends with the lease):
 * a throw, a rejection or a non-promise answer is ignored, never an uncaught error in a timer.
 */
const ignore = (): void => {};
const quietly = (step: () => unknown): Promise<void> => Promise.resolve().then(step).then(ignore, ignore);

/**
 * Creates the delivery ledger: per accepted POA delivery it takes the user's lease in the store,
 * decides (`applied`, `duplicate`, `stale`, `anomaly`; see `decidePoaDelivery`), runs the handler
 * only for `applied` while renewing the lease, and records the change. A handler that fails records
 * nothing (500, P100 retries); a store that fails answers 503 `LEDGER_UNAVAILABLE`; a user whose
 * other delivery is still running waits up to `waitMs`, then 503 `DELIVERY_IN_PROGRESS`.
 *
 * @param options - The store, and optionally the retry horizon, the lease, the wait and the clock.
 * @returns The ledger, to pass as the `ledger` option and to call `recordUpload` on.
 * @throws TypeError when the options are invalid.
 * @example
 * ```ts
 * import { createNodeHandler } from 'p100-webhooks/node';
 * import { createMemoryLedgerStore, createPoaLedger } from 'p100-webhooks/ledger';
 *
 * const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
 * export const handler = createNodeHandler({
 *   secret: 's3cret',
 *   ledger,
 *   onEvent: (event) => console.log('apply', event.externalUserId, event.status),
 *   onDecision: (record) => console.log(record.receiptId, record.decision),
 * });
 * // Where the partner uploads a new document (Add POA File):
 * await ledger.recordUpload('u-1');
 * ```
 */
export function createPoaLedger(options: PoaLedgerOptions): PoaLedger {
  if (typeof options !== 'object' || options === null) fail('options must be an object.');
  const { store } = options;
  const methods = store as Partial<Record<keyof PoaLedgerStore, unknown>> | null | undefined;
  if (typeof methods !== 'object' || methods === null || !(['claim', 'recordUpload', 'get'] as const).every((m) => typeof methods[m] === 'function')) {
    fail('`store` must be a ledger store (claim, recordUpload and get), such as createMemoryLedgerStore().');
  }
  const horizonMs = positive(options.retryHorizonMs, 'retryHorizonMs', 600_000);
  const leaseMs = positive(options.leaseMs, 'leaseMs', 10_000, MAX_TIMER_MS);
  const { waitMs = 2_000, now: clock = Date.now } = options;
  if (!Number.isSafeInteger(waitMs) || !(waitMs >= 0 && waitMs <= MAX_TIMER_MS)) fail('`waitMs` must be a whole number of milliseconds from 0.');
  if (typeof clock !== 'function') fail('`now` must be a function returning ms since the epoch.');
  // Stores keep whole milliseconds (SQL bigint, DynamoDB N): a clock's fractions are dropped here,
  // and a reading that is not a time fails the delivery (503) instead of reaching a store.
  const now = (): number => {
    const time = Math.floor(clock());
    if (!Number.isSafeInteger(time) || time < 0) throw unavailable(undefined, 'The ledger\'s clock (`now`) did not return a time.');
    return time;
  };

  async function claimUser(user: string, token: string, context: object): Promise<PoaLedgerClaim> {
    // The wait is counted in the time actually slept, not by the injected clock: a frozen or
    // stepped-back clock must not make it endless.
    let waited = 0;
    for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
      let claim: unknown;
      try {
        claim = await store.claim(user, { token, now: now(), leaseMs, context });
      } catch (cause) {
        throw unavailable(cause);
      }
      if (claim !== undefined) {
        if (!isClaim(claim)) throw unavailable(undefined, 'The delivery ledger store answered something that is not a claim.');
        return claim;
      }
      const left = waitMs - waited;
      if (left <= 0) throw new PoaWebhookError('DELIVERY_IN_PROGRESS', 'Another delivery for this user is still being handled; P100 retries later.');
      const step = Math.min(delay, left);
      await sleep(step);
      waited += step;
    }
  }

  /** Renews the lease every third of its length while the handler runs; returns the stop. */
  function keepRenewing(claim: PoaLedgerClaim): () => void {
    const timer = setInterval(() => {
      void quietly(() => claim.renew(now(), leaseMs));
    }, Math.max(1, Math.floor(leaseMs / 3)));
    (timer as { unref?: () => void }).unref?.();
    return () => clearInterval(timer);
  }

  function report(record: PoaDeliveryRecord, options: PoaDeliveryOptions): PoaDeliveryRecord {
    const { onDecision } = options;
    if (onDecision !== undefined) {
      try {
        const result: unknown = onDecision(record, options.context);
        if (result instanceof Promise) result.then(undefined, () => {});
      } catch {
        // onDecision's own failure must not change the answer.
      }
    }
    return record;
  }

  return {
    async deliver(event: PoaVerificationEvent, apply: PoaDeliveryApply, delivery: PoaDeliveryOptions): Promise<PoaDeliveryRecord> {
      const { externalUserId, status } = event;
      const receiptId = delivery.receiptId ?? mintReceiptId(now());
      const claim = await claimUser(checkUser(externalUserId), receiptId, delivery.context);
      const { decision, round } = decidePoaDelivery(claim.record, status, now(), horizonMs);
      const record: PoaDeliveryRecord = { receiptId, externalUserId, status, decision, round };
      if (decision !== 'applied') {
        // Nothing to record: the answer does not wait for the release (a lost one expires with the lease).
        void quietly(() => claim.release());
        return report(record, delivery);
      }
      const stop = keepRenewing(claim);
      try {
        await apply(event, delivery.context);
      } catch (cause) {
        stop();
        await quietly(() => claim.release());
        throw new PoaWebhookError('HANDLER_FAILED', 'The webhook handler failed.', { cause });
      }
      stop();
      let committed: unknown;
      try {
        committed = await claim.commit({ status, round, at: now() });
      } catch (cause) {
        throw unavailable(cause, 'The delivery ledger could not record the applied delivery.');
      }
      if (committed !== true) throw unavailable(undefined, 'The delivery ledger lost this delivery\'s claim before it was recorded (its lease expired).');
      return report(record, delivery);
    },

    async recordUpload(externalUserId: string): Promise<void> {
      const user = checkUser(externalUserId);
      try {
        await store.recordUpload(user, now());
      } catch (cause) {
        throw unavailable(cause);
      }
    },

    async get(externalUserId: string): Promise<PoaLedgerState | undefined> {
      const user = checkUser(externalUserId);
      let record: unknown;
      try {
        record = await store.get(user);
      } catch (cause) {
        throw unavailable(cause);
      }
      if (record !== undefined && !isLedgerRecord(record)) throw unavailable(undefined, 'The delivery ledger store answered something that is not a record.');
      return record?.status === undefined ? undefined : { status: record.status, round: record.round, appliedAt: new Date(record.appliedAt) };
    },
  };
}
