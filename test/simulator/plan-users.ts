/**
 * The truth generator: for each user, a true multi-round sequence. A round is WAITING, then after a
 * review time an outcome; APPROVED ends the user's story, REJECTED or QUESTIONED lead (after the
 * partner learned the outcome and the user reacted) to the partner's upload and a new round. Review
 * and reaction times are drawn both shorter than P100's first retry delay (where retries reorder
 * around the outcome), between it and H, and longer than H.
 */
import type { PoaVerificationStatus } from '../../src/index.ts';
import type { P100Timings } from './p100-timings.ts';
import type { Random } from './random.ts';

export type Outcome = Exclude<PoaVerificationStatus, 'WAITING'>;

export interface RoundPlan {
  /** From the round's WAITING to its outcome. */
  readonly reviewMs: number;
  readonly outcome: Outcome;
  /** From the moment the partner learned a REJECTED or QUESTIONED to its upload of a new document. */
  readonly reactionMs: number;
}

export interface UserPlan {
  readonly user: string;
  /** When the user's first WAITING is emitted, from the start of the run. */
  readonly startMs: number;
  readonly rounds: readonly RoundPlan[];
}

export interface PlanOptions {
  readonly users: number;
  readonly random: Random;
  readonly timings: P100Timings;
  /** At most this many rounds per user (the last one ends APPROVED or REJECTED). */
  readonly maxRounds: number;
  /** First WAITINGs are spread over this long. */
  readonly spreadMs: number;
  /** A prefix making the user ids unique to the run. */
  readonly prefix: string;
}

export function planUsers({ users, random, timings, maxRounds, spreadMs, prefix }: PlanOptions): UserPlan[] {
  const first = timings.retryDelaysMs[0] as number;
  const h = timings.retryHorizonMs;
  const review = (): number => {
    const bucket = random.pick({ beforeFirstRetry: 35, withinHorizon: 35, beyondHorizon: 30 });
    if (bucket === 'beforeFirstRetry') return random.between(0.02 * first, first);
    if (bucket === 'withinHorizon') return random.between(first, 0.5 * h);
    return random.between(h, 1.4 * h);
  };
  const reaction = (): number => (random.next() < 0.5 ? random.between(0.05 * first, first) : random.between(first, 0.3 * h));
  const plans: UserPlan[] = [];
  for (let u = 0; u < users; u++) {
    const rounds: RoundPlan[] = [];
    for (let r = 1; r <= maxRounds; r++) {
      const outcome: Outcome = r === maxRounds ? random.pick({ APPROVED: 70, REJECTED: 30 }) : random.pick({ APPROVED: 35, REJECTED: 30, QUESTIONED: 35 });
      rounds.push({ reviewMs: review(), outcome, reactionMs: reaction() });
      if (outcome === 'APPROVED') break;
    }
    plans.push({ user: `${prefix}-u${u}`, startMs: random.between(0, spreadMs), rounds });
  }
  return plans;
}

/**
 * Users made of nothing but the documented residual ambiguity: a second round whose outcome equals
 * the first round's, within H of it (QUESTIONED, upload, WAITING, QUESTIONED). No ledger without
 * event ids can tell that QUESTIONED from a late retry; the checker counts each as `residual`.
 */
export function planResidualUsers({ users, random, timings, prefix }: Pick<PlanOptions, 'users' | 'random' | 'timings' | 'prefix'>): UserPlan[] {
  const first = timings.retryDelaysMs[0] as number;
  return Array.from({ length: users }, (_, u) => {
    const outcome = random.pick({ REJECTED: 50, QUESTIONED: 50 });
    const quick = (): number => random.between(0.5 * first, 2 * first);
    return {
      user: `${prefix}-residual-u${u}`,
      startMs: random.between(0, 4 * first),
      rounds: [
        { reviewMs: quick(), outcome, reactionMs: quick() },
        { reviewMs: quick(), outcome, reactionMs: quick() },
        { reviewMs: quick(), outcome: 'APPROVED', reactionMs: 0 },
      ],
    };
  });
}
