/**
 * The one case list every adapter and event kind answers identically: every row of CONTRACT.md's
 * HTTP table, every payload rule, the authorization variants, and the delivery ledger's answers.
 */
import type { PoaDecision, PoaVerificationStatus, PoaWebhookErrorCode } from '../../src/index.ts';
import type { Delivery } from '../support/adapters.ts';

export const SECRET = 's3cret-token-0123456789';
export const OLD_SECRET = 'old-secret-9876543210';

/** How the handler under test behaves. */
export type HandlerBehaviour = 'ok' | 'throw' | 'reject' | 'throw-once' | 'hang' | 'unknown-status-handler' | 'per-status';

/**
 * What came before the delivery, for the user {@link LEDGER_USER}, made directly on the ledger (not
 * through the adapter, so neither the handler nor `onDecision` hears it): a status applied `ago` ms
 * before the delivery, the partner's upload, or another receiver's live claim on the user.
 */
export type LedgerStep =
  | { readonly applied: PoaVerificationStatus; readonly ago?: number }
  | { readonly upload: true; readonly ago?: number }
  | { readonly heldByAnotherReceiver: true };

/** A case delivered through a delivery ledger (`createPoaLedger`), fresh for the case. */
export interface LedgerSetup {
  /** `memory`: the memory store; `unreachable`: a store whose server is down (every operation rejects). */
  readonly store: 'memory' | 'unreachable';
  readonly before?: readonly LedgerStep[];
  /** The ledger's `waitMs`. */
  readonly waitMs?: number;
  /** What `onDecision` heard, in order, over every attempt through the adapter. */
  readonly decisions: readonly PoaDecision[];
  /** The user's status in the ledger afterwards (`undefined`: none applied). */
  readonly state: PoaVerificationStatus | undefined;
}

export interface ContractCase {
  readonly description: string;
  readonly delivery: Delivery;
  readonly status: number;
  /** The error code of the answer; `undefined` for a 2xx. */
  readonly code?: PoaWebhookErrorCode;
  /** How many times a handler (onEvent, on[status] or onUnknownStatus) runs. */
  readonly calls: number;
  readonly handler?: HandlerBehaviour;
  readonly secret?: string | readonly string[];
  readonly maxBodyBytes?: number;
  readonly path?: string;
  /** The INVALID_PAYLOAD issue paths, in order. */
  readonly issuePaths?: readonly string[];
  /** What the handler must have received (the typed event only). */
  readonly event?: unknown;
  readonly ledger?: LedgerSetup;
  /**
   * Inbox mode: the delivery is queued, no handler runs. `memory`: a memory inbox; `unreachable`:
   * one whose every enqueue rejects; `hanging`: one whose enqueue never settles.
   */
  readonly inbox?: 'memory' | 'unreachable' | 'hanging';
  /** In inbox mode: the events queued (only their typed fields), in order. */
  readonly queued?: readonly unknown[];
  /** The answers to earlier attempts of the same delivery through the same adapter (P100's retries), before the one checked. */
  readonly earlier?: readonly { readonly status: number; readonly code: PoaWebhookErrorCode }[];
}

const auth = { authorization: `Bearer ${SECRET}` } as const;
const json = (value: unknown): string => JSON.stringify(value);
const approved = json({ externalUserId: 'u-1', status: 'APPROVED' });
const post = (body: string | Uint8Array | undefined, headers: Delivery['headers'] = auth): Delivery =>
  body === undefined ? { headers } : { headers, body };
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const statuses = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'] as const;

/** The user every ledger case is about. */
export const LEDGER_USER = 'u-ledger';
const ledgerDelivery = (status: string): Delivery => post(json({ externalUserId: LEDGER_USER, status }));
/** The ledger's default retry horizon. */
const H = 600_000;

export const CONTRACT_CASES: readonly ContractCase[] = [
  // delivered and handled
  ...statuses.map(
    (status): ContractCase => ({
      description: `accept ${status} and call onEvent once`,
      delivery: post(json({ externalUserId: 'user-42', status })),
      status: 200,
      calls: 1,
      event: { externalUserId: 'user-42', status },
    }),
  ),
  ...statuses.map(
    (status): ContractCase => ({
      description: `dispatch ${status} to on.${status} only`,
      delivery: post(json({ externalUserId: 'user-42', status })),
      status: 200,
      calls: 1,
      handler: 'per-status',
      event: { externalUserId: 'user-42', status },
    }),
  ),
  {
    description: 'accept extra fields and leave them out of the event',
    delivery: post(json({ externalUserId: 'u-1', status: 'REJECTED', reason: 'blurry', nested: { a: 1 } })),
    status: 200,
    calls: 1,
    event: { externalUserId: 'u-1', status: 'REJECTED' },
  },
  {
    description: 'accept an externalUserId of exactly 256 characters',
    delivery: post(json({ externalUserId: 'x'.repeat(256), status: 'WAITING' })),
    status: 200,
    calls: 1,
    event: { externalUserId: 'x'.repeat(256), status: 'WAITING' },
  },
  {
    description: 'accept a body with a leading BOM',
    delivery: post(`\uFEFF${approved}`),
    status: 200,
    calls: 1,
    event: { externalUserId: 'u-1', status: 'APPROVED' },
  },
  {
    description: 'accept multi-byte UTF-8 in externalUserId',
    delivery: post(utf8(json({ externalUserId: 'üser-ñ-😀', status: 'APPROVED' }))),
    status: 200,
    calls: 1,
    event: { externalUserId: 'üser-ñ-😀', status: 'APPROVED' },
  },
  {
    description: 'ignore content-type (text/plain is read as JSON)',
    delivery: post(approved, { ...auth, 'content-type': 'text/plain' }),
    status: 200,
    calls: 1,
  },
  {
    description: 'not let __proto__ in a payload pollute prototypes',
    delivery: post('{"externalUserId":"u-1","status":"APPROVED","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    status: 200,
    calls: 1,
    event: { externalUserId: 'u-1', status: 'APPROVED' },
  },
  // method
  ...(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const).map(
    (method): ContractCase => ({
      description: `answer ${method} with 405 and Allow: POST`,
      delivery: method === 'PUT' || method === 'PATCH' ? { method, headers: auth, body: approved } : { method, headers: auth },
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      calls: 0,
    }),
  ),
  {
    description: 'answer 405 before checking authorization',
    delivery: { method: 'GET' },
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    calls: 0,
  },
  // authorization
  { description: 'refuse a missing Authorization', delivery: post(approved, {}), status: 401, code: 'UNAUTHORIZED', calls: 0 },
  {
    description: 'refuse a wrong token',
    delivery: post(approved, { authorization: 'Bearer wrong-token' }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  {
    description: 'refuse a token that is a prefix of the secret',
    delivery: post(approved, { authorization: SECRET.slice(0, -1) }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  { description: 'refuse an empty Authorization', delivery: post(approved, { authorization: '' }), status: 401, code: 'UNAUTHORIZED', calls: 0 },
  {
    description: 'refuse "Bearer" alone',
    delivery: post(approved, { authorization: 'Bearer' }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  {
    description: 'refuse another scheme (Basic)',
    delivery: post(approved, { authorization: `Basic ${SECRET}` }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  { description: 'accept the bare token', delivery: post(approved, { authorization: SECRET }), status: 200, calls: 1 },
  { description: 'accept "Bearer <token>"', delivery: post(approved, { authorization: `Bearer ${SECRET}` }), status: 200, calls: 1 },
  { description: 'accept "bearer <token>" (scheme in any case)', delivery: post(approved, { authorization: `bearer ${SECRET}` }), status: 200, calls: 1 },
  {
    description: 'accept the second secret of a rotation',
    delivery: post(approved, { authorization: `Bearer ${SECRET}` }),
    secret: [OLD_SECRET, SECRET],
    status: 200,
    calls: 1,
  },
  {
    description: 'accept the first secret of a rotation',
    delivery: post(approved, { authorization: OLD_SECRET }),
    secret: [OLD_SECRET, SECRET],
    status: 200,
    calls: 1,
  },
  ...['AUTHORIZATION', 'Authorization', 'aUtHoRiZaTiOn'].map(
    (name): ContractCase => ({
      description: `accept the header named ${name}`,
      delivery: post(approved, { [name]: `Bearer ${SECRET}` }),
      status: 200,
      calls: 1,
    }),
  ),
  {
    description: 'refuse a repeated Authorization, even with the right token twice',
    delivery: post(approved, { authorization: [`Bearer ${SECRET}`, `Bearer ${SECRET}`] }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  {
    description: 'refuse a repeated Authorization whose first value is right',
    delivery: post(approved, { authorization: [SECRET, 'wrong'] }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  {
    description: 'refuse a repeated Authorization whose last value is right',
    delivery: post(approved, { authorization: ['wrong', SECRET] }),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  {
    description: 'answer 401 before looking at an invalid body',
    delivery: post('not json', {}),
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  {
    description: 'answer 401 before looking at a body over the limit',
    delivery: post('x'.repeat(200), { authorization: 'wrong' }),
    maxBodyBytes: 100,
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
  },
  // size
  {
    description: 'refuse a body one byte over maxBodyBytes with 413',
    delivery: post(approved.padEnd(101, ' ')),
    maxBodyBytes: 100,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    calls: 0,
  },
  {
    description: 'accept a body of exactly maxBodyBytes',
    delivery: post(approved.padEnd(100, ' ')),
    maxBodyBytes: 100,
    status: 200,
    calls: 1,
  },
  {
    description: 'count bytes, not characters, against maxBodyBytes',
    // 96 characters, 3 bytes each in its id: far over 100 bytes.
    delivery: post(json({ externalUserId: '€'.repeat(60), status: 'APPROVED' })),
    maxBodyBytes: 100,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    calls: 0,
  },
  {
    description: 'refuse a body over the default limit of 64 KiB',
    delivery: post(json({ externalUserId: 'u-1', status: 'APPROVED', pad: 'x'.repeat(65_536) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    calls: 0,
  },
  // empty
  { description: 'refuse a POST without a body', delivery: post(undefined), status: 400, code: 'EMPTY_BODY', calls: 0 },
  { description: 'refuse an empty body', delivery: post(''), status: 400, code: 'EMPTY_BODY', calls: 0 },
  { description: 'refuse a white-space body', delivery: post(' \r\n\t '), status: 400, code: 'EMPTY_BODY', calls: 0 },
  // not JSON
  ...['not json', '{"externalUserId":"u-1",', "{'externalUserId':'u-1'}", '{"externalUserId":"u-1","status":"APPROVED"} trailing'].map(
    (body): ContractCase => ({ description: `refuse ${JSON.stringify(body)} as INVALID_JSON`, delivery: post(body), status: 400, code: 'INVALID_JSON', calls: 0 }),
  ),
  {
    description: 'refuse bytes that are not UTF-8 as INVALID_JSON',
    delivery: post(Uint8Array.from([...utf8('{"externalUserId":"'), 0xff, 0xfe, ...utf8('","status":"APPROVED"}')])),
    status: 400,
    code: 'INVALID_JSON',
    calls: 0,
  },
  // wrong shape
  ...(
    [
      ['an array', '[]', ['']],
      ['null', 'null', ['']],
      ['a number', '42', ['']],
      ['a string', '"APPROVED"', ['']],
      ['a missing status', json({ externalUserId: 'u-1' }), ['status']],
      ['a numeric status', json({ externalUserId: 'u-1', status: 1 }), ['status']],
      ['a missing externalUserId', json({ status: 'APPROVED' }), ['externalUserId']],
      ['an empty externalUserId', json({ externalUserId: '', status: 'APPROVED' }), ['externalUserId']],
      ['an externalUserId of 257 characters', json({ externalUserId: 'x'.repeat(257), status: 'APPROVED' }), ['externalUserId']],
      ['a numeric externalUserId', json({ externalUserId: 42, status: 'APPROVED' }), ['externalUserId']],
      ['neither field', json({}), ['externalUserId', 'status']],
    ] as const
  ).map(
    ([what, body, issuePaths]): ContractCase => ({
      description: `refuse ${what} as INVALID_PAYLOAD`,
      delivery: post(body),
      status: 400,
      code: 'INVALID_PAYLOAD',
      calls: 0,
      issuePaths,
    }),
  ),
  // unknown status
  ...['approved', 'EXPIRED', 'X'.repeat(256)].map(
    (status): ContractCase => ({
      description: `refuse the unknown status ${JSON.stringify(status.slice(0, 12))} as UNKNOWN_STATUS`,
      delivery: post(json({ externalUserId: 'u-1', status })),
      status: 400,
      code: 'UNKNOWN_STATUS',
      calls: 0,
    }),
  ),
  // An unknown status follows the same payload rules: only its value is unknown (even with onUnknownStatus).
  ...[
    { what: 'an empty status', payload: { externalUserId: 'u-1', status: '' }, issuePaths: ['status'] },
    { what: 'a 257-character status', payload: { externalUserId: 'u-1', status: 'X'.repeat(257) }, issuePaths: ['status'] },
    { what: 'an empty externalUserId', payload: { externalUserId: '', status: 'EXPIRED' }, issuePaths: ['externalUserId', 'status'] },
    { what: 'a 60,000-character externalUserId', payload: { externalUserId: 'u'.repeat(60_000), status: 'EXPIRED' }, issuePaths: ['externalUserId', 'status'], maxBodyBytes: 100_000 },
  ].flatMap(({ what, payload, issuePaths, maxBodyBytes }): ContractCase[] =>
    (['ok', 'unknown-status-handler'] as const).map((handler) => ({
      description: `refuse an unknown status with ${what} as INVALID_PAYLOAD${handler === 'ok' ? '' : ', without calling onUnknownStatus'}`,
      delivery: post(json(payload)),
      handler,
      status: 400,
      code: 'INVALID_PAYLOAD',
      calls: 0,
      issuePaths,
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    })),
  ),
  {
    description: 'accept an unknown status when onUnknownStatus is given, and call it once',
    delivery: post(json({ externalUserId: 'u-1', status: 'EXPIRED' })),
    handler: 'unknown-status-handler',
    status: 200,
    calls: 1,
    event: { externalUserId: 'u-1', status: 'EXPIRED' },
  },
  // handler failures
  { description: 'answer 500 when the handler throws', delivery: post(approved), handler: 'throw', status: 500, code: 'HANDLER_FAILED', calls: 1 },
  { description: 'answer 500 when the handler rejects', delivery: post(approved), handler: 'reject', status: 500, code: 'HANDLER_FAILED', calls: 1 },
  {
    description: 'answer 503 when the handler outlives handlerTimeoutMs',
    delivery: post(approved),
    handler: 'hang',
    status: 503,
    code: 'HANDLER_TIMEOUT',
    calls: 1,
  },
  // path
  {
    description: 'answer 404 for another path when `path` is set',
    delivery: { ...post(approved), path: '/somewhere/else' },
    path: '/webhook/poa-verification/status',
    status: 404,
    code: 'NOT_FOUND',
    calls: 0,
  },
  {
    description: 'accept the configured path with a query string',
    delivery: { ...post(approved), path: '/webhook/poa-verification/status?attempt=2' },
    path: '/webhook/poa-verification/status',
    status: 200,
    calls: 1,
  },
  // the delivery ledger (DELIVERY-GUARANTEES.md): the handler runs only for `applied`
  {
    description: 'with a ledger, apply a first delivery: run the handler once and record it',
    delivery: ledgerDelivery('WAITING'),
    status: 200,
    calls: 1,
    event: { externalUserId: LEDGER_USER, status: 'WAITING' },
    ledger: { store: 'memory', decisions: ['applied'], state: 'WAITING' },
  },
  {
    description: 'with a ledger, answer the current status again 200 as a duplicate, without the handler',
    delivery: ledgerDelivery('APPROVED'),
    status: 200,
    calls: 0,
    ledger: { store: 'memory', before: [{ applied: 'WAITING', ago: 60_000 }, { applied: 'APPROVED', ago: 30_000 }], decisions: ['duplicate'], state: 'APPROVED' },
  },
  {
    // The guarantees page's example: REJECTED got through at 86 s, WAITING's retry gets through at 120 s.
    description: 'with a ledger, answer a late WAITING retry after REJECTED 200 as stale, without the handler',
    delivery: ledgerDelivery('WAITING'),
    status: 200,
    calls: 0,
    ledger: { store: 'memory', before: [{ applied: 'REJECTED', ago: 34_000 }], decisions: ['stale'], state: 'REJECTED' },
  },
  {
    description: 'with a ledger, apply the WAITING of a new round after the partner recorded an upload',
    delivery: ledgerDelivery('WAITING'),
    status: 200,
    calls: 1,
    ledger: { store: 'memory', before: [{ applied: 'WAITING', ago: 90_000 }, { applied: 'REJECTED', ago: 60_000 }, { upload: true, ago: 30_000 }], decisions: ['applied'], state: 'WAITING' },
  },
  {
    description: 'with a ledger, answer a change after APPROVED, past the horizon and without an upload, 200 as an anomaly',
    delivery: ledgerDelivery('REJECTED'),
    status: 200,
    calls: 0,
    ledger: { store: 'memory', before: [{ applied: 'APPROVED', ago: H + 1 }], decisions: ['anomaly'], state: 'APPROVED' },
  },
  {
    description: 'with a ledger, answer 503 DELIVERY_IN_PROGRESS while another receiver holds the user past waitMs',
    delivery: ledgerDelivery('APPROVED'),
    status: 503,
    code: 'DELIVERY_IN_PROGRESS',
    calls: 0,
    ledger: { store: 'memory', before: [{ heldByAnotherReceiver: true }], waitMs: 40, decisions: [], state: undefined },
  },
  {
    description: 'with a ledger whose store is down, answer 503 LEDGER_UNAVAILABLE, never 200, without the handler',
    delivery: ledgerDelivery('APPROVED'),
    status: 503,
    code: 'LEDGER_UNAVAILABLE',
    calls: 0,
    ledger: { store: 'unreachable', decisions: [], state: undefined },
  },
  {
    description: 'with a ledger, record nothing when the handler fails (500), so P100\'s retry is applied',
    delivery: ledgerDelivery('APPROVED'),
    handler: 'throw-once',
    earlier: [{ status: 500, code: 'HANDLER_FAILED' }],
    status: 200,
    calls: 2,
    event: { externalUserId: LEDGER_USER, status: 'APPROVED' },
    ledger: { store: 'memory', before: [{ applied: 'WAITING', ago: 60_000 }], decisions: ['applied'], state: 'APPROVED' },
  },
  {
    description: 'with a ledger, hand an unknown status to onUnknownStatus without the ledger',
    delivery: ledgerDelivery('EXPIRED'),
    handler: 'unknown-status-handler',
    status: 200,
    calls: 1,
    ledger: { store: 'memory', before: [{ applied: 'APPROVED', ago: 1_000 }], decisions: [], state: 'APPROVED' },
  },
  // the inbox (CONTRACT.md, "Inbox"): checked as always, then queued; 200 only once the queue acknowledged
  ...statuses.map(
    (status): ContractCase => ({
      description: `in inbox mode, queue ${status} (its typed fields only) and answer 200 without running a handler`,
      delivery: post(json({ externalUserId: 'user-q', status, extra: 'dropped' })),
      inbox: 'memory',
      status: 200,
      calls: 0,
      queued: [{ externalUserId: 'user-q', status }],
    }),
  ),
  {
    description: 'in inbox mode, answer 503 INBOX_UNAVAILABLE when the queue refuses the write',
    delivery: post(approved),
    inbox: 'unreachable',
    status: 503,
    code: 'INBOX_UNAVAILABLE',
    calls: 0,
    queued: [],
  },
  {
    description: 'in inbox mode, answer 503 INBOX_UNAVAILABLE when the queue does not acknowledge within handlerTimeoutMs',
    delivery: post(approved),
    inbox: 'hanging',
    handler: 'hang',
    status: 503,
    code: 'INBOX_UNAVAILABLE',
    calls: 0,
    queued: [],
  },
  {
    description: 'in inbox mode, refuse a wrong secret with 401 and queue nothing',
    delivery: post(approved, { authorization: 'Bearer wrong' }),
    inbox: 'memory',
    status: 401,
    code: 'UNAUTHORIZED',
    calls: 0,
    queued: [],
  },
  {
    description: 'in inbox mode, refuse a body over maxBodyBytes with 413 and queue nothing',
    delivery: post(approved.padEnd(101, ' ')),
    maxBodyBytes: 100,
    inbox: 'memory',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    calls: 0,
    queued: [],
  },
  {
    description: 'in inbox mode, refuse a body that is not JSON with 400 and queue nothing',
    delivery: post('{"externalUserId":'),
    inbox: 'memory',
    status: 400,
    code: 'INVALID_JSON',
    calls: 0,
    queued: [],
  },
  {
    description: 'in inbox mode, refuse a wrong shape with 400 and queue nothing',
    delivery: post(json({ externalUserId: '', status: 'APPROVED' })),
    inbox: 'memory',
    status: 400,
    code: 'INVALID_PAYLOAD',
    issuePaths: ['externalUserId'],
    calls: 0,
    queued: [],
  },
  {
    description: 'in inbox mode, refuse an unknown status with 400 UNKNOWN_STATUS and queue nothing',
    delivery: post(json({ externalUserId: 'u-1', status: 'EXPIRED' })),
    inbox: 'memory',
    status: 400,
    code: 'UNKNOWN_STATUS',
    calls: 0,
    queued: [],
  },
];
