/**
 * The checker: for every user, every invariant of DELIVERY-GUARANTEES.md "How to prove it", over
 * what really happened (the effects the receivers' handlers wrote, in the order they wrote them):
 *
 * - the applied statuses are the true sequence in order, minus events superseded before they could
 *   be delivered (a later event's effect ran before the skipped event was first decided) and events
 *   P100 gave up (reported, not a violation);
 * - so no status is applied twice in one round, and nothing is applied before it was true (an effect
 *   that matches no true event still to come is a regression: `out-of-order`);
 * - the final applied status is the true final status unless P100 gave up on the final event;
 * - no delivery is lost unless P100 gave up: a true event that got its 2xx and was neither applied
 *   nor superseded is `lost`.
 *
 * Effects outside the store (Redis) are at least once across a SIGKILL between effect and commit: an
 * effect of an attempt in flight in a killed process (never committed by the ledger: repeated when
 * P100's retry ran it again, or left unrecorded when P100 gave up) is a `killRepeat`, counted apart. Any other second effect of one event is `applied-twice`. Effects inside
 * the store's transaction (PostgreSQL) get no such allowance: exactly once.
 */
import type { PoaDecision } from '../../src/ledger.ts';
import type { DecisionRecord, Delivery, EffectRecord, Fault, FiredFault, TrueEvent } from './sim-records.ts';
import { FAULTS } from './sim-records.ts';

export type ViolationKind = 'out-of-order' | 'lost' | 'final-status' | 'applied-twice' | 'round-repeat' | 'applied-without-effect' | 'residual';

export interface Violation {
  readonly user: string;
  readonly kind: ViolationKind;
  readonly detail: string;
}

export interface CheckInput {
  readonly truth: readonly TrueEvent[];
  readonly deliveries: readonly Delivery[];
  readonly decisions: readonly DecisionRecord[];
  readonly faults: readonly FiredFault[];
  readonly effects: readonly EffectRecord[];
  /** Effects commit with the decision (PostgreSQL): no at-least-once allowance. */
  readonly effectsInStoreTransaction: boolean;
  readonly retryHorizonMs: number;
  /** Whether the truth may contain the documented residual ambiguity (then it is counted, not a violation). */
  readonly residualAllowed: boolean;
}

export interface CheckResult {
  readonly users: number;
  readonly events: number;
  readonly attempts: number;
  readonly decisions: Record<PoaDecision, number>;
  readonly faultsInjected: Record<Fault, number>;
  readonly faultsFired: Record<Fault, number>;
  /** Attempt results: `200`, `500 HANDLER_FAILED`, `503 HANDLER_TIMEOUT`, `dropped`, `ECONNRESET`… */
  readonly results: Record<string, number>;
  /** Events P100 gave up after five failures, and which of them were never applied. */
  readonly givenUp: readonly { readonly event: string; readonly status: string; readonly applied: boolean }[];
  /** True events not applied because a later one was applied first. */
  readonly superseded: number;
  readonly killRepeats: readonly EffectRecord[];
  /** Skipped events that are the documented residual ambiguity. */
  readonly residual: number;
  /** Late retries applied as the next round's event of the same status (the documented ambiguity). */
  readonly standIns: number;
  /** Effects whose attempt has no `applied` record (a SIGKILL between commit and `onDecision`, or a kill repeat). */
  readonly effectsWithoutDecision: number;
  /** The longest time from an event's first attempt to the start of its last, against H. */
  readonly maxRetrySpanMs: number;
  readonly violations: readonly Violation[];
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

export function checkSimulation(input: CheckInput): CheckResult {
  const { truth, deliveries, decisions, effects, retryHorizonMs: h } = input;
  const violations: Violation[] = [];
  const violate = (user: string, kind: ViolationKind, detail: string): void => void violations.push({ user, kind, detail });

  const deliveryOf = new Map(deliveries.map((d) => [d.event.id, d]));
  const attemptOf = new Map(deliveries.flatMap((d) => d.attempts.map((a) => [a.id, a] as const)));
  const appliedAttempts = new Set(decisions.filter((d) => d.decision === 'applied').map((d) => d.attempt));
  // When each event was first decided without running (duplicate, stale, anomaly).
  const firstDecidedAt = new Map<string, number>();
  for (const d of decisions) {
    if (d.decision === 'applied') continue;
    const seen = firstDecidedAt.get(d.event);
    if (seen === undefined || d.at < seen) firstDecidedAt.set(d.event, d.at);
  }

  // Kill repeats: an effect of an attempt that died with its process, whose event ran again later.
  const killRepeats: EffectRecord[] = [];
  const kept: EffectRecord[] = [];
  // For each event, its effects and its `duplicate` decisions in time order: a killed attempt's
  // effect followed by a `duplicate` of the same event with no other effect of it in between was
  // committed by the ledger before the process died (the duplicate proves a recorded application,
  // and no other attempt ran the handler to record it).
  const timeline = groupBy(
    [...effects.map((e) => ({ event: e.event, at: e.at, effect: e as EffectRecord | undefined })), ...decisions.filter((d) => d.decision === 'duplicate').map((d) => ({ event: d.event, at: d.at, effect: undefined }))],
    (x) => x.event,
  );
  const committedBeforeKill = new Set<EffectRecord>();
  for (const entries of timeline.values()) {
    entries.sort((a, b) => a.at - b.at || (a.effect === undefined ? 1 : 0) - (b.effect === undefined ? 1 : 0));
    entries.forEach((entry, k) => {
      const next = entries[k + 1];
      if (entry.effect !== undefined && next !== undefined && next.effect === undefined) committedBeforeKill.add(entry.effect);
    });
  }
  effects.forEach((effect) => {
    const attempt = attemptOf.get(effect.attempt);
    const killed = attempt?.inKilledProcess === true && !appliedAttempts.has(effect.attempt);
    // Outside the store's transaction, an effect whose process died before the ledger's commit is
    // the documented at-least-once case: repeated if P100's retry ran it again, else unrecorded by
    // the ledger. Either way it is counted apart, not as an application of the ledger. An effect
    // the ledger had committed before the process died (its event then decided `duplicate`) is the
    // event's application, not a repeat.
    if (killed && !committedBeforeKill.has(effect) && !input.effectsInStoreTransaction) killRepeats.push(effect);
    else kept.push(effect);
  });
  const effectsWithoutDecision = effects.filter((e) => !appliedAttempts.has(e.attempt)).length;

  // Applied decisions with no effect: the handler did not run, or its effect was lost.
  const effectAttempts = new Set(effects.map((e) => e.attempt));
  for (const d of decisions) {
    if (d.decision === 'applied' && !effectAttempts.has(d.attempt)) violate(d.user, 'applied-without-effect', `${d.attempt} ${d.status}`);
  }
  // The ledger's own rounds: no (round, status) applied twice.
  for (const [user, applied] of groupBy(decisions.filter((d) => d.decision === 'applied' && d.round > 0), (d) => d.user)) {
    for (const [key, same] of groupBy(applied, (d) => `${d.round}:${d.status}`)) {
      if (same.length > 1) violate(user, 'round-repeat', `round:status ${key} applied ${same.length} times (${same.map((d) => d.attempt).join(', ')})`);
    }
  }
  // One event's effect twice (not a kill repeat). A late retry of an event whose 200 was lost,
  // applied after the partner's upload, is indistinguishable from the next round's event of the
  // same status (same payload): when that later event is due and has no effect of its own, the
  // retry stood in for it (the documented ambiguity; the state is right, the later event is then a
  // duplicate). Counted apart; anything else is `applied-twice`.
  const eventsOf = groupBy(truth, (e) => e.user);
  const effectEvents = new Set(kept.map((e) => e.event));
  let standIns = 0;
  for (const [event, same] of groupBy(kept, (e) => e.event)) {
    if (same.length < 2) continue;
    const original = truth.find((e) => e.id === event);
    const extra = same.slice(1).filter((effect) => {
      const later = (eventsOf.get(effect.user) ?? []).find(
        (e) => original !== undefined && e.index > original.index && e.status === effect.status && e.availableAt <= effect.at && !effectEvents.has(e.id),
      );
      if (later === undefined) return true;
      effectEvents.add(later.id);
      standIns++;
      return false;
    });
    if (extra.length > 0) violate((same[0] as EffectRecord).user, 'applied-twice', `${event} ran ${same.length} times (${same.map((e) => e.attempt).join(', ')})`);
  }

  const effectsByUser = groupBy(kept, (e) => e.user);
  let superseded = 0;
  let residual = 0;
  const givenUp: { event: string; status: string; applied: boolean }[] = [];
  const byUser = groupBy(truth, (e) => e.user);
  for (const [user, events] of byUser) {
    const sequence = [...events].sort((a, b) => a.index - b.index);
    const applied = effectsByUser.get(user) ?? [];
    const matchedAt: (number | undefined)[] = sequence.map(() => undefined);
    let p = -1;
    const excused = new Set<string>(); // events whose absence is not a violation
    // Justifies skipping sequence[i] because the effect at `by` (a later event's) ran first.
    const skip = (i: number, by: number | undefined): void => {
      const event = sequence[i] as TrueEvent;
      const delivery = deliveryOf.get(event.id);
      if (delivery?.givenUpAt !== undefined) return; // reported below
      const decidedAt = firstDecidedAt.get(event.id) ?? delivery?.okAt;
      if (by !== undefined && decidedAt !== undefined && by <= decidedAt) {
        superseded++;
        return;
      }
      // The residual ambiguity: the same status was applied less than H before this event was decided.
      const sameRecently = sequence.some((e, k) => k < i && e.status === event.status && matchedAt[k] !== undefined && decidedAt !== undefined && decidedAt - (matchedAt[k] as number) < h);
      if (sameRecently) {
        residual++;
        if (input.residualAllowed) {
          excused.add(event.id);
          return;
        }
        violate(user, 'residual', `${event.id} ${event.status} (round ${event.round}) decided as a retry of the same status applied < H before`);
        return;
      }
      violate(user, 'lost', `${event.id} ${event.status} (round ${event.round}) got its 2xx and was never applied`);
    };
    for (const effect of applied) {
      let j = p + 1;
      while (j < sequence.length && !((sequence[j] as TrueEvent).status === effect.status && (sequence[j] as TrueEvent).availableAt <= effect.at)) j++;
      if (j === sequence.length) {
        const current = p >= 0 ? `${(sequence[p] as TrueEvent).status} (round ${(sequence[p] as TrueEvent).round})` : 'nothing';
        violate(user, 'out-of-order', `${effect.status} applied by ${effect.attempt} at ${effect.at} over ${current}: no true ${effect.status} was due`);
        continue;
      }
      for (let i = p + 1; i < j; i++) skip(i, effect.at);
      matchedAt[j] = effect.at;
      p = j;
    }
    for (let i = p + 1; i < sequence.length; i++) skip(i, undefined);
    const last = sequence[sequence.length - 1] as TrueEvent;
    const lastEffect = applied[applied.length - 1];
    if (deliveryOf.get(last.id)?.givenUpAt === undefined && !excused.has(last.id) && lastEffect?.status !== last.status) {
      violate(user, 'final-status', `final applied ${lastEffect?.status ?? 'nothing'}, true final ${last.status}`);
    }
  }

  const decisionCounts = zero<PoaDecision>(['applied', 'duplicate', 'stale', 'anomaly']);
  for (const d of decisions) decisionCounts[d.decision]++;
  const faultsInjected = zero(FAULTS);
  const results: Record<string, number> = {};
  let attempts = 0;
  let maxRetrySpanMs = 0;
  const appliedEvents = new Set(kept.map((e) => e.event));
  for (const delivery of deliveries) {
    for (const attempt of delivery.attempts) {
      attempts++;
      if (attempt.fault !== undefined) faultsInjected[attempt.fault]++;
      const key = attempt.code === undefined ? String(attempt.result) : `${attempt.result} ${attempt.code}`;
      results[key] = (results[key] ?? 0) + 1;
    }
    const first = delivery.attempts[0];
    const lastAttempt = delivery.attempts[delivery.attempts.length - 1];
    if (first !== undefined && lastAttempt !== undefined) maxRetrySpanMs = Math.max(maxRetrySpanMs, lastAttempt.startedAt - first.startedAt);
    if (delivery.givenUpAt !== undefined) givenUp.push({ event: delivery.event.id, status: delivery.event.status, applied: appliedEvents.has(delivery.event.id) });
  }
  const faultsFired = zero(FAULTS);
  for (const f of input.faults) faultsFired[f.fault]++;
  return {
    users: byUser.size,
    events: truth.length,
    attempts,
    decisions: decisionCounts,
    faultsInjected,
    faultsFired,
    results,
    givenUp,
    superseded,
    killRepeats,
    standIns,
    residual,
    effectsWithoutDecision,
    maxRetrySpanMs,
    violations,
  };
}
