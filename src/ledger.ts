/**
 * The delivery ledger: decides, per accepted POA delivery, whether its effect runs — exactly once
 * per real status change, never for a retry, never for a stale status that arrives late. Pass it as
 * the `ledger` option of any adapter. Stores: {@link createMemoryLedgerStore} here (one process),
 * and SQLite, PostgreSQL, Redis and DynamoDB in their own subpaths.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 * import { createMemoryLedgerStore, createPoaLedger } from 'p100-webhooks/ledger';
 *
 * const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
 * export default {
 *   fetch: createFetchHandler({ secret: () => process.env.P100_WEBHOOK_SECRET, ledger, onEvent: () => {} }),
 * };
 * ```
 *
 * @module p100-webhooks/ledger
 */
export type { PoaDecision, PoaDeliveryOptions, PoaDeliveryRecord } from './core/poa-delivery-ledger.ts';
export { createPoaLedger } from './ledger/create-poa-ledger.ts';
export { decidePoaDelivery, type PoaDecisionResult } from './ledger/decide-poa-delivery.ts';
export { createMemoryLedgerStore } from './ledger/memory-ledger-store.ts';
export type { PoaLedger, PoaLedgerOptions, PoaLedgerState } from './ledger/poa-ledger.ts';
export type { PoaLedgerMark, PoaLedgerRecord } from './ledger/poa-ledger-record.ts';
export type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from './ledger/poa-ledger-store.ts';
