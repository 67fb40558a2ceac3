/**
 * createPoaLedger on the memory store and on small real stores that fail the ways a store can:
 * options, the claim's wait, the handler's failure and timeout, store failures and garbage, and the
 * records reported. Through the receiver as well (handlePoaWebhook; every adapter shares it).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { handlePoaWebhook, type PoaDeliveryRecord, type PoaVerificationEvent, type PoaWebhookContext } from '../../src/index.ts';
import { createMemoryLedgerStore, createPoaLedger, type PoaLedgerStore } from '../../src/ledger.ts';
import { createPoaWebhookRequest } from '../../src/testing.ts';

const context = (): PoaWebhookContext => ({ receivedAt: new Date(), method: 'POST', url: undefined, header: () => undefined });
const event = (externalUserId: string, status: PoaVerificationEvent['status']): PoaVerificationEvent => ({ externalUserId, status });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const memory = createMemoryLedgerStore();
const failing: Record<string, PoaLedgerStore> = {
  'a claim that rejects': { ...memory, claim: () => Promise.reject(new Error('ECONNREFUSED')) },
  'a claim that is not an object': { ...memory, claim: () => Promise.resolve('OK' as never) },
  'a record with a negative seq': { ...memory, claim: async (u, l) => ({ ...(await memory.claim(u, l))!, record: { seq: -1 } as never }) },
  'a record with an unknown status': {
    ...memory,
    claim: async (u, l) => ({ ...(await memory.claim(u, l))!, record: { seq: 1, status: 'ARCHIVED', round: 1, appliedAt: 1, appliedSeq: 1, lastApplied: {}, uploadSeq: 0, uploadAt: 0 } as never }),
  },
  'a commit that rejects': { ...memory, claim: async (u, l) => ({ ...(await memory.claim(u, l))!, commit: () => Promise.reject(new Error('timeout')) }) },
  'a commit that finds the lease lost': { ...memory, claim: async (u, l) => ({ ...(await memory.claim(u, l))!, commit: () => Promise.resolve(false) }) },
};
describe('createPoaLedger options', () => {
  const store = createMemoryLedgerStore();
  it.each([
    ['no options', undefined],
    ['no store', {}],
    ['a store without claim', { store: { recordUpload: () => {}, get: () => {} } }],
    ['a zero horizon', { store, retryHorizonMs: 0 }],
    ['a NaN horizon', { store, retryHorizonMs: Number.NaN }],
    ['an infinite lease', { store, leaseMs: Number.POSITIVE_INFINITY }],
    ['a negative wait', { store, waitMs: -1 }],
    ['a clock that is not a function', { store, now: 5 }],
    ['a fractional lease (stores keep whole milliseconds)', { store, leaseMs: 1000 / 3 }],
    ['a fractional horizon', { store, retryHorizonMs: 600_000.5 }],
    ['a fractional wait', { store, waitMs: 0.5 }],
  ])('throws a TypeError for %s', (_, options) => {
    expect(() => createPoaLedger(options as never)).toThrow(TypeError);
  });

  it.each([[''], ['x'.repeat(257)], ['\uD800'], ['a\uDC00b'], [42]])('rejects the user id %j with a TypeError', async (id) => {
    const ledger = createPoaLedger({ store });
    await expect(ledger.recordUpload(id as string)).rejects.toThrow(TypeError);
    await expect(ledger.get(id as string)).rejects.toThrow(TypeError);
  });
});

describe('createPoaLedger deliveries', () => {
  it('applies, then answers a repeat duplicate and a late retry stale, without the handler; get() tells the state', async () => {
    const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
    const calls: string[] = [];
    const run = (e: PoaVerificationEvent) => void calls.push(e.status);
    const records: PoaDeliveryRecord[] = [];
    const onDecision = (r: PoaDeliveryRecord) => void records.push(r);
    await ledger.deliver(event('u', 'REJECTED'), run, { context: context(), onDecision });
    await ledger.deliver(event('u', 'REJECTED'), run, { context: context(), onDecision });
    await ledger.deliver(event('u', 'WAITING'), run, { context: context(), onDecision });
    expect(calls).toEqual(['REJECTED']);
    expect(records.map((r) => [r.status, r.decision, r.round])).toEqual([['REJECTED', 'applied', 1], ['REJECTED', 'duplicate', 1], ['WAITING', 'stale', 1]]);
    expect(records.every((r) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(r.receiptId))).toBe(true);
    expect(new Set(records.map((r) => r.receiptId)).size).toBe(3);
    expect([...records.map((r) => r.receiptId)].sort()).toEqual(records.map((r) => r.receiptId)); // minted in time order
    const state = await ledger.get('u');
    expect(state?.status).toBe('REJECTED');
    expect(state?.appliedAt).toBeInstanceOf(Date);
    await ledger.recordUpload('u');
    expect((await ledger.deliver(event('u', 'WAITING'), run, { context: context() })).decision).toBe('applied');
    expect((await ledger.get('u'))?.round).toBe(2);
  });

  it('records nothing when the handler fails, so the retry applies it', async () => {
    const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
    await expect(ledger.deliver(event('u', 'APPROVED'), () => { throw new Error('db down'); }, { context: context() })).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
    expect(await ledger.get('u')).toBeUndefined();
    expect((await ledger.deliver(event('u', 'APPROVED'), () => {}, { context: context() })).decision).toBe('applied');
  });

  it('makes a second delivery for the user wait for the first, then DELIVERY_IN_PROGRESS past waitMs', async () => {
    const ledger = createPoaLedger({ store: createMemoryLedgerStore(), waitMs: 300 });
    let finish!: () => void;
    const first = ledger.deliver(event('u', 'WAITING'), () => new Promise<void>((r) => (finish = r)), { context: context() });
    await sleep(10);
    const second = ledger.deliver(event('u', 'APPROVED'), () => {}, { context: context() });
    await sleep(50);
    finish();
    expect((await first).decision).toBe('applied');
    expect((await second).decision).toBe('applied'); // it waited, then went on from WAITING
    const slow = ledger.deliver(event('v', 'WAITING'), () => sleep(600), { context: context() });
    await sleep(10);
    await expect(ledger.deliver(event('v', 'APPROVED'), () => {}, { context: context() })).rejects.toMatchObject({ code: 'DELIVERY_IN_PROGRESS', httpStatus: 503 });
    await slow;
  });

  it('renews the lease while a handler outlives it, and frees a crashed holder\'s lease after leaseMs', async () => {
    const store = createMemoryLedgerStore();
    const ledger = createPoaLedger({ store, leaseMs: 60, waitMs: 0 });
    const long = ledger.deliver(event('u', 'WAITING'), () => sleep(250), { context: context() });
    await sleep(150); // past two leases: still held thanks to the renewals
    await expect(ledger.deliver(event('u', 'APPROVED'), () => {}, { context: context() })).rejects.toMatchObject({ code: 'DELIVERY_IN_PROGRESS' });
    await long;
    // A holder that died: a claim never committed nor released.
    await store.claim('w', { token: 'dead', now: Date.now(), leaseMs: 60, context: {} });
    await expect(ledger.deliver(event('w', 'WAITING'), () => {}, { context: context() })).rejects.toMatchObject({ code: 'DELIVERY_IN_PROGRESS' });
    await sleep(80);
    expect((await ledger.deliver(event('w', 'WAITING'), () => {}, { context: context() })).decision).toBe('applied');
  });


  it.each(Object.keys(failing))('answers LEDGER_UNAVAILABLE, never a decision, for %s', async (name) => {
    const ledger = createPoaLedger({ store: failing[name] as PoaLedgerStore });
    const records: unknown[] = [];
    await expect(ledger.deliver(event(`u-${name.length}-${Math.random()}`, 'APPROVED'), () => {}, { context: context(), onDecision: (r) => void records.push(r) })).rejects.toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
      httpStatus: 503,
    });
    expect(records).toEqual([]);
  });

  it.each([
    ['rejects', { ...memory, recordUpload: () => Promise.reject(new Error('ECONNREFUSED')), get: () => Promise.reject(new Error('ECONNREFUSED')) }],
    ['answers garbage', { ...memory, get: () => Promise.resolve({ seq: 1, status: 'ARCHIVED' } as never) }],
  ])('answers LEDGER_UNAVAILABLE from recordUpload and get when the store %s', async (what, store) => {
    const ledger = createPoaLedger({ store: store as PoaLedgerStore });
    if (what === 'rejects') await expect(ledger.recordUpload('u')).rejects.toMatchObject({ name: 'PoaWebhookError', code: 'LEDGER_UNAVAILABLE', httpStatus: 503 });
    await expect(ledger.get('u')).rejects.toMatchObject({ name: 'PoaWebhookError', code: 'LEDGER_UNAVAILABLE', httpStatus: 503 });
  });

  it('hands the handler the delivery\'s context', async () => {
    const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
    const ctx = context();
    const seen: unknown[] = [];
    await ledger.deliver(event('u', 'WAITING'), (e, c) => void seen.push(e, c), { context: ctx });
    expect(seen).toEqual([event('u', 'WAITING'), ctx]);
    expect(seen[1]).toBe(ctx);
  });

  it('keeps no process alive with its lease renewals', async () => {
    // The ledger alone, bundled, in a child process whose only pending work is a handler that never settles.
    const cache = resolve(import.meta.dirname, '../../node_modules/.cache');
    await mkdir(cache, { recursive: true });
    const dir = await mkdtemp(join(cache, 'ledger-unref-'));
    try {
      const bundle = join(dir, 'ledger.mjs');
      await build({ entryPoints: [resolve(import.meta.dirname, '../../src/ledger.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: bundle, logLevel: 'silent' });
      const script = `const { createMemoryLedgerStore, createPoaLedger } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const ledger = createPoaLedger({ store: createMemoryLedgerStore(), leaseMs: 30 });
ledger.deliver({ externalUserId: 'u', status: 'WAITING' }, () => new Promise(() => {}), { context: {} });`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exit = await new Promise<number | string>((done) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          done('still running after 3 s');
        }, 3_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          done(code ?? 'killed');
        });
      });
      expect([exit, output]).toEqual([0, '']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is unchanged by an onDecision that throws or rejects', async () => {
    const ledger = createPoaLedger({ store: createMemoryLedgerStore() });
    expect((await ledger.deliver(event('u', 'WAITING'), () => {}, { context: context(), onDecision: () => { throw new Error('log down'); } })).decision).toBe('applied');
    expect((await ledger.deliver(event('u', 'WAITING'), () => {}, { context: context(), onDecision: () => Promise.reject(new Error('log down')) as never })).decision).toBe('duplicate');
  });
});

describe('the ledger through the receiver', () => {
  const SECRET = 'ledger-secret';
  it('answers 200 for applied, duplicate and stale, runs the handler once, and answers 503 with the code for a failing store', async () => {
    const calls: string[] = [];
    const decisions: string[] = [];
    const options = { secret: SECRET, ledger: createPoaLedger({ store: createMemoryLedgerStore() }), onEvent: (e: PoaVerificationEvent) => void calls.push(e.status), onDecision: (r: PoaDeliveryRecord) => void decisions.push(r.decision) };
    for (const status of ['REJECTED', 'REJECTED', 'WAITING'] as const) {
      const response = await handlePoaWebhook(createPoaWebhookRequest({ externalUserId: 'u-1', status }, { secret: SECRET }), options);
      expect([response.status, response.body]).toEqual([200, '{}']);
    }
    expect(calls).toEqual(['REJECTED']);
    expect(decisions).toEqual(['applied', 'duplicate', 'stale']);
    const errors: string[] = [];
    const down = { secret: SECRET, ledger: createPoaLedger({ store: failing['a claim that rejects'] as PoaLedgerStore }), onEvent: () => {}, onError: (e: { code: string }) => void errors.push(e.code) };
    const response = await handlePoaWebhook(createPoaWebhookRequest({ externalUserId: 'u-2', status: 'WAITING' }, { secret: SECRET }), down);
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'LEDGER_UNAVAILABLE' } });
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(errors).toEqual(['LEDGER_UNAVAILABLE']);
  });

  it('answers HANDLER_TIMEOUT for a handler that outlives handlerTimeoutMs, records it when it succeeds, so the retry is a duplicate', async () => {
    let calls = 0;
    const options = { secret: SECRET, handlerTimeoutMs: 30, ledger: createPoaLedger({ store: createMemoryLedgerStore() }), onEvent: async () => { calls++; await sleep(80); } };
    const request = () => createPoaWebhookRequest({ externalUserId: 'u-slow', status: 'APPROVED' }, { secret: SECRET });
    expect((await handlePoaWebhook(request(), options)).status).toBe(503);
    await sleep(100);
    expect((await handlePoaWebhook(request(), options)).status).toBe(200);
    expect(calls).toBe(1);
  });

});

it('decides the DELIVERY-GUARANTEES reorder example: REJECTED applied at 86 s, WAITING at 120 s stale', async () => {
  let clock = 0;
  const ledger = createPoaLedger({ store: createMemoryLedgerStore(), now: () => clock });
  clock = 86_000;
  expect((await ledger.deliver(event('u', 'REJECTED'), () => {}, { context: context() })).decision).toBe('applied');
  clock = 120_000;
  expect((await ledger.deliver(event('u', 'WAITING'), () => {}, { context: context() })).decision).toBe('stale');
  expect((await ledger.get('u'))?.status).toBe('REJECTED');
});

it('mints receipt ids that sort in the order they were minted, within one millisecond and with the clock set back', async () => {
  const { mintReceiptId } = await import('../../src/ledger/receipt-id.ts');
  const ids = [mintReceiptId(5_000), ...Array.from({ length: 2_000 }, () => mintReceiptId(5_000)), mintReceiptId(4_000), mintReceiptId(6_000)];
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
});

it('hands stores whole milliseconds from a clock with fractions, and answers LEDGER_UNAVAILABLE for a clock that reads no time', async () => {
  const seen: number[] = [];
  const memory = createMemoryLedgerStore();
  const store: PoaLedgerStore = {
    ...memory,
    claim: (user, lease) => (seen.push(lease.now, lease.leaseMs), memory.claim(user, lease)),
    recordUpload: (user, at) => (seen.push(at), memory.recordUpload(user, at)),
  };
  const fractional = createPoaLedger({ store, now: () => 1_700_000_000_000.75 });
  await fractional.recordUpload('u');
  expect((await fractional.deliver(event('u', 'WAITING'), () => {}, { context: context() })).decision).toBe('applied');
  expect(seen).toEqual([1_700_000_000_000, 1_700_000_000_000, 10_000]);
  expect((await fractional.get('u'))?.appliedAt.getTime()).toBe(1_700_000_000_000);
  for (const reading of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
    const broken = createPoaLedger({ store: createMemoryLedgerStore(), now: () => reading });
    await expect(broken.deliver(event('v', 'WAITING'), () => {}, { context: context(), receiptId: 'r-1' })).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
    await expect(broken.recordUpload('v')).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
  }
});
