/**
 * TEMPORARY: the ledger's claim / decide / run / commit loop over a PoaLedgerStore, as an `onEvent`
 * wrapper, until `createPoaLedger` and the adapters' `ledger` option land on main. Delete this file
 * then; the simulator passes `ledger` and `onDecision` to createNodeHandler instead.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PoaVerificationEvent, PoaWebhookContext } from '../../src/index.ts';
import { decidePoaDelivery, type PoaLedgerStore } from '../../src/ledger.ts';
import type { PoaDecision } from '../../src/ledger.ts';

export interface BridgeDecision {
  readonly receiptId: string;
  readonly externalUserId: string;
  readonly status: PoaVerificationEvent['status'];
  readonly decision: PoaDecision;
  readonly round: number;
}

export function bridgeLedger(
  store: PoaLedgerStore,
  { retryHorizonMs, leaseMs }: { retryHorizonMs: number; leaseMs: number },
  onEvent: (event: PoaVerificationEvent, context: PoaWebhookContext) => Promise<void>,
  onDecision: (record: BridgeDecision, context: PoaWebhookContext) => void,
): (event: PoaVerificationEvent, context: PoaWebhookContext) => Promise<void> {
  return async (event, context) => {
    const token = randomUUID();
    const deadline = Date.now() + leaseMs;
    let claim = await store.claim(event.externalUserId, { token, now: Date.now(), leaseMs, context });
    while (claim === undefined) {
      if (Date.now() > deadline) throw new Error('DELIVERY_IN_PROGRESS');
      await sleep(Math.max(1, leaseMs / 10));
      claim = await store.claim(event.externalUserId, { token, now: Date.now(), leaseMs, context });
    }
    const held = claim;
    const { decision, round } = decidePoaDelivery(held.record, event.status, Date.now(), retryHorizonMs);
    if (decision !== 'applied') {
      await held.release();
      onDecision({ receiptId: token, externalUserId: event.externalUserId, status: event.status, decision, round }, context);
      return;
    }
    const timer = setInterval(() => void held.renew(Date.now(), leaseMs), Math.max(1, leaseMs / 3));
    try {
      await onEvent(event, context);
    } catch (cause) {
      clearInterval(timer);
      await held.release();
      throw cause;
    }
    clearInterval(timer);
    if (!(await held.commit({ status: event.status, round, at: Date.now() }))) throw new Error('lease lost');
    onDecision({ receiptId: token, externalUserId: event.externalUserId, status: event.status, decision, round }, context);
  };
}
