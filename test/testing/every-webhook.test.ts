/**
 * The testing kit for every webhook: the event builders (defaults, overrides, validity), and the
 * Request, Lambda-event and HTTP builders carrying each webhook's event (and a custom route's body)
 * to a routed handler, through fetch, every Lambda kind (plain and base64) and a real node:http server.
 */
import { createServer } from 'node:http';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import {
  isKycFileAddedEvent,
  isKycVerificationStatusEvent,
  isUserStatusEvent,
  KYC_ATTEMPT_STATUSES,
  KYC_FILE_STATUSES,
  KYC_VERIFICATION_STATUSES,
  type P100WebhooksOptions,
  USER_STATUSES,
} from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';
import {
  createKycFileAddedEvent,
  createKycVerificationStatusEvent,
  createPoaLambdaEvent,
  createPoaVerificationEvent,
  createPoaWebhookRequest,
  createUserStatusEvent,
  type P100WebhookTestBody,
  sendPoaWebhook,
} from '../../src/testing.ts';
import { listenOnLoopback, type RunningServer } from '../support/adapters.ts';

const SECRET = 'kit-every-webhook-secret';

describe('createKycVerificationStatusEvent', () => {
  it('should default to NOT_VERIFIED, PENDING, no rejectionReason, and a fresh externalUserId per call', () => {
    const a = createKycVerificationStatusEvent();
    const b = createKycVerificationStatusEvent();
    expect(a).toEqual({ externalUserId: expect.stringMatching(/^test-user-\d+$/), verificationStatus: 'NOT_VERIFIED', attemptStatus: 'PENDING' });
    expect(Object.keys(a)).toEqual(['externalUserId', 'verificationStatus', 'attemptStatus']);
    expect(a.externalUserId).not.toBe(b.externalUserId);
  });

  it.each([
    { verificationStatus: 'NOT_VERIFIED', attemptStatus: 'PENDING' },
    { verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL' },
    { verificationStatus: 'EXPIRED', attemptStatus: 'SUCCESSFUL' },
  ] as const)('should give $verificationStatus the attempt status $attemptStatus by default', ({ verificationStatus, attemptStatus }) => {
    expect(createKycVerificationStatusEvent({ verificationStatus })).toMatchObject({ verificationStatus, attemptStatus });
  });

  it.each(KYC_VERIFICATION_STATUSES.flatMap((verificationStatus) => KYC_ATTEMPT_STATUSES.map((attemptStatus) => ({ verificationStatus, attemptStatus }))))(
    'should build a valid event for $verificationStatus / $attemptStatus',
    ({ verificationStatus, attemptStatus }) => {
      const event = createKycVerificationStatusEvent({ verificationStatus, attemptStatus, externalUserId: 'user-42' });
      expect(event).toEqual({ externalUserId: 'user-42', verificationStatus, attemptStatus });
      expect(isKycVerificationStatusEvent(event)).toBe(true);
    },
  );

  it.each([{ rejectionReason: 'NO_FACE_FOUND' }, { rejectionReason: null }, { rejectionReason: '' }])(
    'should keep rejectionReason $rejectionReason as given',
    ({ rejectionReason }) => {
      const event = createKycVerificationStatusEvent({ attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason });
      expect(event.rejectionReason).toBe(rejectionReason);
      expect(isKycVerificationStatusEvent(event)).toBe(true);
    },
  );
});

describe('createKycFileAddedEvent', () => {
  it('should default to ADDED with a fresh externalUserId per call', () => {
    const a = createKycFileAddedEvent();
    expect(a).toEqual({ externalUserId: expect.stringMatching(/^test-user-\d+$/), status: 'ADDED' });
    expect(createKycFileAddedEvent().externalUserId).not.toBe(a.externalUserId);
  });

  it.each(KYC_FILE_STATUSES)('should build a valid %s event', (status) => {
    const event = createKycFileAddedEvent({ status, externalUserId: 'user-42' });
    expect(event).toEqual({ externalUserId: 'user-42', status });
    expect(isKycFileAddedEvent(event)).toBe(true);
  });
});

describe('createUserStatusEvent', () => {
  it('should default to ACTIVE with a fresh externalUserId per call', () => {
    const a = createUserStatusEvent();
    expect(a).toEqual({ externalUserId: expect.stringMatching(/^test-user-\d+$/), status: 'ACTIVE' });
    expect(createUserStatusEvent().externalUserId).not.toBe(a.externalUserId);
  });

  it.each(USER_STATUSES)('should build a valid %s event', (status) => {
    const event = createUserStatusEvent({ status, externalUserId: 'user-42' });
    expect(event).toEqual({ externalUserId: 'user-42', status });
    expect(isUserStatusEvent(event)).toBe(true);
  });
});

describe('the event builders together', () => {
  it('should never hand two events the same default externalUserId, across webhooks', () => {
    const ids = [createPoaVerificationEvent(), createKycVerificationStatusEvent(), createKycFileAddedEvent(), createUserStatusEvent()].map((e) => e.externalUserId);
    expect(new Set(ids).size).toBe(4);
  });
});

/** The custom route's schema: the partner's own shape (P100 documents no Crypto Deposit body reliably). */
const DepositSchema = v.object({ externalUserId: v.string(), txHash: v.string(), amount: v.string() });
type Deposit = v.InferInput<typeof DepositSchema>;

const PATHS = {
  poaVerificationStatus: '/webhook/poa-verification/status',
  kycVerificationStatus: '/hooks/kyc/verification-status',
  kycFileAdded: '/hooks/kyc/file-added',
  userStatus: '/webhook/user/status',
  cryptoDeposit: '/hooks/crypto-deposit',
} as const;
type Route = keyof typeof PATHS;

/** Routed options recording which route's handler got which event. */
function routed(): { seen: [Route, unknown][]; options: P100WebhooksOptions } {
  const seen: [Route, unknown][] = [];
  const record = (route: Route) => (event: unknown) => void seen.push([route, event]);
  return {
    seen,
    options: {
      secret: SECRET,
      webhooks: {
        poaVerificationStatus: { onEvent: record('poaVerificationStatus') },
        kycVerificationStatus: { path: PATHS.kycVerificationStatus, onEvent: record('kycVerificationStatus') },
        kycFileAdded: { path: PATHS.kycFileAdded, onEvent: record('kycFileAdded') },
        userStatus: { onEvent: record('userStatus') },
        custom: { cryptoDeposit: { path: PATHS.cryptoDeposit, schema: DepositSchema, onEvent: record('cryptoDeposit') } },
      },
    },
  };
}

type Deliver = (path: string, body: P100WebhookTestBody<Deposit>) => Promise<{ status: number; json: unknown; seen: [Route, unknown][] }>;

let server: RunningServer;
let current = routed();
beforeAll(async () => {
  server = await listenOnLoopback(createServer((req, res) => createNodeHandler(current.options)(req, res)));
});
afterAll(() => server.close());

const LAMBDA_CASES = (['apigw-v1', 'apigw-v2', 'alb', 'function-url'] as const).flatMap((format) =>
  [false, true].flatMap((base64) =>
    (format === 'alb' ? [false, true] : [false]).map((multiValueHeaders) => ({
      name: `lambda ${format}${multiValueHeaders ? ' multi-value' : ''}${base64 ? ' base64' : ''} (createPoaLambdaEvent)`,
      deliver: (async (path, body) => {
        const { seen, options } = routed();
        const event = createPoaLambdaEvent<typeof format, Deposit>(body, { secret: SECRET, format, base64, multiValueHeaders, path });
        const result = await createLambdaHandler(options)(event);
        return { status: result.statusCode, json: JSON.parse(result.body) as unknown, seen };
      }) satisfies Deliver,
    })),
  ),
);

const TRANSPORTS: readonly { name: string; deliver: Deliver }[] = [
  {
    name: 'fetch (createPoaWebhookRequest)',
    deliver: async (path, body) => {
      const { seen, options } = routed();
      const response = await createFetchHandler(options)(createPoaWebhookRequest<Deposit>(body, { secret: SECRET, url: `https://partner.example${path}` }));
      return { status: response.status, json: await response.json(), seen };
    },
  },
  {
    name: 'node:http (sendPoaWebhook)',
    deliver: async (path, body) => {
      current = routed();
      const report = await sendPoaWebhook<Deposit>(`http://127.0.0.1:${server.port}${path}`, body, { secret: SECRET });
      return { status: report.status ?? 0, json: JSON.parse(report.attempts.at(-1)?.body ?? '') as unknown, seen: current.seen };
    },
  },
  ...LAMBDA_CASES,
];

const EVENTS: readonly { route: Route; body: Exclude<P100WebhookTestBody<Deposit>, string | Uint8Array> }[] = [
  { route: 'poaVerificationStatus', body: createPoaVerificationEvent({ status: 'QUESTIONED', externalUserId: 'u-poa' }) },
  { route: 'kycVerificationStatus', body: createKycVerificationStatusEvent({ attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason: 'NO_FACE_FOUND', externalUserId: 'u-kyc' }) },
  { route: 'kycVerificationStatus', body: createKycVerificationStatusEvent({ verificationStatus: 'EXPIRED', rejectionReason: null, externalUserId: 'u-kyc' }) },
  { route: 'kycFileAdded', body: createKycFileAddedEvent({ status: 'ERROR', externalUserId: 'u-file' }) },
  { route: 'userStatus', body: createUserStatusEvent({ externalUserId: 'u-user' }) },
  { route: 'cryptoDeposit', body: { externalUserId: 'u-deposit', txHash: '0xabc', amount: '0.5' } },
];

describe.each(TRANSPORTS)('the testing kit through $name', ({ deliver }) => {
  it.each(EVENTS)('should deliver a $route event to its route, once, as built', async ({ route, body }) => {
    const { status, json, seen } = await deliver(PATHS[route], body);
    expect(status).toBe(200);
    expect(json).toEqual({});
    expect(seen).toEqual([[route, body]]);
  });

  it.each([
    { route: 'kycVerificationStatus', body: '{"externalUserId":"u-1","verificationStatus":"ARCHIVED","attemptStatus":"PENDING"}', status: 400, code: 'UNKNOWN_STATUS' },
    { route: 'kycFileAdded', body: '{"externalUserId":"u-1","status":"ACTIVE"}', status: 400, code: 'UNKNOWN_STATUS' },
    { route: 'userStatus', body: '{"externalUserId":"u-1","status":"BLOCKED"}', status: 400, code: 'UNKNOWN_STATUS' },
    { route: 'cryptoDeposit', body: '{"externalUserId":"u-1"}', status: 400, code: 'INVALID_PAYLOAD' },
  ] as const)('should carry a raw $route body as given ($code)', async ({ route, body, status, code }) => {
    const answer = await deliver(PATHS[route], body);
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ error: { code } });
    expect(answer.seen).toEqual([]);
  });

  it('should deliver an event to the path given, not to its own route (the path decides)', async () => {
    const answer = await deliver(PATHS.poaVerificationStatus, createKycFileAddedEvent({ status: 'ADDED' }));
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'UNKNOWN_STATUS' } });
  });
});
