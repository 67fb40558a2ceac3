import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isKycAttemptStatus,
  isKycExpired,
  isKycNotVerified,
  isKycVerificationStatus,
  isKycVerificationStatusEvent,
  isKycVerified,
  KYC_ATTEMPT_STATUSES,
  KYC_VERIFICATION_STATUSES,
  type KycVerificationStatus,
  type KycVerificationStatusEvent,
  matchKycVerificationStatus,
  type PoaWebhookErrorCode,
  parseKycVerificationStatusEvent,
  safeParseKycVerificationStatusEvent,
  validateKycVerificationStatusEvent,
} from '../../src/index.ts';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/payloads/kyc-verification-status/${name}`, import.meta.url)));

const DOCUMENTED_ID = 'bca65c48-df49-4831-a7b2-de7903321581';

/** Every KYC Verification Status fixture and what parsing it must give. */
const FIXTURES: readonly {
  readonly file: string;
  readonly event?: KycVerificationStatusEvent;
  readonly code?: PoaWebhookErrorCode;
  readonly paths?: readonly string[];
}[] = [
  {
    // P100's documented example body, verbatim.
    file: 'documented.json',
    event: { externalUserId: DOCUMENTED_ID, verificationStatus: 'NOT_VERIFIED', attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason: 'NO_FACE_FOUND' },
  },
  { file: 'verified.json', event: { externalUserId: 'user-1', verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL' } },
  { file: 'expired-null-reason.json', event: { externalUserId: 'user-1', verificationStatus: 'EXPIRED', attemptStatus: 'SUCCESSFUL', rejectionReason: null } },
  { file: 'pending.json', event: { externalUserId: 'user-1', verificationStatus: 'NOT_VERIFIED', attemptStatus: 'PENDING' } },
  { file: 'extra-fields.json', event: { externalUserId: 'user-1', verificationStatus: 'NOT_VERIFIED', attemptStatus: 'VERIFICATION', rejectionReason: '' } },
  { file: 'unknown-verification-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'unknown-attempt-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'lowercase-verification-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'missing-attempt-status.json', code: 'INVALID_PAYLOAD', paths: ['attemptStatus'] },
  { file: 'numeric-rejection-reason.json', code: 'INVALID_PAYLOAD', paths: ['rejectionReason'] },
  { file: 'poa-shaped.json', code: 'INVALID_PAYLOAD', paths: ['verificationStatus', 'attemptStatus'] },
  { file: 'empty-object.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId', 'verificationStatus', 'attemptStatus'] },
];

describe('safeParseKycVerificationStatusEvent', () => {
  it.each(FIXTURES)('should parse fixture $file', ({ file, event, code, paths }) => {
    const result = safeParseKycVerificationStatusEvent(fixture(file));
    if (event !== undefined) {
      expect(result).toStrictEqual({ success: true, event });
      expect(parseKycVerificationStatusEvent(fixture(file))).toStrictEqual(event);
      return;
    }
    expect(result.success || result.error.code).toBe(code);
    if (!result.success) expect(result.error.issues.map((issue) => issue.path)).toEqual(paths ?? []);
    expect(() => parseKycVerificationStatusEvent(fixture(file))).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    { description: 'absent', reason: undefined, ok: true },
    { description: 'null', reason: null, ok: true },
    { description: 'a documented value', reason: 'NO_FACE_FOUND', ok: true },
    { description: 'a value P100 never listed', reason: 'SOMETHING_ELSE', ok: true },
    { description: 'an empty string', reason: '', ok: true },
    { description: 'a long free text', reason: 'x'.repeat(5_000), ok: true },
    { description: 'a number', reason: 3, ok: false },
    { description: 'false', reason: false, ok: false },
    { description: 'an object', reason: { code: 'NO_FACE_FOUND' }, ok: false },
    { description: 'an array', reason: ['NO_FACE_FOUND'], ok: false },
  ])('should take rejectionReason $description as given: $ok', ({ reason, ok }) => {
    for (const attemptStatus of KYC_ATTEMPT_STATUSES) {
      const payload = { externalUserId: 'u-1', verificationStatus: 'NOT_VERIFIED', attemptStatus, rejectionReason: reason };
      const result = safeParseKycVerificationStatusEvent(JSON.stringify(payload));
      if (ok) {
        const event = reason === undefined ? { externalUserId: 'u-1', verificationStatus: 'NOT_VERIFIED', attemptStatus } : payload;
        // toStrictEqual: an absent reason stays absent (no `rejectionReason: undefined` is invented).
        expect(result).toStrictEqual({ success: true, event });
        if (result.success) expect(Object.hasOwn(result.event, 'rejectionReason')).toBe(reason !== undefined);
      } else {
        expect(result.success || result.error.code).toBe('INVALID_PAYLOAD');
        if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['rejectionReason']);
      }
    }
  });

  it('should treat a rejectionReason own property left undefined (a JavaScript value) as absent', () => {
    const result = validateKycVerificationStatusEvent({ externalUserId: 'u-1', verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL', rejectionReason: undefined });
    expect(result).toStrictEqual({ success: true, event: { externalUserId: 'u-1', verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL' } });
  });

  it('should name both unknown fields in one UNKNOWN_STATUS', () => {
    const result = safeParseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"NEW","attemptStatus":"OTHER"}');
    expect(result.success || result.error.code).toBe('UNKNOWN_STATUS');
    if (!result.success) {
      expect(result.error.message).toContain('Unknown verificationStatus "NEW"');
      expect(result.error.message).toContain('Unknown attemptStatus "OTHER"');
      expect(result).toStrictEqual({ success: false, error: result.error });
    }
  });

  it('should answer INVALID_PAYLOAD, with every offending path, when an unknown status comes with an invalid field', () => {
    const result = safeParseKycVerificationStatusEvent('{"externalUserId":"u-1","verificationStatus":"NEW","attemptStatus":"PENDING","rejectionReason":1}');
    expect(result.success || result.error.code).toBe('INVALID_PAYLOAD');
    if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['verificationStatus', 'rejectionReason']);
  });
});

describe('KYC_VERIFICATION_STATUSES and KYC_ATTEMPT_STATUSES', () => {
  it('should list the documented values', () => {
    expect(KYC_VERIFICATION_STATUSES).toEqual(['NOT_VERIFIED', 'VERIFIED', 'EXPIRED']);
    expect(KYC_ATTEMPT_STATUSES).toEqual(['PENDING', 'VERIFICATION', 'REJECTED_BY_PROVIDER', 'SUCCESSFUL']);
  });
});

describe.each([
  { name: 'isKycVerificationStatus', guard: isKycVerificationStatus, statuses: KYC_VERIFICATION_STATUSES, others: KYC_ATTEMPT_STATUSES },
  { name: 'isKycAttemptStatus', guard: isKycAttemptStatus, statuses: KYC_ATTEMPT_STATUSES, others: KYC_VERIFICATION_STATUSES },
])('$name', ({ guard, statuses, others }) => {
  it.each([
    ...statuses.map((value) => ({ value, ok: true })),
    ...[...others, ...statuses.map((s) => s.toLowerCase()), '', 'toString', '__proto__'].map((value) => ({ value, ok: false })),
    ...[null, undefined, 1, {}, [statuses[0]], new String(statuses[0])].map((value) => ({ value, ok: false })),
  ])('should answer $ok for $value', ({ value, ok }) => {
    expect(guard(value)).toBe(ok);
  });
});

describe('isKycVerificationStatusEvent', () => {
  it.each([
    { description: 'the documented body', value: JSON.parse(new TextDecoder().decode(fixture('documented.json'))) as unknown, ok: true },
    { description: 'a null reason', value: { externalUserId: 'u', verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL', rejectionReason: null }, ok: true },
    { description: 'an unknown attempt status', value: { externalUserId: 'u', verificationStatus: 'VERIFIED', attemptStatus: 'X' }, ok: false },
    { description: 'a POA payload', value: { externalUserId: 'u', status: 'APPROVED' }, ok: false },
    { description: 'null', value: null, ok: false },
  ])('should answer $ok for $description', ({ value, ok }) => {
    expect(isKycVerificationStatusEvent(value)).toBe(ok);
  });
});

const event = (verificationStatus: KycVerificationStatus): KycVerificationStatusEvent =>
  ({ externalUserId: 'u-1', verificationStatus, attemptStatus: 'SUCCESSFUL' }) as KycVerificationStatusEvent;

describe.each([
  { name: 'isKycNotVerified', guard: isKycNotVerified, status: 'NOT_VERIFIED' },
  { name: 'isKycVerified', guard: isKycVerified, status: 'VERIFIED' },
  { name: 'isKycExpired', guard: isKycExpired, status: 'EXPIRED' },
] as const)('$name', ({ guard, status }) => {
  it.each(KYC_VERIFICATION_STATUSES)('should answer for %s whether it is its own status', (other) => {
    expect(guard(event(other))).toBe(other === status);
  });
});

describe('matchKycVerificationStatus', () => {
  const handlers = {
    NOT_VERIFIED: (e: KycVerificationStatusEvent) => `N:${e.attemptStatus}`,
    VERIFIED: (e: KycVerificationStatusEvent) => `V:${e.attemptStatus}`,
    EXPIRED: (e: KycVerificationStatusEvent) => `E:${e.attemptStatus}`,
  };

  it.each(KYC_VERIFICATION_STATUSES)('should call only the %s handler, once, with the event, and return its result', (status) => {
    const calls: string[] = [];
    const spy = Object.fromEntries(
      Object.entries(handlers).map(([key, fn]) => [key, (e: KycVerificationStatusEvent) => (calls.push(key), fn(e))]),
    ) as typeof handlers;
    expect(matchKycVerificationStatus(event(status), spy)).toBe(`${status[0]}:SUCCESSFUL`);
    expect(calls).toEqual([status]);
  });

  it('should throw a TypeError for a status it does not know (unchecked input)', () => {
    const unchecked = { externalUserId: 'u', verificationStatus: 'SUSPENDED', attemptStatus: 'PENDING' } as unknown as KycVerificationStatusEvent;
    expect(() => matchKycVerificationStatus(unchecked, handlers)).toThrow(TypeError);
    expect(() => matchKycVerificationStatus(unchecked, handlers)).toThrow(/SUSPENDED/);
  });
});
