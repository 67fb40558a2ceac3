/**
 * The one conformance suite every ledger store passes, against its real server. A store test file
 * calls `describeLedgerStore` with a factory that opens a fresh store on a fresh namespace (table,
 * key prefix) of the shared server; calling the factory's `reopen` gives a second, independent
 * store instance (another connection, as another process would have) on the same namespace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from '../../src/ledger.ts';

export interface StoreUnderTest {
  /** The store, on a namespace no other test uses. */
  readonly store: PoaLedgerStore;
  /** Another store instance on the same namespace, through its own connection. */
  readonly reopen: () => Promise<PoaLedgerStore>;
  /** Closes every connection the two opened. */
  readonly close: () => Promise<void>;
}

const T0 = 1_700_000_000_000;
let tokens = 0;
const lease = (now: number, leaseMs = 10_000): PoaLedgerLease => ({ token: `t-${++tokens}`, now, leaseMs, context: {} });

async function claimed(store: PoaLedgerStore, user: string, l: PoaLedgerLease): Promise<PoaLedgerClaim> {
  const claim = await store.claim(user, l);
  expect(claim, `claim of ${user}`).toBeDefined();
  return claim as PoaLedgerClaim;
}

/** Users whose ids a store must keep apart and give back as they are (quotes, key separators, Unicode, 256 code units). */
export const AWKWARD_USER_IDS = [
  "o'brien",
  'a:b:c',
  '{tag}',
  '%s%d',
  'user\\0',
  'space and\ttab',
  'ünï-çødé-😀',
  'x'.repeat(256),
  '😀'.repeat(128),
] as const;

export function describeLedgerStore(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`ledger store conformance: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: PoaLedgerStore;
    let n = 0;
    const user = (label: string) => `${label}-${++n}`;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close();
    });

    it('knows nothing of a new user', async () => {
      const u = user('new');
      expect(await store.get(u)).toBeUndefined();
      const claim = await claimed(store, u, lease(T0));
      expect(claim.record).toBeUndefined();
      await claim.release();
      expect(await store.get(u)).toBeUndefined(); // a lease alone is no record
    });

    it('commits a change: seq, status, round, marks; and releases the lease', async () => {
      const u = user('commit');
      const claim = await claimed(store, u, lease(T0));
      expect(await claim.commit({ status: 'WAITING', round: 1, at: T0 + 5 })).toBe(true);
      const expected = {
        seq: 1, status: 'WAITING', round: 1, appliedAt: T0 + 5, appliedSeq: 1,
        lastApplied: { WAITING: { at: T0 + 5, seq: 1 } }, uploadSeq: 0, uploadAt: 0,
      };
      expect(await store.get(u)).toEqual(expected);
      const next = await claimed(store, u, lease(T0 + 6)); // released by the commit
      expect(next.record).toEqual(expected);
      expect(await next.commit({ status: 'REJECTED', round: 1, at: T0 + 7 })).toBe(true);
      const third = await claimed(store, u, lease(T0 + 8));
      expect(await third.commit({ status: 'WAITING', round: 2, at: T0 + 9 })).toBe(true);
      expect(await store.get(u)).toEqual({
        seq: 3, status: 'WAITING', round: 2, appliedAt: T0 + 9, appliedSeq: 3,
        lastApplied: { WAITING: { at: T0 + 9, seq: 3 }, REJECTED: { at: T0 + 7, seq: 2 } },
        uploadSeq: 0, uploadAt: 0,
      });
    });

    it('keeps every status mark apart', async () => {
      const u = user('marks');
      let at = T0;
      for (const status of ['WAITING', 'QUESTIONED', 'WAITING', 'APPROVED'] as const) {
        const claim = await claimed(store, u, lease(++at));
        expect(await claim.commit({ status, round: 1, at })).toBe(true);
      }
      expect((await store.get(u))?.lastApplied).toEqual({
        WAITING: { at: T0 + 3, seq: 3 }, QUESTIONED: { at: T0 + 2, seq: 2 }, APPROVED: { at: T0 + 4, seq: 4 },
      });
    });

    it('refuses a second claim while the lease holds, and grants it once the lease expired', async () => {
      const u = user('lease');
      const first = await claimed(store, u, lease(T0, 1_000));
      expect(await store.claim(u, lease(T0 + 999))).toBeUndefined();
      const second = await claimed(store, u, lease(T0 + 1_000));
      // The first claim lost its lease: it can neither renew, nor commit, nor release the second's.
      expect(await first.renew(T0 + 1_001, 1_000)).toBe(false);
      expect(await first.commit({ status: 'APPROVED', round: 1, at: T0 + 1_001 })).toBe(false);
      await first.release();
      expect(await store.claim(u, lease(T0 + 1_002))).toBeUndefined();
      expect(await store.get(u)).toBeUndefined();
      expect(await second.commit({ status: 'WAITING', round: 1, at: T0 + 1_003 })).toBe(true);
      expect((await store.get(u))?.status).toBe('WAITING');
    });

    it('renews a lease: the renewed expiry counts', async () => {
      const u = user('renew');
      const claim = await claimed(store, u, lease(T0, 1_000));
      expect(await claim.renew(T0 + 900, 1_000)).toBe(true);
      expect(await store.claim(u, lease(T0 + 1_500))).toBeUndefined();
      expect(await store.claim(u, lease(T0 + 1_900))).toBeDefined();
    });

    it('frees the lease on release, and writes nothing', async () => {
      const u = user('release');
      const claim = await claimed(store, u, lease(T0));
      await claim.release();
      const again = await claimed(store, u, lease(T0 + 1));
      expect(again.record).toBeUndefined();
      await again.release();
      await again.release(); // twice is harmless
    });

    it('records uploads in the user order, without touching the lease', async () => {
      const u = user('upload');
      await store.recordUpload(u, T0);
      expect(await store.get(u)).toEqual({
        seq: 1, status: undefined, round: 0, appliedAt: 0, appliedSeq: 0, lastApplied: {}, uploadSeq: 1, uploadAt: T0,
      });
      const claim = await claimed(store, u, lease(T0 + 1));
      expect(claim.record?.uploadSeq).toBe(1);
      expect(await claim.commit({ status: 'WAITING', round: 1, at: T0 + 4 })).toBe(true);
      expect(await store.get(u)).toEqual({
        seq: 2, status: 'WAITING', round: 1, appliedAt: T0 + 4, appliedSeq: 2,
        lastApplied: { WAITING: { at: T0 + 4, seq: 2 } }, uploadSeq: 1, uploadAt: T0,
      });
      await store.recordUpload(u, T0 + 5);
      expect((await store.get(u))?.uploadSeq).toBe(3);
    });

    it('orders an upload recorded while the lease is held after the committed change', async () => {
      const u = user('upload-held');
      const first = await claimed(store, u, lease(T0));
      expect(await first.commit({ status: 'REJECTED', round: 1, at: T0 + 1 })).toBe(true);
      const claim = await claimed(store, u, lease(T0 + 2));
      // The user reacts to the handler's effect before the commit (the claim was taken at seq 1).
      await store.recordUpload(u, T0 + 3);
      expect(await store.claim(u, lease(T0 + 3))).toBeUndefined(); // the upload left the lease alone
      expect(await claim.commit({ status: 'WAITING', round: 2, at: T0 + 4 })).toBe(true);
      expect(await store.get(u)).toEqual({
        seq: 4, status: 'WAITING', round: 2, appliedAt: T0 + 4, appliedSeq: 3,
        lastApplied: { REJECTED: { at: T0 + 1, seq: 1 }, WAITING: { at: T0 + 4, seq: 3 } }, uploadSeq: 4, uploadAt: T0 + 3,
      });
      // Without an upload under the lease, the next commit takes seq + 1 and keeps the upload fields.
      const next = await claimed(store, u, lease(T0 + 5));
      expect(await next.commit({ status: 'APPROVED', round: 2, at: T0 + 6 })).toBe(true);
      expect(await store.get(u)).toMatchObject({ seq: 5, appliedSeq: 5, uploadSeq: 4, uploadAt: T0 + 3 });
      // A lost lease commits nothing, with or without an upload since its claim.
      const stale = await claimed(store, u, lease(T0 + 7, 1));
      await store.recordUpload(u, T0 + 7);
      const taker = await claimed(store, u, lease(T0 + 9));
      expect(await stale.commit({ status: 'WAITING', round: 3, at: T0 + 9 })).toBe(false);
      expect(await store.get(u)).toMatchObject({ seq: 6, appliedSeq: 5, uploadSeq: 6 });
      await taker.release();
    });

    it('refuses what it cannot keep exactly, as a TypeError, and writes nothing', async () => {
      const u = user('input');
      const held = await claimed(store, u, lease(T0));
      // A NaN or fractional time must never compare as "expired" and hand the held lease over.
      for (const bad of [lease(Number.NaN), lease(T0 + 0.5), lease(-1), lease(T0 + 20_000, 0.5), lease(T0 + 20_000, 0), { ...lease(T0 + 20_000), token: '' }]) {
        await expect(store.claim(u, bad), JSON.stringify(bad)).rejects.toThrow(TypeError);
      }
      for (const change of [
        { status: 'WAITING', round: 1.5, at: T0 }, { status: 'WAITING', round: 0, at: T0 }, { status: 'WAITING', round: 1, at: -1 },
        { status: 'WAITING', round: 1, at: Number.NaN }, { status: 'ARCHIVED', round: 1, at: T0 },
      ] as const) {
        await expect(held.commit(change as never), JSON.stringify(change)).rejects.toThrow(TypeError);
      }
      await expect(held.renew(Number.NaN, 10_000)).rejects.toThrow(TypeError);
      await expect(held.renew(T0, 0.5)).rejects.toThrow(TypeError);
      await expect(held.renew(T0, 0)).rejects.toThrow(TypeError); // as for a claim: a lease of no length
      await expect(store.recordUpload(u, T0 + 0.5)).rejects.toThrow(TypeError);
      await expect(store.recordUpload(u, Number.NaN)).rejects.toThrow(TypeError);
      await expect(store.recordUpload('', T0)).rejects.toThrow(TypeError);
      expect(await store.get(u)).toBeUndefined(); // nothing written
      expect(await store.claim(u, lease(T0 + 1))).toBeUndefined(); // still held
      expect(await held.commit({ status: 'WAITING', round: 1, at: T0 + 2 })).toBe(true);
      expect(await store.get(u)).toMatchObject({ seq: 1, status: 'WAITING', round: 1, appliedAt: T0 + 2 });
    });

    it('keeps ids that differ only in a lone surrogate apart, or refuses them as a TypeError', async () => {
      const base = user('surrogate');
      const ids = [`${base}\uD800`, `${base}\uDC00`, `${base}\uFFFD`];
      const results = await Promise.allSettled(ids.map((id) => store.recordUpload(id, T0)));
      for (const [i, result] of results.entries()) {
        if (result.status === 'rejected') expect(result.reason, ids[i]).toBeInstanceOf(TypeError);
      }
      // Every id that was accepted has exactly its own one upload.
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') expect((await store.get(ids[i] as string))?.uploadSeq, ids[i]).toBe(1);
      }
    });

    it('gives exactly one of many concurrent claims, across two store instances', async () => {
      const other = await subject.reopen();
      for (let round = 0; round < 5; round++) {
        const u = user('race');
        const claims = await Promise.all(
          Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? store : other).claim(u, lease(T0))),
        );
        expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
      }
    });

    it('loses no upload and no commit when they race', async () => {
      const other = await subject.reopen();
      const u = user('upload-race');
      const claim = await claimed(store, u, lease(T0));
      await Promise.all([
        claim.commit({ status: 'APPROVED', round: 1, at: T0 + 1 }),
        ...Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : other).recordUpload(u, T0 + 2)),
      ]);
      const record = await store.get(u);
      // Uploads recorded before the commit (under the lease) are ordered after it, at one number more.
      expect(record?.seq).toBe((record?.appliedSeq ?? 0) > 1 ? 10 : 9);
      expect(record?.status).toBe('APPROVED');
      expect(record?.appliedSeq).toBeGreaterThanOrEqual(1);
      expect(record?.uploadSeq).toBe(record?.seq);
      expect(record?.lastApplied.APPROVED?.seq).toBe(record?.appliedSeq);
    });

    it('shares records and leases with another instance on the same namespace', async () => {
      const u = user('shared');
      const claim = await claimed(store, u, lease(T0));
      const other = await subject.reopen();
      expect(await other.claim(u, lease(T0 + 1))).toBeUndefined();
      expect(await claim.commit({ status: 'QUESTIONED', round: 1, at: T0 + 2 })).toBe(true);
      expect((await other.get(u))?.status).toBe('QUESTIONED');
    });

    it('keeps awkward user ids apart and intact', async () => {
      for (const [i, id] of AWKWARD_USER_IDS.entries()) {
        const claim = await claimed(store, id, lease(T0 + i));
        expect(await claim.commit({ status: 'APPROVED', round: i + 1, at: T0 + i })).toBe(true);
      }
      for (const [i, id] of AWKWARD_USER_IDS.entries()) expect((await store.get(id))?.round).toBe(i + 1);
      expect(await store.get('x'.repeat(255))).toBeUndefined();
    });

    it('keeps users apart: one user\'s lease holds nobody else', async () => {
      const a = user('apart');
      const b = user('apart');
      const claim = await claimed(store, a, lease(T0));
      const other = await claimed(store, b, lease(T0));
      expect(await other.commit({ status: 'WAITING', round: 1, at: T0 })).toBe(true);
      expect(await store.get(a)).toBeUndefined();
      await claim.release();
    });
  });
}
