import { describe, expect, it } from 'vitest';
import { handleP100Webhook, handlePoaWebhook, type P100WebhooksOptions, type PoaDeliveryRecord, type PoaWebhookError, type PoaWebhookOptions } from '../../src/index.ts';
import { createMemoryLedgerStore, createPoaLedger, type PoaLedger, type PoaLedgerStore } from '../../src/ledger.ts';
import { createMemoryInbox, type PoaInbox } from '../../src/inbox.ts';
import { ADAPTERS, type AdapterUnderTest, type AnyWebhookOptions, type Delivery, WEBHOOK_PATH } from '../support/adapters.ts';
import { CONTRACT_CASES, type ContractCase, LEDGER_USER, type LedgerSetup, SECRET } from './contract-cases.ts';

interface Recorder {
  readonly options: AnyWebhookOptions;
  readonly calls: unknown[];
  readonly errors: PoaWebhookError[];
  readonly decisions: PoaDeliveryRecord[];
  readonly ledger: PoaLedger | undefined;
  readonly inbox: PoaInbox | undefined;
}

/** The inbox of an inbox case: a memory inbox, or one whose enqueue rejects (with the secret in its text) or never settles. */
function openInbox(kind: NonNullable<ContractCase['inbox']>): PoaInbox {
  const inbox = createMemoryInbox();
  if (kind === 'memory') return inbox;
  const enqueue = kind === 'unreachable' ? () => Promise.reject(new Error(`db down: ${SECRET}`)) : () => new Promise<string>(() => {});
  return { ...inbox, enqueue };
}

/**
 * A store whose server is down: every operation rejects, as a driver does when the connection is
 * refused (the error text carries the secret, which must never reach the answer).
 */
const unreachableStore = (): PoaLedgerStore => {
  const down = () => Promise.reject(new Error(`db down: connect ECONNREFUSED 127.0.0.1:5432 (${SECRET})`));
  return { claim: down, recordUpload: down, get: down };
};

/** A fresh ledger for the case, brought to the state its steps describe (directly, not through an adapter). */
async function openLedger(setup: LedgerSetup): Promise<PoaLedger> {
  const store = setup.store === 'memory' ? createMemoryLedgerStore() : unreachableStore();
  let shift = 0;
  const ledger = createPoaLedger({ store, now: () => Date.now() + shift, ...(setup.waitMs === undefined ? {} : { waitMs: setup.waitMs }) });
  const context = { receivedAt: new Date(), method: 'POST', url: undefined, header: () => undefined };
  for (const step of setup.before ?? []) {
    if ('heldByAnotherReceiver' in step) {
      await store.claim(LEDGER_USER, { token: 'another-receiver', now: Date.now(), leaseMs: 60_000, context: {} });
      continue;
    }
    shift = -(step.ago ?? 0);
    if ('upload' in step) await ledger.recordUpload(LEDGER_USER);
    else expect((await ledger.deliver({ externalUserId: LEDGER_USER, status: step.applied }, () => {}, { context })).decision).toBe('applied');
  }
  shift = 0;
  return ledger;
}

async function record(c: ContractCase, routed = false): Promise<Recorder> {
  const calls: unknown[] = [];
  const errors: PoaWebhookError[] = [];
  const decisions: PoaDeliveryRecord[] = [];
  const behaviour = c.handler ?? 'ok';
  const run = (event: unknown): unknown => {
    calls.push(event);
    if (behaviour === 'throw' || (behaviour === 'throw-once' && calls.length === 1)) throw new Error(`db down: ${SECRET}`);
    if (behaviour === 'reject') return Promise.reject(new Error(`db down: ${SECRET}`));
    if (behaviour === 'hang') return new Promise((resolve) => setTimeout(resolve, 1_000));
    return undefined;
  };
  const ledger = c.ledger === undefined ? undefined : await openLedger(c.ledger);
  const base = {
    ...(ledger === undefined ? {} : { ledger, onDecision: (r: PoaDeliveryRecord) => void decisions.push(r) }),
    secret: c.secret ?? SECRET,
    onError: (error: PoaWebhookError) => void errors.push(error),
    handlerTimeoutMs: behaviour === 'hang' ? 30 : 5_000,
    ...(c.maxBodyBytes === undefined ? {} : { maxBodyBytes: c.maxBodyBytes }),
    ...(c.path === undefined ? {} : { path: c.path }),
  };
  const inbox = c.inbox === undefined ? undefined : openInbox(c.inbox);
  const options: PoaWebhookOptions =
    inbox !== undefined
      ? { secret: base.secret, onError: base.onError, handlerTimeoutMs: base.handlerTimeoutMs, inbox, ...(c.maxBodyBytes === undefined ? {} : { maxBodyBytes: c.maxBodyBytes }) }
      : behaviour === 'per-status'
      ? { ...base, on: { WAITING: run, APPROVED: run, REJECTED: run, QUESTIONED: run } }
      : behaviour === 'unknown-status-handler'
        ? { ...base, onEvent: run, onUnknownStatus: run }
        : { ...base, onEvent: run };
  return { options: routed ? asRoute(options) : options, calls, errors, decisions, ledger, inbox };
}

/**
 * The same options as the one POA route of `webhooks` (what `handleP100Webhook` and every adapter
 * take for several webhooks on one server): the answers must not change.
 */
function asRoute(options: PoaWebhookOptions): P100WebhooksOptions {
  const { on, onEvent, onUnknownStatus, path, inbox, ...shared } = options;
  if (inbox !== undefined || path !== undefined) throw new Error('no route form for inbox or path cases');
  const handlers = on === undefined ? { onEvent } : { on };
  return { ...shared, webhooks: { poaVerificationStatus: { ...handlers, ...(onUnknownStatus === undefined ? {} : { onUnknownStatus }) } as never } };
}

/** The answer of the core itself (after the same earlier attempts), the reference every adapter must reproduce. */
async function reference(c: ContractCase, delivery: Delivery): Promise<unknown> {
  const options = (await record(c)).options as PoaWebhookOptions;
  let response;
  for (let attempt = 0; attempt <= (c.earlier?.length ?? 0); attempt++) {
    response = await handlePoaWebhook(
      {
        method: delivery.method ?? 'POST',
        headers: delivery.headers ?? {},
        body: delivery.body ?? null,
        url: delivery.path ?? '/webhook/poa-verification/status',
      },
      options,
    );
  }
  return JSON.parse(response?.body ?? '');
}

/** The cases the POA route of `webhooks` serves as POA-only options do: every path of its own is the documented one. */
const routable = (c: ContractCase): boolean =>
  c.path === undefined && c.inbox === undefined && (c.delivery.path === undefined || c.delivery.path.startsWith(WEBHOOK_PATH));

/** `handleP100Webhook` itself, given the same options (POA-only ones too: that is how it takes an inbox). */
const coreP100: AdapterUnderTest = {
  name: 'handleP100Webhook',
  supports: () => true,
  async deliver(options, delivery) {
    const response = await handleP100Webhook(
      { method: delivery.method ?? 'POST', headers: delivery.headers ?? {}, body: delivery.body ?? null, url: delivery.path ?? WEBHOOK_PATH },
      options,
    );
    return { status: response.status, headers: response.headers, text: response.body, json: JSON.parse(response.body) };
  },
};

describe.each([...ADAPTERS, coreP100].flatMap((adapter) => [
  { adapter, routed: false, name: adapter.name },
  { adapter, routed: true, name: `${adapter.name}, the POA route of \`webhooks\`` },
]))('adapter $name', ({ adapter, routed }) => {
  const cases = CONTRACT_CASES.filter((c) => adapter.supports(c.delivery) && (!routed || routable(c)));

  it('should carry nearly every case of the list', () => {
    expect(cases.length).toBeGreaterThanOrEqual(CONTRACT_CASES.filter((c) => !routed || routable(c)).length - 4);
  });

  it.each(cases)('should $description', async (c) => {
    const recorder = await record(c, routed);
    for (const earlier of c.earlier ?? []) {
      const answer = await adapter.deliver(recorder.options, c.delivery);
      expect([answer.status, (answer.json as { error?: { code?: string } }).error?.code]).toEqual([earlier.status, earlier.code]);
    }
    recorder.errors.length = 0;
    const answer = await adapter.deliver(recorder.options, c.delivery);

    expect(answer.status).toBe(c.status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json).toEqual(await reference(c, c.delivery));
    expect(recorder.calls).toHaveLength(c.calls);
    if (c.event !== undefined) expect(recorder.calls[0]).toEqual(c.event);
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).not.toContain('db down');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    if (c.code === undefined) {
      expect(answer.json).toEqual({});
      expect(recorder.errors).toEqual([]);
    } else {
      const error = (answer.json as { error: { code: string; message: string; issues?: { path: string }[] } }).error;
      expect(error.code).toBe(c.code);
      expect(typeof error.message).toBe('string');
      if (c.issuePaths !== undefined) expect(error.issues?.map((issue) => issue.path)).toEqual(c.issuePaths);
      else expect(error.issues).toBeUndefined();
      expect(recorder.errors.map((e) => e.code)).toEqual([c.code]);
    }
    if (c.status === 405) expect(answer.headers['allow']).toBe('POST');
    if (c.ledger !== undefined) {
      expect(recorder.decisions.map((r) => r.decision)).toEqual(c.ledger.decisions);
      for (const r of recorder.decisions) expect(r).toMatchObject({ externalUserId: LEDGER_USER, receiptId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) });
      if (c.ledger.store === 'memory') expect((await recorder.ledger?.get(LEDGER_USER))?.status).toBe(c.ledger.state);
    }
    if (c.queued !== undefined && c.inbox === 'memory') {
      const entries = await recorder.inbox?.list();
      expect(entries?.map((entry) => entry.message?.event)).toEqual(c.queued);
      for (const entry of entries ?? []) {
        expect(entry.message).toMatchObject({ v: 1, webhook: 'poaVerificationStatus', method: 'POST' });
        expect(entry.message?.headers['authorization']).toBeUndefined();
        expect(JSON.stringify(entry.message)).not.toContain(SECRET);
      }
    }
  });
});
