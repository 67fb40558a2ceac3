/**
 * The checker on hand-written histories: each defect it guards against, and the cases it must
 * accept (superseded events, give-ups, kill repeats outside the store).
 */
import { describe, expect, it } from 'vitest';
import type { PoaVerificationStatus } from '../../src/index.ts';
import { checkSimulation, type CheckInput, type ViolationKind } from './check-simulation.ts';
import type { Attempt, DecisionRecord, Delivery, EffectRecord, TrueEvent } from './sim-records.ts';

const H = 3_000;
type S = PoaVerificationStatus;

/** The DELIVERY-GUARANTEES example (scaled): WAITING fails until 120, REJECTED emitted at 30 gets through at 86. */
const WR: readonly [S, number][] = [['WAITING', 0], ['REJECTED', 30]];

function event(index: number, status: S, round: number, at: number): TrueEvent {
  return { id: `u#${index}`, user: 'u', index, status, round, emittedAt: at, availableAt: at };
}
function attempt(ev: TrueEvent, n: number, at: number, result: number | string, killed = false): Attempt {
  return { id: `${ev.id}/${n}`, event: ev.id, n, fault: undefined, pid: 1, startedAt: at, endedAt: at + 1, result, code: undefined, inKilledProcess: killed };
}
function effect(ev: TrueEvent, n: number, at: number): EffectRecord {
  return { user: 'u', status: ev.status, event: ev.id, attempt: `${ev.id}/${n}`, at, pid: 1 };
}
function decision(ev: TrueEvent, n: number, at: number, d: DecisionRecord['decision'], round = ev.round): DecisionRecord {
  return { receiptId: `r-${ev.id}/${n}-${d}`, user: 'u', status: ev.status, decision: d, round, event: ev.id, attempt: `${ev.id}/${n}`, at, pid: 1 };
}

interface Story {
  truth: TrueEvent[];
  deliveries: Delivery[];
  decisions: DecisionRecord[];
  effects: EffectRecord[];
}

/** W at 0 failing until 120, R at 30 failing until 86: `apply` says what the receivers did. */
function example(apply: (w: TrueEvent, r: TrueEvent, story: Story) => void): Story {
  const [w, r] = WR.map(([status, at], i) => event(i, status, 1, at)) as [TrueEvent, TrueEvent];
  const story: Story = {
    truth: [w, r],
    deliveries: [
      { event: w, attempts: [0, 8, 24, 56].map((t, i) => attempt(w, i + 1, t, 500)).concat(attempt(w, 5, 120, 200)), okAt: 121, givenUpAt: undefined },
      { event: r, attempts: [30, 38, 54].map((t, i) => attempt(r, i + 1, t, 500)).concat(attempt(r, 4, 86, 200)), okAt: 87, givenUpAt: undefined },
    ],
    decisions: [],
    effects: [],
  };
  apply(w, r, story);
  return story;
}

const input = (story: Story, over: Partial<CheckInput> = {}): CheckInput => ({
  ...story, faults: [], effectsInStoreTransaction: true, retryHorizonMs: H, residualAllowed: false, ...over,
});
const kinds = (story: Story, over?: Partial<CheckInput>): ViolationKind[] => checkSimulation(input(story, over)).violations.map((v) => v.kind);

describe('checkSimulation', () => {
  it.each([
    {
      name: 'the ledger: REJECTED applied at 86, the late WAITING decided stale',
      story: example((w, r, s) => {
        s.effects.push(effect(r, 4, 86));
        s.decisions.push(decision(r, 4, 86, 'applied'), decision(w, 5, 120, 'stale'));
      }),
      expected: [],
    },
    {
      name: 'the old recipe: the late WAITING applied over REJECTED',
      story: example((w, r, s) => {
        s.effects.push(effect(r, 4, 86), effect(w, 5, 120));
        s.decisions.push(decision(r, 4, 86, 'applied'), decision(w, 5, 120, 'applied', 2));
      }),
      expected: ['out-of-order', 'final-status'],
    },
    {
      name: 'REJECTED answered 200 but decided duplicate: lost',
      story: example((w, r, s) => {
        s.effects.push(effect(w, 5, 120));
        s.decisions.push(decision(r, 4, 86, 'duplicate'), decision(w, 5, 120, 'applied'));
      }),
      expected: ['lost', 'final-status'],
    },
    {
      name: 'WAITING decided stale before anything superseded it',
      story: example((w, r, s) => {
        s.effects.push(effect(r, 4, 86));
        s.decisions.push(decision(w, 1, 0, 'stale'), decision(r, 4, 86, 'applied'));
      }),
      expected: ['lost'],
    },
    {
      name: 'an applied decision whose effect never ran',
      story: example((w, r, s) => {
        s.effects.push(effect(r, 4, 86));
        s.decisions.push(decision(r, 4, 86, 'applied'), decision(w, 5, 120, 'applied'));
      }),
      expected: ['applied-without-effect'],
    },
    {
      name: 'a dropped connection whose retry ran the effect again',
      story: example((w, r, s) => {
        s.effects.push(effect(r, 3, 54), effect(r, 4, 86));
        s.decisions.push(decision(r, 3, 54, 'applied'), decision(r, 4, 86, 'applied'), decision(w, 5, 120, 'stale'));
      }),
      expected: ['round-repeat', 'applied-twice', 'out-of-order'],
    },
    {
      name: 'nothing applied although both got their 2xx',
      story: example((w, r, s) => {
        s.decisions.push(decision(w, 5, 120, 'stale'), decision(r, 4, 86, 'stale'));
      }),
      expected: ['lost', 'lost', 'final-status'],
    },
  ])('should find $expected for $name', ({ story, expected }) => {
    expect(kinds(story)).toEqual(expected);
  });

  it('should report a given-up event instead of calling it lost', () => {
    const story = example((w, r, s) => {
      const given = s.deliveries[1] as Delivery;
      given.okAt = undefined;
      given.givenUpAt = 200;
      s.effects.push(effect(w, 5, 120));
      s.decisions.push(decision(w, 5, 120, 'applied'));
    });
    const result = checkSimulation(input(story));
    expect(result.violations).toEqual([]);
    expect(result.givenUp).toEqual([{ event: 'u#1', status: 'REJECTED', applied: false }]);
  });

  it('should count an effect repeated after a SIGKILL apart outside the store, and call it a violation inside', () => {
    const story = example((w, r, s) => {
      ((s.deliveries[1] as Delivery).attempts[2] as Attempt).inKilledProcess = true;
      s.effects.push(effect(r, 3, 54), effect(r, 4, 86));
      s.decisions.push(decision(r, 4, 86, 'applied'), decision(w, 5, 120, 'stale'));
    });
    const outside = checkSimulation(input(story, { effectsInStoreTransaction: false }));
    expect(outside.violations).toEqual([]);
    expect(outside.killRepeats.map((e) => e.attempt)).toEqual(['u#1/3']);
    expect(kinds(story, { effectsInStoreTransaction: true })).toEqual(['applied-twice', 'out-of-order']);
  });

  /**
   * WAITING at 0 (its attempt committed, then its process was SIGKILLed before the 200), QUESTIONED at
   * 10 applied, the partner's upload at 35, the new round's WAITING emitted at 50 and APPROVED at 60.
   * P100's retry of the first WAITING reaches a receiver at `retryAt`. `ownEffect`: the new round's
   * WAITING runs its own effect too (a true double application).
   */
  function lateRetryAfterUpload(retryAt: number, ownEffect = false): Story {
    const w1 = event(0, 'WAITING', 1, 0);
    const q = event(1, 'QUESTIONED', 1, 10);
    const w2 = { ...event(2, 'WAITING', 2, 50), availableAt: 35 };
    const a = event(3, 'APPROVED', 2, 60);
    const once = (e: TrueEvent) => ({ event: e, attempts: [attempt(e, 1, e.emittedAt, 200)], okAt: e.emittedAt + 1, givenUpAt: undefined });
    return {
      truth: [w1, q, w2, a],
      deliveries: [
        { event: w1, attempts: [attempt(w1, 1, 0, 'ECONNRESET', true), attempt(w1, 2, retryAt, 200)], okAt: retryAt + 1, givenUpAt: undefined },
        once(q), once(w2), once(a),
      ],
      effects: [effect(w1, 1, 0), effect(q, 1, 10), effect(w1, 2, retryAt), ...(ownEffect ? [effect(w2, 1, 50)] : []), effect(a, 1, 60)].sort((x, y) => x.at - y.at),
      decisions: [
        decision(q, 1, 10, 'applied'),
        decision(w1, 2, retryAt, 'applied', 2),
        decision(w2, 1, 50, ownEffect ? 'applied' : 'duplicate'),
        decision(a, 1, 60, 'applied'),
      ],
    };
  }

  it("should count a late retry applied after the upload as a stand-in for the new round's same status", () => {
    const result = checkSimulation(input(lateRetryAfterUpload(40)));
    expect(result.violations).toEqual([]);
    expect(result.standIns).toBe(1);
  });

  it('should still fail a late retry applied before the upload, or when the new round ran its own effect too', () => {
    expect(kinds(lateRetryAfterUpload(30))).toEqual(['applied-twice', 'out-of-order', 'residual']);
    expect(kinds(lateRetryAfterUpload(40, true))).toEqual(['round-repeat', 'applied-twice', 'out-of-order']);
    expect(checkSimulation(input(lateRetryAfterUpload(40, true))).standIns).toBe(0);
  });

  /**
   * Outside the store: WAITING at 0 applied, REJECTED at 30 whose first attempt's process was
   * SIGKILLed after its effect; then P100's retries: decided `duplicate` at 38 (the killed attempt
   * had committed), or applied at 38 and a duplicate at 54 (it had not), or killed again at 38
   * after its effect and a duplicate at 54 (the second one had committed).
   */
  function killedThen(retry: 'duplicate' | 'applied-then-duplicate' | 'killed-again-then-duplicate'): Story {
    const w = event(0, 'WAITING', 1, 0);
    const r = event(1, 'REJECTED', 1, 30);
    const attempts = [attempt(r, 1, 30, 'ECONNRESET', true), attempt(r, 2, 38, retry === 'duplicate' ? 200 : 'ECONNRESET', retry === 'killed-again-then-duplicate')];
    if (retry !== 'duplicate') attempts.push(attempt(r, 3, 54, 200));
    const story: Story = {
      truth: [w, r],
      deliveries: [
        { event: w, attempts: [attempt(w, 1, 0, 200)], okAt: 1, givenUpAt: undefined },
        { event: r, attempts, okAt: (attempts[attempts.length - 1] as Attempt).endedAt, givenUpAt: undefined },
      ],
      effects: [effect(w, 1, 0), effect(r, 1, 30)],
      decisions: [decision(w, 1, 0, 'applied')],
    };
    if (retry === 'duplicate') story.decisions.push(decision(r, 2, 38, 'duplicate'));
    else {
      story.effects.push(effect(r, 2, 38));
      if (retry === 'applied-then-duplicate') story.decisions.push(decision(r, 2, 38, 'applied'));
      story.decisions.push(decision(r, 3, 54, 'duplicate'));
    }
    return story;
  }

  it('should count a killed attempt that committed before it died as the application outside the store', () => {
    const outside = { effectsInStoreTransaction: false };
    expect(checkSimulation(input(killedThen('duplicate'), outside))).toMatchObject({ violations: [], killRepeats: [] });
    const repeated = checkSimulation(input(killedThen('applied-then-duplicate'), outside));
    expect(repeated.violations).toEqual([]);
    expect(repeated.killRepeats.map((e) => e.attempt)).toEqual(['u#1/1']);
    const twice = checkSimulation(input(killedThen('killed-again-then-duplicate'), outside));
    expect(twice.violations).toEqual([]);
    expect(twice.killRepeats.map((e) => e.attempt)).toEqual(['u#1/1']);
  });

  it('should count the residual ambiguity, and fail it when the truth was not meant to hold it', () => {
    // QUESTIONED, upload, WAITING, QUESTIONED again within H: the second is decided stale.
    const truth = [event(0, 'WAITING', 1, 0), event(1, 'QUESTIONED', 1, 10), { ...event(2, 'WAITING', 2, 30), availableAt: 25 }, event(3, 'QUESTIONED', 2, 40)];
    const story: Story = {
      truth,
      deliveries: truth.map((e, i) => ({ event: e, attempts: [attempt(e, 1, e.emittedAt, 200)], okAt: e.emittedAt + 1, givenUpAt: undefined })),
      effects: truth.slice(0, 3).map((e) => effect(e, 1, e.emittedAt)),
      decisions: [...truth.slice(0, 3).map((e) => decision(e, 1, e.emittedAt, 'applied')), decision(truth[3] as TrueEvent, 1, 40, 'stale')],
    };
    expect(checkSimulation(input(story, { residualAllowed: true }))).toMatchObject({ residual: 1, violations: [] });
    expect(kinds(story)).toEqual(['residual', 'final-status']);
  });
});
