/**
 * The ledger's decision on every combination of (state, delivered status, upload, ages), against
 * an oracle written as the guarantees page states the rules — per current status, in prose order —
 * and a list of rows checked by hand, including the page's own examples.
 */
import { describe, expect, it } from 'vitest';
import { POA_VERIFICATION_STATUSES, type PoaVerificationStatus } from '../../src/index.ts';
import { decidePoaDelivery, type PoaDecision, type PoaLedgerRecord } from '../../src/ledger.ts';

const H = 600_000;
const NOW = 10_000_000;
type Upload = 'none' | 'before-earlier' | 'between' | 'since-current';
type Age = 'fresh' | 'exactly-H' | 'old';
const AGES: Record<Age, number> = { fresh: 1_000, 'exactly-H': H, old: H + 1 };

interface Case {
  readonly current: PoaVerificationStatus | 'none' | 'upload-only';
  readonly delivered: PoaVerificationStatus;
  readonly upload: Upload;
  /** Age of the delivered status's earlier application (when it was applied before), and of the current status. */
  readonly earlierAge: Age | 'never';
  readonly currentAge: Age;
}

/**
 * Builds the user's record: an earlier application of `delivered` (unless never, or it is the
 * current status), the current status, and an upload placed as asked, in the user's order.
 */
function recordOf(c: Case): PoaLedgerRecord | undefined {
  if (c.current === 'none') return undefined;
  if (c.current === 'upload-only') return { seq: 1, status: undefined, round: 0, appliedAt: 0, appliedSeq: 0, lastApplied: {}, uploadSeq: 1, uploadAt: NOW - 5 };
  let seq = 0;
  const lastApplied: { [S in PoaVerificationStatus]?: { at: number; seq: number } } = {};
  let uploadSeq = 0;
  if (c.upload === 'before-earlier') uploadSeq = ++seq;
  const earlierSeparate = c.earlierAge !== 'never' && c.delivered !== c.current;
  if (earlierSeparate) lastApplied[c.delivered] = { at: NOW - AGES[c.earlierAge as Age], seq: ++seq };
  if (c.upload === 'between') uploadSeq = ++seq;
  const currentAt = NOW - AGES[c.currentAge];
  const appliedSeq = ++seq;
  lastApplied[c.current] = { at: currentAt, seq: appliedSeq };
  if (c.upload === 'since-current') uploadSeq = ++seq;
  return { seq, status: c.current, round: 3, appliedAt: currentAt, appliedSeq, lastApplied, uploadSeq, uploadAt: uploadSeq === 0 ? 0 : NOW - 10 };
}

/** The rules as DELIVERY-GUARANTEES.md words them, one current status at a time. */
function oracle(c: Case, r: PoaLedgerRecord | undefined): { decision: PoaDecision; round: number } {
  if (r === undefined || r.status === undefined) return { decision: 'applied', round: (r?.round ?? 0) + 1 };
  const within = (at: number) => NOW - at < H;
  const uploadSinceCurrent = c.upload === 'since-current';
  // Rule 2.
  if (c.delivered === r.status && !uploadSinceCurrent) return { decision: 'duplicate', round: 3 };
  // Rule 3: the delivered status applied less than H ago (as the current one, or earlier).
  const earlier = r.lastApplied[c.delivered];
  if (earlier !== undefined && within(earlier.at)) {
    const newRoundsWaiting = c.delivered === 'WAITING' && r.uploadSeq > earlier.seq;
    if (!newRoundsWaiting) return { decision: 'stale', round: 3 };
  }
  switch (r.status) {
    case 'WAITING': // Rule 4.
      return { decision: 'applied', round: c.delivered === 'WAITING' ? 4 : 3 };
    case 'REJECTED':
    case 'QUESTIONED': // Rule 5.
      if (uploadSinceCurrent) return { decision: 'applied', round: 4 };
      return within(r.appliedAt) ? { decision: 'stale', round: 3 } : { decision: 'applied', round: 4 };
    case 'APPROVED': // Rule 6.
      if (uploadSinceCurrent) return { decision: 'applied', round: 4 };
      return within(r.appliedAt) ? { decision: 'stale', round: 3 } : { decision: 'anomaly', round: 3 };
  }
}

const CASES: Case[] = [];
for (const current of ['none', 'upload-only', ...POA_VERIFICATION_STATUSES] as const)
  for (const delivered of POA_VERIFICATION_STATUSES)
    for (const upload of ['none', 'before-earlier', 'between', 'since-current'] as const)
      for (const earlierAge of ['never', 'fresh', 'exactly-H', 'old'] as const)
        for (const currentAge of ['fresh', 'exactly-H', 'old'] as const) CASES.push({ current, delivered, upload, earlierAge, currentAge });

describe('decidePoaDelivery', () => {
  it(`agrees with the rules on all ${CASES.length} combinations`, () => {
    const wrong = CASES.flatMap((c) => {
      const record = recordOf(c);
      const got = decidePoaDelivery(record, c.delivered, NOW, H);
      const want = oracle(c, record);
      return got.decision === want.decision && got.round === want.round ? [] : [{ ...c, got, want }];
    });
    expect(wrong).toEqual([]);
    const reached = new Set(CASES.map((c) => decidePoaDelivery(recordOf(c), c.delivered, NOW, H).decision));
    expect([...reached].sort()).toEqual(['anomaly', 'applied', 'duplicate', 'stale']); // every decision is reached
  });

  const T = (current: PoaVerificationStatus, at: number, extra: Partial<PoaLedgerRecord> = {}): PoaLedgerRecord => ({
    seq: 1, status: current, round: 1, appliedAt: at, appliedSeq: 1, lastApplied: { [current]: { at, seq: 1 } }, uploadSeq: 0, uploadAt: 0, ...extra,
  });
  it.each([
    ['the first delivery of a user', undefined, 'QUESTIONED', 0, 'applied', 1],
    ['the current status again', T('APPROVED', 0), 'APPROVED', 5 * H, 'duplicate', 1],
    ['from WAITING, the review', T('WAITING', 0), 'REJECTED', 1_000, 'applied', 1],
    // The page's example: REJECTED applied at 86 s; the WAITING tried since 0 s gets through at 120 s.
    ['a late WAITING retry after REJECTED', T('REJECTED', 86_000), 'WAITING', 120_000, 'stale', 1],
    ['after REJECTED, past H, no upload: a new round', T('REJECTED', 0), 'WAITING', H, 'applied', 2],
    ['after APPROVED, past H, no upload: an anomaly', T('APPROVED', 0), 'REJECTED', H + 1, 'anomaly', 1],
    ['after APPROVED, with an upload: a new round', T('APPROVED', 0, { seq: 2, uploadSeq: 2 }), 'WAITING', 1, 'applied', 2],
    // A late QUESTIONED retry after the new round's WAITING (QUESTIONED at 10 s, upload, WAITING at 20 s).
    [
      'a late QUESTIONED retry after the new round began',
      { seq: 3, status: 'WAITING', round: 2, appliedAt: 20_000, appliedSeq: 3, lastApplied: { QUESTIONED: { at: 10_000, seq: 1 }, WAITING: { at: 20_000, seq: 3 } }, uploadSeq: 2, uploadAt: 15_000 },
      'QUESTIONED', 30_000, 'stale', 2,
    ],
    // Two rounds back: REJECTED (r1), upload, WAITING, QUESTIONED (r2), upload, WAITING (r3); r1's REJECTED retried.
    [
      'a retry from two rounds back',
      { seq: 6, status: 'WAITING', round: 3, appliedAt: 50_000, appliedSeq: 6, lastApplied: { REJECTED: { at: 10_000, seq: 1 }, QUESTIONED: { at: 40_000, seq: 4 }, WAITING: { at: 50_000, seq: 6 } }, uploadSeq: 5, uploadAt: 45_000 },
      'REJECTED', 60_000, 'stale', 3,
    ],
    ['a new round\'s WAITING after an upload, a WAITING applied < H ago', T('QUESTIONED', 10_000, { seq: 3, appliedSeq: 2, lastApplied: { WAITING: { at: 5_000, seq: 1 }, QUESTIONED: { at: 10_000, seq: 2 } }, uploadSeq: 3 }), 'WAITING', 20_000, 'applied', 2],
  ] as const)('%s', (_, record, status, now, decision, round) => {
    expect(decidePoaDelivery(record as PoaLedgerRecord | undefined, status, now, H)).toEqual({ decision, round });
  });
});
