/**
 * The one conformance suite every inbox engine passes, against its real server. An engine's test
 * file calls `describeInbox` with a factory that opens a fresh inbox on a queue no other test uses
 * (a fresh queue name or key prefix on the shared server). `reopen` gives a second inbox on the same
 * queue through its own connection, as another process would have; `broken` one whose server is
 * unreachable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PoaInboxMessage } from '../../src/index.ts';
import type { PoaInbox, PoaInboxJob, PoaInboxRetryOptions, PoaJobOutcome } from '../../src/inbox.ts';

export interface InboxUnderTest {
  /** The inbox, on a queue no other test uses. */
  readonly inbox: PoaInbox;
  /** Another inbox on the same queue, through its own connection. */
  readonly reopen: () => Promise<PoaInbox>;
  /** Closes every connection the inboxes opened (after every consumer was closed). */
  readonly close: () => Promise<void>;
}

export interface InboxEngine {
  readonly name: string;
  /** Opens a fresh inbox with this retry policy. */
  readonly open: (retry: PoaInboxRetryOptions) => Promise<InboxUnderTest>;
  /** An inbox whose server is unreachable (closed port); its `enqueue` must reject within a few seconds. */
  readonly broken: () => Promise<{ readonly inbox: PoaInbox; readonly close: () => Promise<void> }>;
  /** How long the engine may take to notice a job (its polling interval, plus margin). */
  readonly pickupMs: number;
}

let messages = 0;
export function message(user = `user-${++messages}`, status: PoaInboxMessage['event']['status'] = 'APPROVED'): PoaInboxMessage {
  return {
    v: 1,
    webhook: 'poaVerificationStatus',
    event: { externalUserId: user, status } as PoaInboxMessage['event'],
    receivedAt: 1_700_000_000_000 + messages,
    method: 'POST',
    url: '/webhook/poa-verification/status',
    headers: { 'content-type': 'application/json', 'user-agent': 'P100' },
  };
}

/** Resolves when `check` holds, polling; fails the test with `what` after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const OK: PoaJobOutcome = { ok: true };

/**
 * Consumes `inbox` with `process` (its errors collected) until `close`, or until the test's
 * `cleanups` run, whichever comes first.
 */
export function consumeUntilCleanup(
  cleanups: (() => Promise<void>)[],
  inbox: PoaInbox,
  process: (job: PoaInboxJob) => Promise<PoaJobOutcome>,
  concurrency = 1,
): { readonly errors: unknown[]; close(): Promise<void> } {
  const errors: unknown[] = [];
  const consumer = inbox.consume(process, { concurrency, onError: (error) => errors.push(error) });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await consumer.close();
  });
  return {
    errors,
    close: async () => {
      closed = true;
      await consumer.close();
    },
  };
}

export function describeInbox(engine: InboxEngine): void {
  describe(`inbox conformance: ${engine.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const open = async (retry: PoaInboxRetryOptions = { maxAttempts: 3, backoffMs: 50 }): Promise<InboxUnderTest> => {
      const subject = await engine.open(retry);
      cleanups.push(subject.close);
      return subject;
    };
    const consume = (inbox: PoaInbox, process: (job: PoaInboxJob) => Promise<PoaJobOutcome>, concurrency = 1) =>
      consumeUntilCleanup(cleanups, inbox, process, concurrency);

    it('acknowledges an enqueue with a job id, and lists the message as queued, intact', async () => {
      const { inbox } = await open();
      const sent = message('ünï-😀 "quoted"');
      const id = await inbox.enqueue(sent);
      expect(typeof id).toBe('string');
      expect(id.length).toBeGreaterThan(0);
      const [entry, ...rest] = await inbox.list();
      expect(rest).toEqual([]);
      expect(entry).toMatchObject({ id, state: 'waiting', attempts: 0, lastErrorCode: undefined });
      expect(entry?.message).toEqual(sent);
      expect(typeof entry?.enqueuedAt).toBe('number');
      expect(Math.abs((entry?.enqueuedAt ?? 0) - Date.now())).toBeLessThan(60_000);
    });

    it('hands each job to the consumer once, with the message as data, in enqueue order', async () => {
      const { inbox } = await open();
      const sent = [message(), message(), message(), message()];
      const ids: string[] = [];
      for (const m of sent) ids.push(await inbox.enqueue(m));
      const seen: PoaInboxJob[] = [];
      const consumer = consume(inbox, async (job) => {
        seen.push(job);
        return OK;
      });
      await until('4 jobs', () => seen.length >= 4);
      await until('all done', async () => (await inbox.list({ states: ['done'] })).length === 4);
      await new Promise((resolve) => setTimeout(resolve, engine.pickupMs));
      expect(seen.map((job) => job.id)).toEqual(ids);
      expect(seen.map((job) => job.data)).toEqual(sent);
      expect(seen.map((job) => job.attempt)).toEqual([1, 1, 1, 1]);
      expect(seen.every((job) => job.maxAttempts === 3)).toBe(true);
      expect(consumer.errors).toEqual([]);
    });

    it('retries a failure after the backoff, then succeeds', async () => {
      const { inbox } = await open({ maxAttempts: 3, backoffMs: 200 });
      const id = await inbox.enqueue(message());
      const attempts: { attempt: number; at: number }[] = [];
      consume(inbox, async (job) => {
        attempts.push({ attempt: job.attempt, at: Date.now() });
        return job.attempt === 1 ? { ok: false, code: 'HANDLER_FAILED', retry: true } : OK;
      });
      await until('done', async () => (await inbox.list({ states: ['done'] })).some((entry) => entry.id === id));
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
      expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(150);
    });

    it('makes a job dead after maxAttempts failures, keeping the last code only', async () => {
      const { inbox } = await open({ maxAttempts: 3, backoffMs: 20 });
      const id = await inbox.enqueue(message());
      const codes = ['HANDLER_FAILED', 'LEDGER_UNAVAILABLE', 'HANDLER_TIMEOUT'] as const;
      const seen: number[] = [];
      consume(inbox, async (job) => {
        seen.push(job.attempt);
        return { ok: false, code: codes[job.attempt - 1] ?? 'HANDLER_FAILED', retry: true };
      });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).some((entry) => entry.id === id));
      await new Promise((resolve) => setTimeout(resolve, engine.pickupMs));
      expect(seen).toEqual([1, 2, 3]);
      const [dead] = await inbox.list({ states: ['dead'] });
      expect(dead).toMatchObject({ id, state: 'dead', attempts: 3, lastErrorCode: 'HANDLER_TIMEOUT' });
      expect(await inbox.list({ states: ['waiting', 'active', 'done'] })).toEqual([]);
    });

    it('makes a job dead at once for a failure that must not be retried', async () => {
      const { inbox } = await open({ maxAttempts: 5, backoffMs: 20 });
      const id = await inbox.enqueue(message());
      const seen: number[] = [];
      consume(inbox, async (job) => {
        seen.push(job.attempt);
        return { ok: false, code: 'INVALID_PAYLOAD', retry: false };
      });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).some((entry) => entry.id === id));
      await new Promise((resolve) => setTimeout(resolve, engine.pickupMs + 200));
      expect(seen).toEqual([1]);
      expect((await inbox.list({ states: ['dead'] }))[0]).toMatchObject({ id, lastErrorCode: 'INVALID_PAYLOAD' });
    });

    it('treats a process that rejects as a failed attempt, and reports it', async () => {
      const { inbox } = await open({ maxAttempts: 2, backoffMs: 20 });
      const id = await inbox.enqueue(message());
      const consumer = consume(inbox, async () => {
        throw new Error('boom');
      });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).some((entry) => entry.id === id));
      expect(consumer.errors.length).toBeGreaterThanOrEqual(1);
    });

    it.each([
      ['no job outcome', undefined],
      ['a failure whose code is a message, not a code', { ok: false, code: 'card 4242 declined', retry: false }],
    ])('treats a process that resolves with %s as a failed attempt (HANDLER_FAILED, retried), and reports it', async (_, answered) => {
      const { inbox } = await open({ maxAttempts: 2, backoffMs: 20 });
      const id = await inbox.enqueue(message());
      const seen: number[] = [];
      const consumer = consume(inbox, async (job) => (seen.push(job.attempt), answered as unknown as PoaJobOutcome));
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).some((entry) => entry.id === id));
      expect(seen).toEqual([1, 2]);
      expect((await inbox.list({ states: ['dead'] }))[0]).toMatchObject({ id, lastErrorCode: 'HANDLER_FAILED' });
      expect(consumer.errors.length).toBeGreaterThanOrEqual(1);
      expect(String(consumer.errors[0])).toContain('not a job outcome');
    });

    it('replays one dead job with its attempts renewed, and only a dead one', async () => {
      const { inbox } = await open({ maxAttempts: 1, backoffMs: 20 });
      const deadId = await inbox.enqueue(message('replay-me'));
      const okId = await inbox.enqueue(message('fine'));
      let heal = false;
      const seen: PoaInboxJob[] = [];
      consume(inbox, async (job) => {
        seen.push(job);
        const user = (job.data as PoaInboxMessage).event.externalUserId;
        return user === 'replay-me' && !heal ? { ok: false, code: 'HANDLER_FAILED', retry: true } : OK;
      });
      await until('one dead, one done', async () => (await inbox.list({ states: ['dead'] })).length === 1 && (await inbox.list({ states: ['done'] })).length === 1);
      expect(await inbox.replay(okId)).toBe(false);
      expect(await inbox.replay('no-such-job')).toBe(false);
      heal = true;
      expect(await inbox.replay(deadId)).toBe(true);
      await until('replayed job done', async () => (await inbox.list({ states: ['done'] })).length === 2);
      const replayed = seen.filter((job) => (job.data as PoaInboxMessage).event.externalUserId === 'replay-me');
      expect(replayed.map((job) => job.attempt)).toEqual([1, 1]);
      expect(await inbox.list({ states: ['dead'] })).toEqual([]);
      expect(await inbox.replay(deadId)).toBe(false);
    });

    it('replays every dead job, and purges the dead', async () => {
      const { inbox } = await open({ maxAttempts: 1, backoffMs: 20 });
      for (let i = 0; i < 3; i++) await inbox.enqueue(message());
      let heal = false;
      const consumer = consume(inbox, async () => (heal ? OK : { ok: false, code: 'HANDLER_FAILED', retry: true }));
      await until('3 dead', async () => (await inbox.list({ states: ['dead'] })).length === 3);
      await consumer.close();
      expect(await inbox.replayDead()).toBe(3);
      expect((await inbox.list({ states: ['waiting'] })).length).toBe(3);
      consume(inbox, async () => ({ ok: false, code: 'HANDLER_FAILED', retry: false }));
      await until('3 dead again', async () => (await inbox.list({ states: ['dead'] })).length === 3);
      expect(await inbox.purgeDead()).toBe(3);
      expect(await inbox.list({ states: ['dead'] })).toEqual([]);
      expect(await inbox.purgeDead()).toBe(0);
      expect(await inbox.replayDead()).toBe(0);
      heal = true;
    });

    it('runs at most `concurrency` jobs at once, and reaches it', async () => {
      const { inbox } = await open();
      for (let i = 0; i < 6; i++) await inbox.enqueue(message());
      let running = 0;
      let most = 0;
      let done = 0;
      consume(
        inbox,
        async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 150));
          running--;
          done++;
          return OK;
        },
        3,
      );
      await until('6 done', () => done === 6);
      expect(most).toBe(3);
    });

    it('close() waits for the job in flight, records its outcome, and starts no other', async () => {
      const { inbox } = await open();
      const first = await inbox.enqueue(message());
      await inbox.enqueue(message());
      let release: (() => void) | undefined;
      const started: string[] = [];
      const consumer = consume(inbox, async (job) => {
        started.push(job.id);
        await new Promise<void>((resolve) => (release = resolve));
        return OK;
      });
      await until('first started', () => started.length === 1);
      let closed = false;
      const closing = consumer.close().then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed).toBe(false);
      release?.();
      await closing;
      expect(started).toEqual([first]);
      const states = Object.fromEntries((await inbox.list()).map((entry) => [entry.id, entry.state]));
      expect(states[first]).toBe('done');
      expect(Object.values(states).sort()).toEqual(['done', 'waiting']);
    });

    it('shares one queue between inboxes on separate connections: each job goes to one consumer', async () => {
      const subject = await open();
      const other = await subject.reopen();
      for (let i = 0; i < 20; i++) await (i % 2 ? other : subject.inbox).enqueue(message());
      const seen: string[] = [];
      const take = async (job: PoaInboxJob): Promise<PoaJobOutcome> => {
        seen.push(job.id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return OK;
      };
      consume(subject.inbox, take, 2);
      consume(other, take, 2);
      await until('20 done', async () => (await subject.inbox.list({ states: ['done'] })).length === 20);
      await new Promise((resolve) => setTimeout(resolve, engine.pickupMs));
      expect(new Set(seen).size).toBe(20);
      expect(seen.length).toBe(20);
    });

    it('rejects an enqueue when its server is unreachable', async () => {
      const { inbox, close } = await engine.broken();
      cleanups.push(close);
      const started = Date.now();
      await expect(inbox.enqueue(message())).rejects.toBeDefined();
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('lists with a limit, oldest first', async () => {
      const { inbox } = await open();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await inbox.enqueue(message()));
      expect((await inbox.list({ limit: 2 })).map((entry) => entry.id)).toEqual(ids.slice(0, 2));
    });
  });
}
