import type PgBoss from 'pg-boss';
import { PoaWebhookError } from '../../core/poa-webhook-error.ts';

/** One row as `pg` answers it. @internal */
export type PgBossRow = Readonly<Record<string, unknown>>;

/** The error of every failed inbox operation: `INBOX_UNAVAILABLE`, with what failed as the cause. @internal */
export const inboxUnavailable = (what: string, cause: unknown): PoaWebhookError =>
  new PoaWebhookError('INBOX_UNAVAILABLE', `p100-webhooks/inbox/pg-boss: could not ${what}.`, { cause });

/**
 * pg-boss's own pool answers `undefined` instead of failing while the instance is not started (or
 * after `stop()`): that is an error here.
 */
const notStarted = (): Error => new Error('The PgBoss instance is not started (await boss.start() first), or was stopped.');

/**
 * A `db` for pg-boss's `{ db }` option that runs on the instance's own pool and remembers how it
 * failed: `boss.fetch` swallows database errors (it answers "no jobs"), and `complete` takes an
 * unstarted pool's `undefined` for "nothing to complete". `check()` throws what was swallowed.
 *
 * @internal
 */
export function watchedDb(boss: PgBoss): { readonly db: PgBoss.Db; readonly check: () => void } {
  let failure: { error: unknown } | undefined;
  return {
    db: {
      async executeSql(text, values) {
        try {
          const result = await boss.getDb().executeSql(text, values);
          if (!Array.isArray((result as { rows?: unknown } | undefined)?.rows)) failure ??= { error: notStarted() };
          return result;
        } catch (error) {
          failure ??= { error };
          throw error;
        }
      },
    },
    check() {
      if (failure !== undefined) throw failure.error;
    },
  };
}

/** Runs one statement on the instance's pool and answers its rows. @internal */
export async function queryRows(boss: PgBoss, text: string, values: readonly unknown[]): Promise<readonly PgBossRow[]> {
  const result: unknown = await boss.getDb().executeSql(text, [...values]);
  const rows = (result as { rows?: unknown } | undefined)?.rows;
  if (!Array.isArray(rows)) throw notStarted();
  return rows as PgBossRow[];
}
