/**
 * Several webhooks on one server (`webhooks`): one case list through the core's handleP100Webhook
 * and every adapter. The path picks the route; the same checks in the same order follow; `custom`
 * routes validate with any Standard Schema v1 (valibot, zod 4, arktype; sync or async). Then the
 * option TypeErrors, thrown at once by every factory.
 */
import { readFileSync } from 'node:fs';
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFetchHandler } from '../../src/fetch.ts';
import { handleP100Webhook, type P100WebhooksOptions, type PoaWebhookError } from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createMemoryInbox } from '../../src/inbox.ts';
import { createMemoryLedgerStore, createPoaLedger } from '../../src/ledger.ts';
import { createNodeHandler } from '../../src/node.ts';
import { ADAPTERS, type AdapterUnderTest, type Answer, type Delivery, WEBHOOK_PATH } from '../support/adapters.ts';

const SECRET = 'routing-secret-0123456789';
const auth = { authorization: `Bearer ${SECRET}` };
const post = (path: string, body: unknown, headers: Record<string, string> = auth): Delivery => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** A route's schema, by the library that made it; every one accepts `{ externalUserId, txHash, amount }`. */
const SCHEMAS = {
  valibot: v.object({ externalUserId: v.string(), txHash: v.string(), amount: v.pipe(v.string(), v.transform(Number)) }),
  zod: z.object({ externalUserId: z.string(), txHash: z.string(), amount: z.string().transform(Number) }),
  zodAsync: z.object({ externalUserId: z.string(), txHash: z.string(), amount: z.string() }).refine(async () => true),
  arktype: type({ externalUserId: 'string', txHash: 'string', amount: 'string' }),
  nested: v.object({ items: v.array(v.object({ id: v.string() })) }),
  throwing: { '~standard': { version: 1, vendor: 'test', validate: () => { throw new Error(`schema bug ${SECRET}`); } } } as const,
  rejecting: { '~standard': { version: 1, vendor: 'test', validate: () => Promise.reject(new Error(`schema bug ${SECRET}`)) } } as const,
} as const;
type SchemaName = keyof typeof SCHEMAS;
const deposit = { externalUserId: 'u-1', txHash: '0xabc', amount: '12.5' };

interface RoutingCase {
  readonly description: string;
  readonly delivery: Delivery;
  readonly status: number;
  readonly code?: string;
  readonly issuePaths?: readonly string[];
  /** Which handler ran, with what event; `[]` when none did. */
  readonly calls: readonly (readonly [string, unknown])[];
  /** Make the custom routes' handler throw. */
  readonly handlerThrows?: boolean;
}

const CASES: readonly RoutingCase[] = [
  { description: 'serve POA at its documented path', delivery: post(WEBHOOK_PATH, { externalUserId: 'u-1', status: 'APPROVED' }), status: 200, calls: [['APPROVED', { externalUserId: 'u-1', status: 'APPROVED' }]] },
  { description: 'serve POA with a query string', delivery: post(`${WEBHOOK_PATH}?attempt=2`, { externalUserId: 'u-1', status: 'WAITING' }), status: 200, calls: [['WAITING', { externalUserId: 'u-1', status: 'WAITING' }]] },
  { description: 'hand a valibot route its schema output', delivery: post('/webhook/valibot', deposit), status: 200, calls: [['valibot', { ...deposit, amount: 12.5 }]] },
  { description: 'hand a zod route its schema output', delivery: post('/webhook/zod', deposit), status: 200, calls: [['zod', { ...deposit, amount: 12.5 }]] },
  { description: 'wait for a schema that validates asynchronously', delivery: post('/webhook/zodAsync', deposit), status: 200, calls: [['zodAsync', deposit]] },
  { description: 'hand an arktype route its schema output', delivery: post('/webhook/arktype', deposit), status: 200, calls: [['arktype', deposit]] },
  { description: 'leave fields the schema strips out of the event', delivery: post('/webhook/valibot', { ...deposit, extra: 1 }), status: 200, calls: [['valibot', { ...deposit, amount: 12.5 }]] },
  { description: 'answer a schema issue 400 INVALID_PAYLOAD with its path', delivery: post('/webhook/valibot', { ...deposit, amount: 12.5 }), status: 400, code: 'INVALID_PAYLOAD', issuePaths: ['amount'], calls: [] },
  { description: 'answer an async schema issue 400 INVALID_PAYLOAD', delivery: post('/webhook/zodAsync', { externalUserId: 'u-1' }), status: 400, code: 'INVALID_PAYLOAD', issuePaths: ['txHash', 'amount'], calls: [] },
  { description: 'give a nested issue a dotted path', delivery: post('/webhook/nested', { items: [{ id: 'a' }, { id: 7 }] }), status: 400, code: 'INVALID_PAYLOAD', issuePaths: ['items.1.id'], calls: [] },
  { description: 'answer a schema that throws 500 HANDLER_FAILED', delivery: post('/webhook/throwing', deposit), status: 500, code: 'HANDLER_FAILED', calls: [] },
  { description: 'answer a schema that rejects 500 HANDLER_FAILED', delivery: post('/webhook/rejecting', deposit), status: 500, code: 'HANDLER_FAILED', calls: [] },
  { description: 'answer a custom handler that throws 500 HANDLER_FAILED', delivery: post('/webhook/valibot', deposit), status: 500, code: 'HANDLER_FAILED', calls: [['valibot', { ...deposit, amount: 12.5 }]], handlerThrows: true },
  { description: 'answer a path no route serves 404 NOT_FOUND', delivery: post('/webhook/user/status', { externalUserId: 'u-1', status: 'ACTIVE' }), status: 404, code: 'NOT_FOUND', calls: [] },
  { description: 'answer the root path 404 NOT_FOUND', delivery: post('/', deposit), status: 404, code: 'NOT_FOUND', calls: [] },
  { description: 'answer GET on a custom route 405', delivery: { method: 'GET', path: '/webhook/valibot', headers: auth }, status: 405, code: 'METHOD_NOT_ALLOWED', calls: [] },
  { description: 'refuse a wrong token on a custom route before its schema', delivery: post('/webhook/throwing', deposit, { authorization: 'Bearer wrong' }), status: 401, code: 'UNAUTHORIZED', calls: [] },
  { description: 'refuse a missing token on a custom route', delivery: post('/webhook/valibot', deposit, {}), status: 401, code: 'UNAUTHORIZED', calls: [] },
  { description: 'refuse invalid JSON on a custom route', delivery: post('/webhook/valibot', '{"externalUserId":'), status: 400, code: 'INVALID_JSON', calls: [] },
  { description: 'refuse a custom body over maxBodyBytes', delivery: post('/webhook/valibot', { ...deposit, pad: 'x'.repeat(300) }), status: 413, code: 'PAYLOAD_TOO_LARGE', calls: [] },
  { description: 'refuse an empty custom body', delivery: post('/webhook/valibot', ''), status: 400, code: 'EMPTY_BODY', calls: [] },
];

function recorder(c: RoutingCase) {
  const calls: [string, unknown][] = [];
  const errors: PoaWebhookError[] = [];
  const poa = (event: { status: string }) => void calls.push([event.status, event]);
  const custom = (name: SchemaName) => ({
    path: `/webhook/${name}`,
    schema: SCHEMAS[name],
    onEvent: (event: unknown) => {
      calls.push([name, event]);
      if (c.handlerThrows === true) throw new Error(`db down ${SECRET}`);
    },
  });
  const options: P100WebhooksOptions = {
    secret: SECRET,
    maxBodyBytes: 256,
    onError: (error) => void errors.push(error),
    webhooks: {
      poaVerificationStatus: { on: { WAITING: poa, APPROVED: poa, REJECTED: poa, QUESTIONED: poa } },
      custom: Object.fromEntries((Object.keys(SCHEMAS) as SchemaName[]).map((name) => [name, custom(name)])),
    },
  };
  return { options, calls, errors };
}

/** The core itself, as an adapter: the request handed to handleP100Webhook as a plain object. */
const core: AdapterUnderTest = {
  name: 'handleP100Webhook',
  supports: () => true,
  async deliver(options, delivery) {
    const r = await handleP100Webhook(
      { method: delivery.method ?? 'POST', url: delivery.path ?? WEBHOOK_PATH, headers: delivery.headers ?? {}, body: delivery.body ?? null },
      options as P100WebhooksOptions,
    );
    return { status: r.status, headers: r.headers as Record<string, string>, text: r.body, json: JSON.parse(r.body) } satisfies Answer;
  },
};

describe.each([core, ...ADAPTERS])('$name with several webhooks', (adapter) => {
  it.each(CASES.filter((c) => adapter.supports(c.delivery)))('should $description', async (c) => {
    const { options, calls, errors } = recorder(c);
    const answer = await adapter.deliver(options, c.delivery);
    expect(answer.status).toBe(c.status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(calls).toEqual(c.calls);
    expect(answer.text).not.toContain(SECRET);
    if (c.code === undefined) {
      expect(answer.json).toEqual({});
      expect(errors).toEqual([]);
    } else {
      const { error } = answer.json as { error: { code: string; issues?: { path: string }[] } };
      expect(error.code).toBe(c.code);
      expect(error.issues?.map((issue) => issue.path)).toEqual(c.issuePaths);
      expect(errors.map((e) => e.code)).toEqual([c.code]);
    }
    if (c.status === 405) expect(answer.headers['allow']).toBe('POST');
  });
});

/**
 * Every documented webhook served beside the others: P100's documented body, each status to its own
 * `on` handler, an unknown status (400, or `onUnknownStatus`), a shape error with its issue path,
 * and the head checks on its path. The same list for each, through every adapter.
 */
const DOCUMENTED = [
  {
    key: 'poaVerificationStatus',
    path: WEBHOOK_PATH,
    field: 'status',
    statuses: ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'],
    event: (status: string) => ({ externalUserId: 'u-1', status }),
  },
  {
    key: 'kycVerificationStatus',
    path: '/webhook/kyc/status',
    field: 'verificationStatus',
    statuses: ['NOT_VERIFIED', 'VERIFIED', 'EXPIRED'],
    event: (verificationStatus: string) => ({ externalUserId: 'u-1', verificationStatus, attemptStatus: 'SUCCESSFUL', rejectionReason: null }),
  },
  { key: 'kycFileAdded', path: '/webhook/kyc/file', field: 'status', statuses: ['ADDED', 'ERROR'], event: (status: string) => ({ externalUserId: 'u-1', status }) },
  { key: 'userStatus', path: '/webhook/user/status', field: 'status', statuses: ['ACTIVE'], event: (status: string) => ({ externalUserId: 'u-1', status }) },
] as const;
const fixture = (dir: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/payloads/${dir}/documented.json`, import.meta.url), 'utf8'));

interface DocumentedCase extends RoutingCase {
  readonly unknownHandler?: boolean;
}
const DOCUMENTED_CASES: readonly DocumentedCase[] = DOCUMENTED.flatMap((w): DocumentedCase[] => {
  const body = w.key === 'poaVerificationStatus' ? JSON.parse(readFileSync(new URL('../fixtures/payloads/approved.json', import.meta.url), 'utf8')) : fixture(w.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  const unknown = { ...w.event(w.statuses[0]), [w.field]: 'SOMETHING_NEW' };
  return [
    { description: `${w.key}: answer P100's documented body 200`, delivery: post(w.path, body), status: 200, calls: [[`${w.key}.${(body as Record<string, string>)[w.field]}`, body]] },
    ...w.statuses.map((status): DocumentedCase => ({ description: `${w.key}: run on.${status} for ${status}`, delivery: post(w.path, w.event(status)), status: 200, calls: [[`${w.key}.${status}`, w.event(status)]] })),
    { description: `${w.key}: answer an unknown status 400 UNKNOWN_STATUS`, delivery: post(w.path, unknown), status: 400, code: 'UNKNOWN_STATUS', calls: [] },
    { description: `${w.key}: hand an unknown status to onUnknownStatus`, delivery: post(w.path, unknown), status: 200, calls: [[`${w.key}.unknown`, unknown]], unknownHandler: true },
    { description: `${w.key}: refuse an empty externalUserId`, delivery: post(w.path, { ...w.event(w.statuses[0]), externalUserId: '' }), status: 400, code: 'INVALID_PAYLOAD', issuePaths: ['externalUserId'], calls: [] },
    { description: `${w.key}: refuse a status that is not a string`, delivery: post(w.path, { ...w.event(w.statuses[0]), [w.field]: 7 }), status: 400, code: 'INVALID_PAYLOAD', issuePaths: [w.field], calls: [] },
    { description: `${w.key}: refuse a wrong token`, delivery: post(w.path, w.event(w.statuses[0]), { authorization: 'wrong' }), status: 401, code: 'UNAUTHORIZED', calls: [] },
    { description: `${w.key}: answer GET 405`, delivery: { method: 'GET', path: w.path, headers: auth }, status: 405, code: 'METHOD_NOT_ALLOWED', calls: [] },
    { description: `${w.key}: refuse a body over maxBodyBytes`, delivery: post(w.path, { ...w.event(w.statuses[0]), pad: 'x'.repeat(300) }), status: 413, code: 'PAYLOAD_TOO_LARGE', calls: [] },
  ];
});

function documentedRecorder(c: DocumentedCase) {
  const calls: [string, unknown][] = [];
  const errors: PoaWebhookError[] = [];
  const route = (w: (typeof DOCUMENTED)[number]) => ({
    path: w.path,
    on: Object.fromEntries(w.statuses.map((status) => [status, (event: unknown) => void calls.push([`${w.key}.${status}`, event])])),
    ...(c.unknownHandler === true ? { onUnknownStatus: (payload: unknown) => void calls.push([`${w.key}.unknown`, payload]) } : {}),
  });
  const options = {
    secret: SECRET,
    maxBodyBytes: 256,
    onError: (error: PoaWebhookError) => void errors.push(error),
    webhooks: Object.fromEntries(DOCUMENTED.map((w) => [w.key, route(w)])),
  } as unknown as P100WebhooksOptions;
  return { options, calls, errors };
}

describe.each([core, ...ADAPTERS])('$name with every documented webhook', (adapter) => {
  it.each(DOCUMENTED_CASES.filter((c) => adapter.supports(c.delivery)))('should $description', async (c) => {
    const { options, calls, errors } = documentedRecorder(c);
    const answer = await adapter.deliver(options, c.delivery);
    expect(answer.status).toBe(c.status);
    expect(calls).toEqual(c.calls);
    if (c.code === undefined) expect(answer.json).toEqual({});
    else {
      const { error } = answer.json as { error: { code: string; issues?: { path: string }[] } };
      expect(error.code).toBe(c.code);
      expect(error.issues?.map((issue) => issue.path)).toEqual(c.issuePaths);
      expect(errors.map((e) => e.code)).toEqual([c.code]);
    }
  });
});

describe('the ledger with several webhooks', () => {
  it('should decide POA deliveries and leave custom routes to run every time', async () => {
    const calls: string[] = [];
    const decisions: string[] = [];
    // Options written apart from the call name their custom schemas, so that `onEvent` is typed.
    const options: P100WebhooksOptions<{ deposit: typeof SCHEMAS.arktype }> = {
      secret: SECRET,
      ledger: createPoaLedger({ store: createMemoryLedgerStore() }),
      onDecision: (record) => void decisions.push(record.decision),
      webhooks: {
        poaVerificationStatus: { onEvent: (event) => void calls.push(event.status) },
        custom: { deposit: { path: '/webhook/deposit', schema: SCHEMAS.arktype, onEvent: (event) => void calls.push(event.txHash) } },
      },
    };
    for (const delivery of [post(WEBHOOK_PATH, { externalUserId: 'u-9', status: 'APPROVED' }), post('/webhook/deposit', deposit)]) {
      for (let i = 0; i < 2; i++) expect((await core.deliver(options, delivery)).status).toBe(200);
    }
    expect(calls).toEqual(['APPROVED', '0xabc', '0xabc']);
    expect(decisions).toEqual(['applied', 'duplicate']);
  });
});

const handlers = { onEvent: () => {} };
/** Options every factory must refuse at once, with the TypeError's message. */
const INVALID: readonly { readonly description: string; readonly options: unknown; readonly message: RegExp }[] = [
  { description: 'no webhook at all', options: { secret: SECRET, webhooks: {} }, message: /at least one webhook/ },
  { description: 'webhooks that is not an object', options: { secret: SECRET, webhooks: 'poa' }, message: /`webhooks` must be an object/ },
  { description: 'a webhook this version does not know', options: { secret: SECRET, webhooks: { cryptoDeposit: { path: '/x', ...handlers } } }, message: /`webhooks.cryptoDeposit` is no webhook/ },
  {
    description: 'two routes on one path',
    options: { secret: SECRET, webhooks: { poaVerificationStatus: handlers, custom: { mine: { path: WEBHOOK_PATH, schema: SCHEMAS.zod, ...handlers } } } },
    message: /both served at "\/webhook\/poa-verification\/status"/,
  },
  { description: 'a POA route without a handler', options: { secret: SECRET, webhooks: { poaVerificationStatus: {} } }, message: /`webhooks.poaVerificationStatus`: give exactly one of `on`/ },
  { description: 'a POA route with on and onEvent', options: { secret: SECRET, webhooks: { poaVerificationStatus: { ...handlers, on: {} } } }, message: /give exactly one of `on`/ },
  { description: 'a POA route whose on misses a status', options: { secret: SECRET, webhooks: { poaVerificationStatus: { on: { WAITING: () => {} } } } }, message: /`on.APPROVED` must be a function/ },
  { description: 'a POA route path without a slash', options: { secret: SECRET, webhooks: { poaVerificationStatus: { path: 'webhook', ...handlers } } }, message: /`webhooks.poaVerificationStatus.path` must start with "\/"/ },
  { description: 'a custom route without a path', options: { secret: SECRET, webhooks: { custom: { mine: { schema: SCHEMAS.zod, ...handlers } } } }, message: /`webhooks.custom.mine.path` is required/ },
  { description: 'a custom route without a Standard Schema', options: { secret: SECRET, webhooks: { custom: { mine: { path: '/m', schema: {}, ...handlers } } } }, message: /`webhooks.custom.mine`: `schema` must be a Standard Schema/ },
  { description: 'a custom route without onEvent', options: { secret: SECRET, webhooks: { custom: { mine: { path: '/m', schema: SCHEMAS.zod } } } }, message: /`webhooks.custom.mine`: `onEvent` must be a function/ },
  { description: 'an inbox beside webhooks', options: { secret: SECRET, inbox: createMemoryInbox(), webhooks: { poaVerificationStatus: handlers } }, message: /`inbox` takes POA-only options, not `webhooks`/ },
  { description: 'a top-level onEvent beside webhooks', options: { secret: SECRET, ...handlers, webhooks: { poaVerificationStatus: handlers } }, message: /`onEvent` belongs to a route/ },
  { description: 'a KYC route without a path', options: { secret: SECRET, webhooks: { kycVerificationStatus: handlers } }, message: /`webhooks.kycVerificationStatus.path` is required/ },
  { description: 'a KYC File Added route without a path', options: { secret: SECRET, webhooks: { kycFileAdded: handlers } }, message: /`webhooks.kycFileAdded.path` is required/ },
  {
    description: 'a user status route on the POA path',
    options: { secret: SECRET, webhooks: { poaVerificationStatus: handlers, userStatus: { path: WEBHOOK_PATH, ...handlers } } },
    message: /`poaVerificationStatus` and `userStatus` are both served/,
  },
  { description: 'a KYC route whose on is keyed by status', options: { secret: SECRET, webhooks: { kycVerificationStatus: { path: '/k', on: { ACTIVE: () => {} } } } }, message: /`on.NOT_VERIFIED` must be a function/ },
  { description: 'no secret', options: { webhooks: { poaVerificationStatus: handlers } }, message: /`secret` must be/ },
  { description: 'a limit out of range', options: { secret: SECRET, maxBodyBytes: 0, webhooks: { poaVerificationStatus: handlers } }, message: /`maxBodyBytes` must be a positive integer/ },
];

const FACTORIES: readonly [string, (options: never) => unknown][] = [
  ['createNodeHandler', createNodeHandler],
  ['createFetchHandler', createFetchHandler],
  ['createLambdaHandler', createLambdaHandler],
];

describe.each(INVALID)('options with $description', ({ options, message }) => {
  it.each(FACTORIES)('should make %s throw a TypeError at once', (_, factory) => {
    expect(() => factory(options as never)).toThrow(TypeError);
    expect(() => factory(options as never)).toThrow(message);
  });
  it('should make handleP100Webhook reject with a TypeError', async () => {
    await expect(handleP100Webhook({ method: 'POST', url: WEBHOOK_PATH, headers: auth, body: '{}' }, options as never)).rejects.toThrow(TypeError);
    await expect(handleP100Webhook({ method: 'POST', url: WEBHOOK_PATH, headers: auth, body: '{}' }, options as never)).rejects.toThrow(message);
  });
});

/** Each message docs/webhooks.md shows ("Mistakes caught at start-up"), with options that make it. */
const DOCUMENTED_TYPE_ERRORS: readonly (readonly [string, unknown])[] = [
  ['`webhooks` must name at least one webhook.', { webhooks: {} }],
  ['`webhooks.cryptoDeposit` is no webhook this version knows', { webhooks: { cryptoDeposit: { path: '/d', ...handlers } } }],
  ['`webhooks.kycVerificationStatus.path` is required: P100 documents none.', { webhooks: { kycVerificationStatus: handlers } }],
  ['`webhooks.poaVerificationStatus.path` must start with "/".', { webhooks: { poaVerificationStatus: { path: 'webhook', ...handlers } } }],
  [
    '`poaVerificationStatus` and `userStatus` are both served at "/webhook/poa-verification/status"',
    { webhooks: { poaVerificationStatus: handlers, userStatus: { path: WEBHOOK_PATH, ...handlers } } },
  ],
  ['`webhooks.poaVerificationStatus`: give exactly one of `on` (a handler per status) or `onEvent`.', { webhooks: { poaVerificationStatus: {} } }],
  ['`webhooks.poaVerificationStatus`: `on.APPROVED` must be a function.', { webhooks: { poaVerificationStatus: { on: { WAITING: () => {} } } } }],
  ['`webhooks.custom.cryptoDeposit`: `schema` must be a Standard Schema.', { webhooks: { custom: { cryptoDeposit: { path: '/d', ...handlers } } } }],
  [': `onEvent` must be a function.', { webhooks: { custom: { cryptoDeposit: { path: '/d', schema: SCHEMAS.valibot } } } }],
  ['`onEvent` belongs to a route in `webhooks`.', { ...handlers, webhooks: { userStatus: handlers } }],
  ['`inbox` takes POA-only options, not `webhooks`.', { inbox: createMemoryInbox(), webhooks: { userStatus: handlers } }],
];

describe('docs/webhooks.md, "Mistakes caught at start-up"', () => {
  const guide = readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
  it.each(DOCUMENTED_TYPE_ERRORS)('should show %j as the factories word it', (message, options) => {
    expect(guide).toContain(message);
    expect(() => createFetchHandler({ secret: SECRET, ...(options as object) } as never)).toThrow(message);
  });
});
