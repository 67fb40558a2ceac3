/**
 * The worker's case list, run against every inbox engine (memory here; pg-boss and BullMQ on their
 * real servers): a real receiver (the Fetch adapter with real `Request`s) queues, `startPoaWorker`
 * runs the handlers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import type { PoaDeliveryRecord, PoaVerificationEvent, PoaWebhookError } from '../../src/index.ts';
import { type PoaInbox, type PoaWorker, type PoaWorkerContext, type PoaWorkerOptions, startPoaWorker } from '../../src/inbox.ts';
import { createMemoryLedgerStore, createPoaLedger } from '../../src/ledger.ts';
import { createPoaWebhookRequest } from '../../src/testing.ts';
import { type InboxEngine, message, until } from './inbox-conformance.ts';

const SECRET = 'worker-secret-0123456789';

export function describeWorker(engine: InboxEngine): void {
  describe(`startPoaWorker on ${engine.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const open = async (maxAttempts = 3): Promise<PoaInbox> => {
      const subject = await engine.open({ maxAttempts, backoffMs: 30 });
      cleanups.push(subject.close);
      return subject.inbox;
    };
    const start = (options: PoaWorkerOptions): PoaWorker => {
      const worker = startPoaWorker({ signals: [], ...options } as PoaWorkerOptions);
      cleanups.push(() => worker.stop());
      return worker;
    };
    const deliver = async (inbox: PoaInbox, event: PoaVerificationEvent): Promise<Response> =>
      createFetchHandler({ secret: SECRET, inbox })(
        createPoaWebhookRequest(event, { secret: SECRET, url: 'https://partner.example/webhook/poa-verification/status' }),
      );

    it('runs the handler for its status with the typed event and the context rebuilt, after a 200 from the receiver', async () => {
      const inbox = await open();
      const seen: { status: string; event: unknown; context: PoaWorkerContext }[] = [];
      const record = (status: string) => (event: unknown, context: PoaWorkerContext) => void seen.push({ status, event, context });
      const before = Date.now();
      const response = await deliver(inbox, { externalUserId: 'u-typed', status: 'REJECTED' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
      start({ inbox, on: { WAITING: record('WAITING'), APPROVED: record('APPROVED'), REJECTED: record('REJECTED'), QUESTIONED: record('QUESTIONED') } });
      await until('handler', () => seen.length === 1);
      const [{ status, event, context }] = seen as [(typeof seen)[number]];
      expect(status).toBe('REJECTED');
      expect(event).toEqual({ externalUserId: 'u-typed', status: 'REJECTED' });
      expect(context.method).toBe('POST');
      expect(context.url).toBe('https://partner.example/webhook/poa-verification/status');
      expect(context.header('Content-Type')).toBe('application/json');
      expect(context.header('authorization')).toBeUndefined();
      expect(context.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(context.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(context).toMatchObject({ attempt: 1, maxAttempts: 3 });
      expect(typeof context.jobId).toBe('string');
      const queued = await inbox.list();
      expect(JSON.stringify(queued)).not.toContain(SECRET);
    });

    it("applies the ledger's decisions: a P100 retry queued twice runs once, a late WAITING is stale", async () => {
      const inbox = await open();
      const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
      const user = `u-ledger-${engine.name}`;
      for (const status of ['WAITING', 'APPROVED', 'APPROVED', 'WAITING'] as const) {
        expect((await deliver(inbox, { externalUserId: user, status })).status).toBe(200);
      }
      const applied: string[] = [];
      const decisions: PoaDeliveryRecord[] = [];
      start({ inbox, ledger, onDecision: (record) => void decisions.push(record), onEvent: (event) => void applied.push(event.status), concurrency: 4 });
      await until('4 decisions', () => decisions.length === 4);
      expect(applied).toEqual(['WAITING', 'APPROVED']);
      expect(decisions.map((record) => record.decision)).toEqual(['applied', 'applied', 'duplicate', 'stale']);
      expect((await ledger.get(user))?.status).toBe('APPROVED');
    });

    it("runs one user's deliveries one at a time, in queue order, and other users' beside them", async () => {
      const inbox = await open();
      for (let i = 0; i < 4; i++) await inbox.enqueue(message('u-same', 'WAITING'));
      for (let i = 0; i < 4; i++) await inbox.enqueue(message(`u-other-${i}`, 'WAITING'));
      const running = new Map<string, number>();
      let mostSame = 0;
      let mostAll = 0;
      let done = 0;
      const order: string[] = [];
      start({
        inbox,
        concurrency: 4,
        onEvent: async (event, context) => {
          const user = event.externalUserId;
          running.set(user, (running.get(user) ?? 0) + 1);
          mostSame = Math.max(mostSame, running.get('u-same') ?? 0);
          mostAll = Math.max(mostAll, [...running.values()].reduce((a, b) => a + b, 0));
          if (user === 'u-same') order.push(context.jobId);
          await new Promise((resolve) => setTimeout(resolve, 60));
          running.set(user, (running.get(user) ?? 0) - 1);
          done++;
        },
      });
      await until('8 done', () => done === 8, 30_000);
      expect(mostSame).toBe(1);
      expect(mostAll).toBeGreaterThan(1);
      const ids = (await inbox.list()).filter((entry) => entry.message?.event.externalUserId === 'u-same').map((entry) => entry.id);
      expect(order).toEqual(ids);
    });

    it("retries a failing handler, then makes it dead with the code only; onError gets the cause; replay drains it", async () => {
      const inbox = await open(2);
      const id = await inbox.enqueue(message('u-fails'));
      let healed = false;
      const errors: PoaWebhookError[] = [];
      const attempts: number[] = [];
      start({
        inbox,
        onError: (error) => void errors.push(error),
        onEvent: (_event, context) => {
          attempts.push(context.attempt);
          if (!healed) throw new Error('card 4111 1111 1111 1111 declined');
        },
      });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).some((entry) => entry.id === id));
      expect(attempts).toEqual([1, 2]);
      expect(errors.map((error) => error.code)).toEqual(['HANDLER_FAILED', 'HANDLER_FAILED']);
      expect((errors[0]?.cause as Error).message).toContain('declined');
      const [dead] = await inbox.list({ states: ['dead'] });
      expect(dead?.lastErrorCode).toBe('HANDLER_FAILED');
      expect(JSON.stringify(dead)).not.toContain('4111');
      healed = true;
      expect(await inbox.replay(id)).toBe(true);
      await until('replayed', () => attempts.length === 3);
      await until('done', async () => (await inbox.list({ states: ['done'] })).length === 1);
      expect(attempts).toEqual([1, 2, 1]);
    });

    it('fails an attempt that outlives handlerTimeoutMs with HANDLER_TIMEOUT, and retries it', async () => {
      const inbox = await open(2);
      await inbox.enqueue(message('u-slow'));
      const errors: string[] = [];
      let calls = 0;
      start({
        inbox,
        handlerTimeoutMs: 50,
        onError: (error) => void errors.push(error.code),
        onEvent: async () => {
          if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 300));
        },
      });
      await until('done', async () => (await inbox.list({ states: ['done'] })).length === 1);
      expect(errors).toEqual(['HANDLER_TIMEOUT']);
      expect(calls).toBe(2);
    });

    it('makes a job that is not a delivery dead at once (INVALID_PAYLOAD) without running a handler', async () => {
      const inbox = await open(5);
      const bad = [
        { ...message(), v: 2 },
        { ...message(), event: { externalUserId: '', status: 'APPROVED' } },
        { ...message(), headers: { 'x-n': 1 } },
        'not an object',
      ];
      for (const data of bad) await inbox.enqueue(data as never);
      let calls = 0;
      const codes: string[] = [];
      start({ inbox, onError: (error, context) => void codes.push(`${error.code}:${context === undefined}`), onEvent: () => void calls++ });
      await until('4 dead', async () => (await inbox.list({ states: ['dead'] })).length === 4);
      expect(calls).toBe(0);
      expect(codes).toEqual(Array(4).fill('INVALID_PAYLOAD:true'));
      expect((await inbox.list({ states: ['dead'] })).every((entry) => entry.attempts === 1 && entry.lastErrorCode === 'INVALID_PAYLOAD')).toBe(true);
    });

    it('hands a status this version does not know to onUnknownStatus, or makes it dead (UNKNOWN_STATUS) for a later replay', async () => {
      const inbox = await open();
      const future = { ...message('u-future'), event: { externalUserId: 'u-future', status: 'EXPIRED' } };
      await inbox.enqueue(future as never);
      start({ inbox, onEvent: () => {} });
      await until('dead', async () => (await inbox.list({ states: ['dead'] })).length === 1);
      expect((await inbox.list({ states: ['dead'] }))[0]?.lastErrorCode).toBe('UNKNOWN_STATUS');
      const other = await open();
      await other.enqueue(future as never);
      const unknown: unknown[] = [];
      start({ inbox: other, onEvent: () => {}, onUnknownStatus: (payload) => void unknown.push(payload) });
      await until('handled', () => unknown.length === 1);
      expect(unknown).toEqual([{ externalUserId: 'u-future', status: 'EXPIRED' }]);
    });

    it('stop() waits for the delivery in flight and takes no other', async () => {
      const inbox = await open();
      await inbox.enqueue(message('u-a'));
      await inbox.enqueue(message('u-b'));
      let release: (() => void) | undefined;
      const started: string[] = [];
      const worker = start({
        inbox,
        concurrency: 1,
        onEvent: async (event) => {
          started.push(event.externalUserId);
          await new Promise<void>((resolve) => (release = resolve));
        },
      });
      await until('first started', () => started.length === 1);
      let stopped = false;
      const stopping = worker.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stopped).toBe(false);
      release?.();
      await stopping;
      expect(started).toEqual(['u-a']);
      expect((await inbox.list({ states: ['done'] })).length).toBe(1);
      expect((await inbox.list({ states: ['waiting'] })).length).toBe(1);
    });
  });
}
