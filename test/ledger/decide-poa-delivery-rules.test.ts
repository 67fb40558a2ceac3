/**
 * The pure decision against DELIVERY-GUARANTEES.md's six rules, on every combination of the user's
 * state, the delivered status, where the last upload sits in the user's order, and the ages of the
 * delivered status's last application and of the current status (< H, exactly H, > H).
 *
 * The expectations come from `expected` below, written from the rules' text over the scenario's own
 * description (not over a record), and from hand-checked rows; the function under test never
 * computes an expectation. Records are built by `recordOf`, a plain fold over a history of
 * applications and uploads (each step takes the next number of the user's order).
 */
import { describe, expect, it } from 'vitest';
import { decidePoaDelivery, type PoaDecision, type PoaLedgerRecord } from '../../src/ledger.ts';
import type { PoaVerificationStatus } from '../../src/index.ts';

const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'] as const satisfies readonly PoaVerificationStatus[];
const H = 600_000;
const NOW = 1_700_000_000_000;

type Step = { readonly apply: PoaVerificationStatus; readonly at: number; readonly round: number } | { readonly upload: number };

/** The record a store holds after these steps, in this order. */
function recordOf(steps: readonly Step[]): PoaLedgerRecord | undefined {
  let record: PoaLedgerRecord = { seq: 0, status: undefined, round: 0, appliedAt: 0, appliedSeq: 0, lastApplied: {}, uploadSeq: 0, uploadAt: 0 };
  for (const step of steps) {
    const seq = record.seq + 1;
    record =
      'upload' in step
        ? { ...record, seq, uploadSeq: seq, uploadAt: step.upload }
        : {
            ...record,
            seq,
            status: step.apply,
            round: step.round,
            appliedAt: step.at,
            appliedSeq: seq,
            lastApplied: { ...record.lastApplied, [step.apply]: { at: step.at, seq } },
          };
  }
  return record.seq === 0 ? undefined : record;
}

type Age = '<H' | '=H' | '>H';
const AGES: readonly Age[] = ['<H', '=H', '>H'];
const ageMs = (age: Age): number => (age === '<H' ? H - 1 : age === '=H' ? H : H + 1);

/** Where the last upload sits in the user's order. */
type Upload = 'none' | 'before-delivered' | 'between' | 'since-current';

type Scenario =
  | { readonly state: 'none'; readonly delivered: PoaVerificationStatus }
  | { readonly state: 'upload-only'; readonly delivered: PoaVerificationStatus }
  | {
      readonly state: 'current';
      readonly current: PoaVerificationStatus;
      readonly delivered: PoaVerificationStatus;
      /** Whether the delivered status was applied before the current one (always false when it is the current one). */
      readonly deliveredBefore: boolean;
      /** `before-delivered`: before the delivered status's earlier application, or before the current one when there is none. */
      readonly upload: Upload;
      /** Age of the delivered status's earlier application (when there is one). */
      readonly deliveredAge: Age;
      readonly currentAge: Age;
    };

const CURRENT_ROUND = 3;

function historyOf(s: Scenario): Step[] {
  if (s.state === 'none') return [];
  if (s.state === 'upload-only') return [{ upload: NOW - 5_000 }];
  const currentAt = NOW - ageMs(s.currentAge);
  const steps: Step[] = [];
  // Uploads share the millisecond of the step they follow or precede: only the order may decide.
  if (s.deliveredBefore) {
    const deliveredAt = NOW - ageMs(s.deliveredAge);
    if (s.upload === 'before-delivered') steps.push({ upload: deliveredAt });
    steps.push({ apply: s.delivered, at: deliveredAt, round: CURRENT_ROUND - 1 });
    if (s.upload === 'between') steps.push({ upload: currentAt });
  } else if (s.upload === 'before-delivered') {
    steps.push({ upload: currentAt });
  }
  steps.push({ apply: s.current, at: currentAt, round: CURRENT_ROUND });
  if (s.upload === 'since-current') steps.push({ upload: currentAt });
  return steps;
}

/** The six rules of DELIVERY-GUARANTEES.md, read plainly, over the scenario's description. */
function expected(s: Scenario): { decision: PoaDecision; round: number } {
  // 1. No state yet (no status applied): applied, whatever the status; the first round.
  if (s.state !== 'current') return { decision: 'applied', round: 1 };
  const round = CURRENT_ROUND;
  const uploadSinceCurrent = s.upload === 'since-current';
  // 2. The current status again, no upload since it was applied: duplicate (at any age).
  if (s.delivered === s.current && !uploadSinceCurrent) return { decision: 'duplicate', round };
  // 3. Applied less than H ago in any round: stale, unless it is a WAITING with an upload since that WAITING.
  const lastAge = s.delivered === s.current ? s.currentAge : s.deliveredBefore ? s.deliveredAge : undefined;
  const uploadSinceDelivered = s.delivered === s.current ? uploadSinceCurrent : s.deliveredBefore && (s.upload === 'between' || s.upload === 'since-current');
  if (lastAge === '<H' && !(s.delivered === 'WAITING' && uploadSinceDelivered)) return { decision: 'stale', round };
  // 4. From WAITING: applied; a WAITING after a recorded upload starts a new round.
  if (s.current === 'WAITING') return { decision: 'applied', round: s.delivered === 'WAITING' && uploadSinceCurrent ? round + 1 : round };
  // 5. From REJECTED or QUESTIONED: an upload since → new round; else stale within H, new round after.
  if (s.current === 'REJECTED' || s.current === 'QUESTIONED') {
    if (uploadSinceCurrent) return { decision: 'applied', round: round + 1 };
    return s.currentAge === '<H' ? { decision: 'stale', round } : { decision: 'applied', round: round + 1 };
  }
  // 6. From APPROVED: an upload since → new round; else stale within H, anomaly after.
  if (uploadSinceCurrent) return { decision: 'applied', round: round + 1 };
  return s.currentAge === '<H' ? { decision: 'stale', round } : { decision: 'anomaly', round };
}

function allScenarios(): Scenario[] {
  const all: Scenario[] = [];
  for (const delivered of STATUSES) all.push({ state: 'none', delivered }, { state: 'upload-only', delivered });
  for (const current of STATUSES) {
    for (const delivered of STATUSES) {
      for (const deliveredBefore of delivered === current ? [false] : [false, true]) {
        const uploads: readonly Upload[] = deliveredBefore ? ['none', 'before-delivered', 'between', 'since-current'] : ['none', 'before-delivered', 'since-current'];
        for (const upload of uploads) {
          for (const currentAge of AGES) {
            for (const deliveredAge of deliveredBefore ? AGES : (['<H'] as const)) {
              all.push({ state: 'current', current, delivered, deliveredBefore, upload, deliveredAge, currentAge });
            }
          }
        }
      }
    }
  }
  return all;
}

const describeScenario = (s: Scenario): string =>
  s.state !== 'current'
    ? `${s.state}, ${s.delivered}`
    : `current ${s.current} (${s.currentAge}), delivered ${s.delivered}${s.deliveredBefore ? ` (applied before, ${s.deliveredAge})` : s.delivered === s.current ? '' : ' (never applied)'}, upload ${s.upload}`;

describe('decidePoaDelivery: every combination against the rules', () => {
  const scenarios = allScenarios();

  it('should cover every state, status, upload position and age', () => {
    // 4 + 4 (no status) + 4 × (3 uploads × 3 ages) for the current status again
    // + 12 other pairs × (3 × 3 never applied + 4 uploads × 3 × 3 ages applied before)
    expect(scenarios).toHaveLength(8 + 4 * 9 + 12 * (9 + 36));
    const decisions = new Set(scenarios.map((s) => expected(s).decision));
    expect([...decisions].sort()).toEqual(['anomaly', 'applied', 'duplicate', 'stale']);
  });

  it.each(scenarios.map((s) => ({ name: describeScenario(s), s })))('$name', ({ s }) => {
    expect(decidePoaDelivery(recordOf(historyOf(s)), s.delivered, NOW, H)).toEqual(expected(s));
  });

  it('should decide the same at another horizon and clock (nothing depends on the defaults)', () => {
    for (const s of scenarios) {
      const shift = 12_345;
      const steps = historyOf(s).map((step): Step => ('upload' in step ? { upload: step.upload + shift } : { ...step, at: step.at + shift }));
      expect(decidePoaDelivery(recordOf(steps), s.delivered, NOW + shift, H), describeScenario(s)).toEqual(expected(s));
    }
  });
});

interface Row {
  readonly description: string;
  readonly history: readonly Step[];
  readonly delivered: PoaVerificationStatus;
  readonly at: number;
  readonly decision: PoaDecision;
  readonly round: number;
}

const s = (seconds: number): number => NOW + seconds * 1_000;

/** Checked by hand against the rules, one at a time. */
const ROWS: readonly Row[] = [
  { description: 'a first APPROVED with nothing recorded is applied in round 1', history: [], delivered: 'APPROVED', at: s(0), decision: 'applied', round: 1 },
  { description: 'a first WAITING after only an upload is applied in round 1', history: [{ upload: s(0) }], delivered: 'WAITING', at: s(1), decision: 'applied', round: 1 },
  {
    description: 'APPROVED again a day later without an upload is still a duplicate',
    history: [{ apply: 'APPROVED', at: s(0), round: 1 }],
    delivered: 'APPROVED',
    at: s(86_400),
    decision: 'duplicate',
    round: 1,
  },
  {
    description: 'WAITING then APPROVED one second later is applied in the same round',
    history: [{ apply: 'WAITING', at: s(0), round: 1 }],
    delivered: 'APPROVED',
    at: s(1),
    decision: 'applied',
    round: 1,
  },
  {
    description: 'a retry of WAITING after APPROVED within H is stale',
    history: [{ apply: 'WAITING', at: s(0), round: 1 }, { apply: 'APPROVED', at: s(30), round: 1 }],
    delivered: 'WAITING',
    at: s(64),
    decision: 'stale',
    round: 1,
  },
  {
    description: "the new round's WAITING after REJECTED and an upload, within H of the first WAITING, is applied in round 2",
    history: [{ apply: 'WAITING', at: s(0), round: 1 }, { apply: 'REJECTED', at: s(10), round: 1 }, { upload: s(20) }],
    delivered: 'WAITING',
    at: s(21),
    decision: 'applied',
    round: 2,
  },
  {
    description: 'an upload in the same millisecond as the REJECTED it follows still counts as since it',
    history: [{ apply: 'REJECTED', at: s(10), round: 1 }, { upload: s(10) }],
    delivered: 'WAITING',
    at: s(10),
    decision: 'applied',
    round: 2,
  },
  {
    description: 'an upload in the same millisecond as the REJECTED it precedes does not count as since it',
    history: [{ upload: s(10) }, { apply: 'REJECTED', at: s(10), round: 1 }],
    delivered: 'WAITING',
    at: s(10),
    decision: 'stale',
    round: 1,
  },
  {
    description: 'a QUESTIONED after an upload whose WAITING was lost is applied in a new round',
    history: [{ apply: 'REJECTED', at: s(0), round: 1 }, { upload: s(5) }],
    delivered: 'QUESTIONED',
    at: s(40),
    decision: 'applied',
    round: 2,
  },
  {
    description: 'REJECTED then QUESTIONED without an upload, after H, is a new round (it can no longer be a retry)',
    history: [{ apply: 'REJECTED', at: s(0), round: 1 }],
    delivered: 'QUESTIONED',
    at: s(600),
    decision: 'applied',
    round: 2,
  },
  {
    description: 'REJECTED then QUESTIONED without an upload, 1 ms before H, is stale',
    history: [{ apply: 'REJECTED', at: s(0), round: 1 }],
    delivered: 'QUESTIONED',
    at: s(600) - 1,
    decision: 'stale',
    round: 1,
  },
  {
    description: 'the residual ambiguity: a genuine second REJECTED within H of the first, in a new round, is stale (documented)',
    history: [{ apply: 'WAITING', at: s(0), round: 1 }, { apply: 'REJECTED', at: s(10), round: 1 }, { upload: s(20) }, { apply: 'WAITING', at: s(30), round: 2 }],
    delivered: 'REJECTED',
    at: s(40),
    decision: 'stale',
    round: 2,
  },
  {
    description: 'APPROVED then WAITING after an upload is a new round',
    history: [{ apply: 'APPROVED', at: s(0), round: 1 }, { upload: s(5) }],
    delivered: 'WAITING',
    at: s(6),
    decision: 'applied',
    round: 2,
  },
  // The examples of DELIVERY-GUARANTEES.md
  {
    description: 'guarantees: the late WAITING retry (t = 120) after the REJECTED applied at t = 86 is stale',
    history: [{ apply: 'REJECTED', at: s(86), round: 1 }],
    delivered: 'WAITING',
    at: s(120),
    decision: 'stale',
    round: 1,
  },
  {
    description: "guarantees: a late QUESTIONED retry after the new round's WAITING is stale",
    history: [{ apply: 'WAITING', at: s(0), round: 1 }, { apply: 'QUESTIONED', at: s(10), round: 1 }, { upload: s(20) }, { apply: 'WAITING', at: s(30), round: 2 }],
    delivered: 'QUESTIONED',
    at: s(74),
    decision: 'stale',
    round: 2,
  },
  {
    description: 'guarantees: a retry from two rounds back is stale',
    history: [
      { apply: 'WAITING', at: s(0), round: 1 },
      { apply: 'REJECTED', at: s(5), round: 1 },
      { upload: s(6) },
      { apply: 'WAITING', at: s(7), round: 2 },
      { apply: 'QUESTIONED', at: s(8), round: 2 },
      { upload: s(9) },
      { apply: 'WAITING', at: s(10), round: 3 },
    ],
    delivered: 'REJECTED',
    at: s(69),
    decision: 'stale',
    round: 3,
  },
  {
    description: 'guarantees: APPROVED then REJECTED after H without an upload is an anomaly',
    history: [{ apply: 'WAITING', at: s(0), round: 1 }, { apply: 'APPROVED', at: s(10), round: 1 }],
    delivered: 'REJECTED',
    at: s(610),
    decision: 'anomaly',
    round: 1,
  },
  {
    description: 'APPROVED then REJECTED within H without an upload is stale',
    history: [{ apply: 'WAITING', at: s(0), round: 1 }, { apply: 'APPROVED', at: s(10), round: 1 }],
    delivered: 'REJECTED',
    at: s(609),
    decision: 'stale',
    round: 1,
  },
];

describe('decidePoaDelivery: hand-checked rows', () => {
  it.each(ROWS)('$description', (row) => {
    expect(decidePoaDelivery(recordOf(row.history), row.delivered, row.at, H)).toEqual({ decision: row.decision, round: row.round });
  });
});

describe("decidePoaDelivery: DELIVERY-GUARANTEES.md's reordering example, delivery by delivery", () => {
  /** Runs arrivals through the decision, committing only what is applied (as the ledger does). */
  function run(arrivals: readonly (readonly [PoaVerificationStatus | 'upload', number])[]): string[] {
    const steps: Step[] = [];
    const log: string[] = [];
    for (const [what, at] of arrivals) {
      if (what === 'upload') {
        steps.push({ upload: at });
        continue;
      }
      const { decision, round } = decidePoaDelivery(recordOf(steps), what, at, H);
      if (decision === 'applied') steps.push({ apply: what, at, round });
      log.push(`${what}:${decision}:${round}`);
    }
    return log;
  }

  it('should apply REJECTED (t = 86) and call the late WAITING (t = 120) stale, where "last applied status" regresses', () => {
    // WAITING fails at 0, 8, 24, 56; REJECTED (reviewed at 30) fails at 30, 38, 54: nothing recorded.
    expect(run([['REJECTED', s(86)], ['WAITING', s(120)]])).toEqual(['REJECTED:applied:1', 'WAITING:stale:1']);
  });

  it("should keep a new round's WAITING when the previous round's QUESTIONED is retried late", () => {
    expect(
      run([
        ['WAITING', s(0)],
        ['QUESTIONED', s(10)],
        ['upload', s(20)],
        ['WAITING', s(30)],
        ['QUESTIONED', s(74)], // P100 still retrying the QUESTIONED of t = 10
        ['APPROVED', s(100)],
      ]),
    ).toEqual(['WAITING:applied:1', 'QUESTIONED:applied:1', 'WAITING:applied:2', 'QUESTIONED:stale:2', 'APPROVED:applied:2']);
  });
});
