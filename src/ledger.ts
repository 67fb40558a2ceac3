/**
 * The delivery ledger: decides, per accepted POA delivery, whether its effect runs — exactly once
 * per real status change, never for a retry, never for a stale status that arrives late.
 *
 * @example
 * ```ts
 * import { createMemoryLedgerStore, decidePoaDelivery } from 'p100-webhooks/ledger';
 *
 * const store = createMemoryLedgerStore();
 * console.log(decidePoaDelivery(await store.get('u-1'), 'WAITING', Date.now(), 600_000)); // { decision: 'applied', round: 1 }
 * ```
 *
 * @module p100-webhooks/ledger
 */
export { decidePoaDelivery, type PoaDecision, type PoaDecisionResult } from './ledger/decide-poa-delivery.ts';
export { createMemoryLedgerStore } from './ledger/memory-ledger-store.ts';
export type { PoaLedgerMark, PoaLedgerRecord } from './ledger/poa-ledger-record.ts';
export type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from './ledger/poa-ledger-store.ts';
