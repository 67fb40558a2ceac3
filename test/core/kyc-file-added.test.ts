import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isKycFileAdded,
  isKycFileAddedEvent,
  isKycFileError,
  isKycFileStatus,
  KYC_FILE_STATUSES,
  type KycFileAddedEvent,
  type KycFileStatus,
  matchKycFileStatus,
  type PoaWebhookErrorCode,
  parseKycFileAddedEvent,
  safeParseKycFileAddedEvent,
} from '../../src/index.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/payloads/kyc-file-added/${name}`, import.meta.url)));

/** Every KYC File Added fixture and what parsing it must give. */
const FIXTURES: readonly {
  readonly file: string;
  readonly event?: KycFileAddedEvent;
  readonly code?: PoaWebhookErrorCode;
  readonly paths?: readonly string[];
}[] = [
  // P100's documented example body, verbatim.
  { file: 'documented.json', event: { externalUserId: 'bca65c48-df49-4831-a7b2-de7903321581', status: 'ADDED' } },
  { file: 'error.json', event: { externalUserId: 'user-1', status: 'ERROR' } },
  { file: 'extra-fields.json', event: { externalUserId: 'user-1', status: 'ADDED' } },
  { file: 'unknown-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'lowercase-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'missing-status.json', code: 'INVALID_PAYLOAD', paths: ['status'] },
  { file: 'empty-external-user-id.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId'] },
];

describe('safeParseKycFileAddedEvent', () => {
  it.each(FIXTURES)('should parse fixture $file', ({ file, event, code, paths }) => {
    const result = safeParseKycFileAddedEvent(fixture(file));
    if (event !== undefined) {
      expect(result).toStrictEqual({ success: true, event });
      expect(parseKycFileAddedEvent(fixture(file))).toStrictEqual(event);
      return;
    }
    expect(result.success || result.error.code).toBe(code);
    if (!result.success) expect(result.error.issues.map((issue) => issue.path)).toEqual(paths ?? []);
    expect(() => parseKycFileAddedEvent(fixture(file))).toThrow(expect.objectContaining({ code }));
  });
});

describe('KYC_FILE_STATUSES', () => {
  it('should list the two documented statuses', () => {
    expect(KYC_FILE_STATUSES).toEqual(['ADDED', 'ERROR']);
  });
});

describe('isKycFileStatus', () => {
  it.each([
    ...KYC_FILE_STATUSES.map((value) => ({ value, ok: true })),
    ...['added', 'Error', 'ACTIVE', 'APPROVED', '', 'toString'].map((value) => ({ value, ok: false })),
    ...[null, undefined, 1, {}, ['ADDED'], new String('ADDED')].map((value) => ({ value, ok: false })),
  ])('should answer $ok for $value', ({ value, ok }) => {
    expect(isKycFileStatus(value)).toBe(ok);
  });
});

describe('isKycFileAddedEvent', () => {
  it.each([
    { description: 'an ADDED event', value: { externalUserId: 'u', status: 'ADDED' }, ok: true },
    { description: 'an ERROR event with extra fields', value: { externalUserId: 'u', status: 'ERROR', x: 1 }, ok: true },
    { description: 'a POA status', value: { externalUserId: 'u', status: 'APPROVED' }, ok: false },
    { description: 'an array', value: [], ok: false },
  ])('should answer $ok for $description', ({ value, ok }) => {
    expect(isKycFileAddedEvent(value)).toBe(ok);
  });
});

const event = (status: KycFileStatus): KycFileAddedEvent => ({ externalUserId: 'u-1', status }) as KycFileAddedEvent;

describe.each([
  { name: 'isKycFileAdded', guard: isKycFileAdded, status: 'ADDED' },
  { name: 'isKycFileError', guard: isKycFileError, status: 'ERROR' },
] as const)('$name', ({ guard, status }) => {
  it.each(KYC_FILE_STATUSES)('should answer for %s whether it is its own status', (other) => {
    expect(guard(event(other))).toBe(other === status);
  });
});

describe('matchKycFileStatus', () => {
  const handlers = { ADDED: (e: KycFileAddedEvent) => `A:${e.externalUserId}`, ERROR: (e: KycFileAddedEvent) => `E:${e.externalUserId}` };

  it.each(KYC_FILE_STATUSES)('should call only the %s handler and return its result', (status) => {
    const calls: string[] = [];
    const spy = { ADDED: (e: KycFileAddedEvent) => (calls.push('ADDED'), handlers.ADDED(e)), ERROR: (e: KycFileAddedEvent) => (calls.push('ERROR'), handlers.ERROR(e)) };
    expect(matchKycFileStatus(event(status), spy)).toBe(`${status[0]}:u-1`);
    expect(calls).toEqual([status]);
  });

  it('should throw a TypeError for a status it does not know (unchecked input)', () => {
    const unchecked = { externalUserId: 'u', status: 'REJECTED' } as unknown as KycFileAddedEvent;
    expect(() => matchKycFileStatus(unchecked, handlers)).toThrow(/REJECTED/);
  });
});
