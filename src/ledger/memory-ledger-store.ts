import type { PoaLedgerMark, PoaLedgerRecord } from './poa-ledger-record.ts';
import type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from './poa-ledger-store.ts';
import { checkStoreChange, checkStoreLease, checkStoreLeaseTimes, checkStoreTime, checkStoreUser } from './store-input.ts';

interface Entry {
  record: PoaLedgerRecord;
  token: string | undefined;
  until: number;
}

const EMPTY: PoaLedgerRecord = { seq: 0, status: undefined, round: 0, appliedAt: 0, appliedSeq: 0, lastApplied: {}, uploadSeq: 0, uploadAt: 0 };

/**
 * A ledger store in this process's memory: for tests, the demo and a single server. Records do not
 * survive a restart and are not shared between processes; use the SQLite store for one machine that
 * restarts, and the PostgreSQL, Redis or DynamoDB store for a fleet.
 *
 * @returns A store whose records live as long as the process.
 * @example
 * ```ts
 * import { createMemoryLedgerStore } from 'p100-webhooks/ledger';
 *
 * const store = createMemoryLedgerStore();
 * await store.recordUpload('u-1', Date.now());
 * console.log((await store.get('u-1'))?.uploadSeq); // 1
 * ```
 */
export function createMemoryLedgerStore(): PoaLedgerStore {
  const entries = new Map<string, Entry>();
  const holds = (entry: Entry, token: string): boolean => entry.token === token;
  return {
    async claim(externalUserId: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined> {
      checkStoreUser(externalUserId);
      checkStoreLease(lease);
      let entry = entries.get(externalUserId);
      if (entry === undefined) entries.set(externalUserId, (entry = { record: EMPTY, token: undefined, until: 0 }));
      else if (entry.token !== undefined && entry.until > lease.now) return undefined;
      const held = entry;
      held.token = lease.token;
      held.until = lease.now + lease.leaseMs;
      const { token } = lease;
      const claimed = held.record.seq;
      const claim: PoaLedgerClaim = {
        record: held.record.seq === 0 ? undefined : held.record,
        async renew(now: number, leaseMs: number): Promise<boolean> {
          checkStoreLeaseTimes(now, leaseMs);
          if (!holds(held, token)) return false;
          held.until = now + leaseMs;
          return true;
        },
        async commit(change: PoaLedgerChange): Promise<boolean> {
          checkStoreChange(change);
          if (!holds(held, token)) return false;
          const seq = held.record.seq + 1;
          const mark: PoaLedgerMark = { at: change.at, seq };
          // An upload recorded while the lease was held comes after the change (its effect was visible).
          const uploaded = held.record.uploadSeq > claimed;
          held.record = {
            ...held.record,
            seq: uploaded ? seq + 1 : seq,
            status: change.status,
            round: change.round,
            appliedAt: change.at,
            appliedSeq: seq,
            lastApplied: { ...held.record.lastApplied, [change.status]: mark },
            ...(uploaded ? { uploadSeq: seq + 1 } : {}),
          };
          held.token = undefined;
          return true;
        },
        release(): Promise<void> {
          if (holds(held, token)) held.token = undefined;
          return Promise.resolve();
        },
      };
      return claim;
    },
    async recordUpload(externalUserId: string, at: number): Promise<void> {
      checkStoreUser(externalUserId);
      checkStoreTime('at', at);
      const entry = entries.get(externalUserId) ?? { record: EMPTY, token: undefined, until: 0 };
      const seq = entry.record.seq + 1;
      entry.record = { ...entry.record, seq, uploadSeq: seq, uploadAt: at };
      entries.set(externalUserId, entry);
    },
    async get(externalUserId: string): Promise<PoaLedgerRecord | undefined> {
      checkStoreUser(externalUserId);
      const record = entries.get(externalUserId)?.record;
      return record === undefined || record.seq === 0 ? undefined : record;
    },
  };
}
