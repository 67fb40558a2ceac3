import { POA_VERIFICATION_STATUSES } from '../core/poa-verification-statuses.ts';
import type { PoaLedgerChange, PoaLedgerLease } from './poa-ledger-store.ts';

/**
 * What a store accepts from its caller, checked before anything reaches the server: a value a store
 * cannot keep exactly (a fraction, `NaN`, a lone surrogate that UTF-8 turns into U+FFFD) must be a
 * `TypeError`, never a stolen lease, a merged user or a record nobody can read again.
 *
 * @internal
 */
const fail = (what: string): never => {
  throw new TypeError(`The ledger store needs ${what}.`);
};

/** A UTF-16 code unit of a surrogate pair without its other half: no UTF-8 store keeps it apart from U+FFFD. @internal */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** @internal */
export function checkStoreUser(externalUserId: unknown): string {
  if (typeof externalUserId !== 'string' || externalUserId === '' || LONE_SURROGATE.test(externalUserId)) fail('a non-empty user id without lone surrogates');
  return externalUserId as string;
}

/** @internal */
export function checkStoreTime(name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(`${name} as a whole, non-negative number of milliseconds`);
  return value as number;
}

/** A lease's time and length, as a claim and a renewal give them. @internal */
export function checkStoreLeaseTimes(now: unknown, leaseMs: unknown): void {
  checkStoreTime('now', now);
  if (checkStoreTime('leaseMs', leaseMs) === 0) fail('a positive leaseMs');
}

/** @internal */
export function checkStoreLease(lease: PoaLedgerLease): void {
  if (typeof lease?.token !== 'string' || lease.token === '') fail('a non-empty lease token');
  checkStoreLeaseTimes(lease.now, lease.leaseMs);
}

/** @internal */
export function checkStoreChange(change: PoaLedgerChange): void {
  if (!(POA_VERIFICATION_STATUSES as readonly unknown[]).includes(change?.status)) fail('a POA verification status to commit');
  if (checkStoreTime('change.round', change.round) === 0) fail('a positive change.round');
  checkStoreTime('change.at', change.at);
}
