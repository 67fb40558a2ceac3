import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isUserActive,
  isUserStatus,
  isUserStatusEvent,
  matchUserStatus,
  type PoaWebhookErrorCode,
  parseUserStatusEvent,
  safeParseUserStatusEvent,
  USER_STATUSES,
  type UserStatusEvent,
} from '../../src/index.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/payloads/user-status/${name}`, import.meta.url)));

/** Every User status fixture and what parsing it must give. */
const FIXTURES: readonly {
  readonly file: string;
  readonly event?: UserStatusEvent;
  readonly code?: PoaWebhookErrorCode;
  readonly paths?: readonly string[];
}[] = [
  // P100's FAQ example body, verbatim.
  { file: 'documented.json', event: { externalUserId: 'bca65c48-df49-4831-a7b2-de7903321581', status: 'ACTIVE' } },
  { file: 'extra-fields.json', event: { externalUserId: 'user-1', status: 'ACTIVE' } },
  // P100 shows only ACTIVE: any other status string is an unknown status, not an invented one.
  { file: 'unknown-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'lowercase-status.json', code: 'UNKNOWN_STATUS' },
  { file: 'null-status.json', code: 'INVALID_PAYLOAD', paths: ['status'] },
  { file: 'numeric-external-user-id.json', code: 'INVALID_PAYLOAD', paths: ['externalUserId'] },
];

describe('safeParseUserStatusEvent', () => {
  it.each(FIXTURES)('should parse fixture $file', ({ file, event, code, paths }) => {
    const result = safeParseUserStatusEvent(fixture(file));
    if (event !== undefined) {
      expect(result).toStrictEqual({ success: true, event });
      expect(parseUserStatusEvent(fixture(file))).toStrictEqual(event);
      return;
    }
    expect(result.success || result.error.code).toBe(code);
    if (!result.success) expect(result.error.issues.map((issue) => issue.path)).toEqual(paths ?? []);
    expect(() => parseUserStatusEvent(fixture(file))).toThrow(expect.objectContaining({ code }));
  });

  it.each(['INACTIVE', 'BLOCKED', 'SUSPENDED', 'CLOSED', 'VERIFIED'])('should answer UNKNOWN_STATUS for the undocumented status %s', (status) => {
    const result = safeParseUserStatusEvent(JSON.stringify({ externalUserId: 'u-1', status }));
    expect(result.success || result.error.code).toBe('UNKNOWN_STATUS');
  });
});

describe('USER_STATUSES', () => {
  it('should list only the status P100 shows', () => {
    expect(USER_STATUSES).toEqual(['ACTIVE']);
  });
});

describe('isUserStatus', () => {
  it.each([
    { value: 'ACTIVE', ok: true },
    ...['active', 'INACTIVE', 'ADDED', '', 'toString'].map((value) => ({ value, ok: false })),
    ...[null, undefined, 1, {}, ['ACTIVE'], new String('ACTIVE')].map((value) => ({ value, ok: false })),
  ])('should answer $ok for $value', ({ value, ok }) => {
    expect(isUserStatus(value)).toBe(ok);
  });
});

describe('isUserStatusEvent and isUserActive', () => {
  it('should accept an ACTIVE payload and narrow it', () => {
    const value: unknown = { externalUserId: 'u', status: 'ACTIVE', balances: [] };
    expect(isUserStatusEvent(value)).toBe(true);
    expect(isUserStatusEvent({ externalUserId: 'u', status: 'BLOCKED' })).toBe(false);
    expect(isUserActive({ externalUserId: 'u', status: 'ACTIVE' })).toBe(true);
    expect(isUserActive({ externalUserId: 'u', status: 'BLOCKED' } as unknown as UserStatusEvent)).toBe(false);
  });
});

describe('matchUserStatus', () => {
  it('should call the ACTIVE handler and return its result', () => {
    expect(matchUserStatus({ externalUserId: 'u-1', status: 'ACTIVE' }, { ACTIVE: (e) => `balances of ${e.externalUserId}` })).toBe('balances of u-1');
  });

  it('should throw a TypeError for a status it does not know (unchecked input)', () => {
    const unchecked = { externalUserId: 'u', status: 'BLOCKED' } as unknown as UserStatusEvent;
    expect(() => matchUserStatus(unchecked, { ACTIVE: () => 0 })).toThrow(TypeError);
    expect(() => matchUserStatus(unchecked, { ACTIVE: () => 0 })).toThrow(/BLOCKED/);
  });
});
