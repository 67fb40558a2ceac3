/**
 * The chaos proof's checker, over what really happened: the deliveries P100 sent (and which got a
 * 200), the inbox's entries, the workers' logged decisions and the effects table.
 *
 * - `lost`: a delivery answered 200 that was neither applied (an effect of its event) nor skipped
 *   by the ledger as `duplicate` or `stale` with an effect of the user's same or later event to
 *   justify the skip;
 * - `effect-twice`: an event with more than one effect. Effects are written in the PostgreSQL
 *   ledger store's transaction (transactional mode: exactly once, docs/ledger-stores.md), so no
 *   allowance, SIGKILLs included;
 * - `regression`: a user's WAITING effect after its outcome's effect;
 * - `unexpected-dead` / `failing-not-dead`: the dead letters are exactly the queued deliveries of the
 *   users made to fail; `not-done`: every other entry ended done;
 * - `failing-ran`: a failing user's effect before it was healed.
 */
import type { PoaInboxEntry } from '../../src/inbox.ts';
import type { ChaosDecision } from './chaos-config.ts';
import type { Delivery } from './sim-records.ts';

export interface ChaosEffect {
  readonly jobId: string;
  readonly user: string;
  readonly status: string;
  readonly event: string;
  readonly at: number;
  readonly healed: boolean;
}

export type ChaosViolationKind = 'lost' | 'effect-twice' | 'regression' | 'unexpected-dead' | 'failing-not-dead' | 'not-done' | 'failing-ran' | 'not-drained';

export interface ChaosViolation {
  readonly kind: ChaosViolationKind;
  readonly detail: string;
}

export interface ChaosCheckInput {
  readonly deliveries: readonly Delivery[];
  readonly entries: readonly PoaInboxEntry[];
  readonly decisions: readonly ChaosDecision[];
  readonly effects: readonly ChaosEffect[];
  readonly failMarker: string;
  /** Before the replay: failing users' deliveries must be dead. After it: everything done. */
  readonly phase: 'before-replay' | 'after-replay';
}

export interface ChaosCheck {
  readonly accepted: number;
  /** Accepted deliveries processed by an effect of their own event. */
  readonly applied: number;
  /** Accepted deliveries the ledger skipped (duplicate or stale) with a justifying effect. */
  readonly skipped: number;
  /** Effects beyond one per event. */
  readonly duplicates: number;
  readonly dead: number;
  readonly deadEvents: number;
  readonly expectedDead: number;
  readonly violations: readonly ChaosViolation[];
}

const eventIndex = (event: string): number => Number(event.slice(event.lastIndexOf('#') + 1));
const userOf = (event: string): string => event.slice(0, event.lastIndexOf('#'));

export function checkChaos(input: ChaosCheckInput): ChaosCheck {
  const { deliveries, entries, decisions, effects, failMarker, phase } = input;
  const violations: ChaosViolation[] = [];
  const violate = (kind: ChaosViolationKind, detail: string): void => void violations.push({ kind, detail });
  const failing = (user: string): boolean => user.includes(failMarker);

  const effectsOf = new Map<string, ChaosEffect[]>();
  const effectsOfUser = new Map<string, ChaosEffect[]>();
  for (const effect of effects) {
    effectsOf.set(effect.event, [...(effectsOf.get(effect.event) ?? []), effect]);
    effectsOfUser.set(effect.user, [...(effectsOfUser.get(effect.user) ?? []), effect]);
    if (failing(effect.user) && !effect.healed) violate('failing-ran', `${effect.event}: effect of a failing user before the heal (job ${effect.jobId})`);
  }
  const skips = new Map<string, Set<string>>();
  for (const d of decisions) if (d.decision === 'duplicate' || d.decision === 'stale') skips.set(d.event, (skips.get(d.event) ?? new Set()).add(d.decision));

  let duplicates = 0;
  for (const [event, list] of effectsOf) {
    if (list.length <= 1) continue;
    duplicates += list.length - 1;
    violate('effect-twice', `${event}: ${list.length} effects (jobs ${list.map((e) => e.jobId).join(', ')})`);
  }
  for (const [user, list] of effectsOfUser) {
    const outcome = list.filter((e) => e.status !== 'WAITING').reduce((min, e) => Math.min(min, e.at), Number.POSITIVE_INFINITY);
    const late = list.find((e) => e.status === 'WAITING' && e.at > outcome);
    if (late !== undefined) violate('regression', `${user}: WAITING applied after the outcome (job ${late.jobId})`);
  }

  let accepted = 0;
  let applied = 0;
  let skipped = 0;
  for (const delivery of deliveries) {
    if (delivery.okAt === undefined) continue;
    const { id, user } = delivery.event;
    if (phase === 'before-replay' && failing(user)) continue;
    accepted++;
    if ((effectsOf.get(id)?.length ?? 0) > 0) {
      applied++;
      continue;
    }
    const justified = (effectsOfUser.get(user) ?? []).some((e) => userOf(e.event) === user && eventIndex(e.event) >= delivery.event.index);
    if (skips.has(id) && justified) skipped++;
    else violate('lost', `${id} (${delivery.event.status}): answered 200, no effect${skips.has(id) ? `, skipped as ${[...(skips.get(id) ?? [])].join('/')} with no later effect of the user` : ', no decision'}`);
  }

  const deadEntries = entries.filter((e) => e.state === 'dead');
  let expectedDead = 0;
  for (const entry of entries) {
    const user = entry.message?.event.externalUserId ?? '';
    const expectDead = phase === 'before-replay' && failing(user);
    if (expectDead) expectedDead++;
    if (entry.state === 'dead' && !expectDead) violate('unexpected-dead', `job ${entry.id} of ${user} is dead (${entry.lastErrorCode ?? 'no code'}, ${entry.attempts} attempts)`);
    else if (expectDead && entry.state !== 'dead') violate('failing-not-dead', `job ${entry.id} of ${user} is ${entry.state}`);
    else if (!expectDead && entry.state !== 'done') violate('not-done', `job ${entry.id} of ${user} is ${entry.state}`);
  }
  const deadEvents = new Set(deadEntries.map((e) => e.message?.headers['x-sim-event'] ?? e.id)).size;
  return { accepted, applied, skipped, duplicates, dead: deadEntries.length, deadEvents, expectedDead, violations };
}
