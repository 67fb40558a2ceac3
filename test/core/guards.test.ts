import { describe, expect, it } from 'vitest';
import {
  isPoaApproved,
  isPoaQuestioned,
  isPoaRejected,
  isPoaVerificationEvent,
  isPoaVerificationStatus,
  isPoaWaiting,
  isTerminalPoaStatus,
  matchPoaStatus,
  POA_VERIFICATION_STATUSES,
  type PoaVerificationEvent,
  type PoaVerificationStatus,
  poaStatusRequiresUserAction,
} from '../../src/index.ts';

const event = (status: PoaVerificationStatus): PoaVerificationEvent => ({ externalUserId: 'u-1', status }) as PoaVerificationEvent;

describe('POA_VERIFICATION_STATUSES', () => {
  it('should list the four statuses in lifecycle order', () => {
    expect(POA_VERIFICATION_STATUSES).toEqual(['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED']);
  });
});

describe('isPoaVerificationStatus', () => {
  it.each([
    ...POA_VERIFICATION_STATUSES.map((value) => ({ value, ok: true })),
    ...['approved', 'Waiting', 'REJECTED ', '', 'EXPIRED', 'toString', '__proto__'].map((value) => ({ value, ok: false })),
    ...[null, undefined, 1, {}, ['APPROVED'], new String('APPROVED')].map((value) => ({ value, ok: false })),
  ])('should answer $ok for $value', ({ value, ok }) => {
    expect(isPoaVerificationStatus(value)).toBe(ok);
  });
});

describe('isPoaVerificationEvent', () => {
  const throwing = Object.defineProperty({ status: 'APPROVED' }, 'externalUserId', {
    get() {
      throw new Error('getter');
    },
  });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  it.each([
    { description: 'a valid event', value: { externalUserId: 'u', status: 'WAITING' }, ok: true },
    { description: 'extra fields', value: { externalUserId: 'u', status: 'WAITING', x: 1 }, ok: true },
    { description: 'a null-prototype object', value: Object.assign(Object.create(null) as object, { externalUserId: 'u', status: 'APPROVED' }), ok: true },
    { description: 'an unknown status', value: { externalUserId: 'u', status: 'EXPIRED' }, ok: false },
    { description: 'an empty id', value: { externalUserId: '', status: 'WAITING' }, ok: false },
    { description: 'a 257-character id', value: { externalUserId: 'x'.repeat(257), status: 'WAITING' }, ok: false },
    { description: 'an array', value: [], ok: false },
    { description: 'null', value: null, ok: false },
    { description: 'a string', value: '{"externalUserId":"u","status":"WAITING"}', ok: false },
    { description: 'a throwing getter', value: throwing, ok: false },
    { description: 'a revoked proxy', value: revoked.proxy, ok: false },
  ])('should answer $ok for $description, never throwing', ({ value, ok }) => {
    expect(isPoaVerificationEvent(value)).toBe(ok);
  });
});

describe.each([
  { name: 'isPoaWaiting', guard: isPoaWaiting, status: 'WAITING' },
  { name: 'isPoaApproved', guard: isPoaApproved, status: 'APPROVED' },
  { name: 'isPoaRejected', guard: isPoaRejected, status: 'REJECTED' },
  { name: 'isPoaQuestioned', guard: isPoaQuestioned, status: 'QUESTIONED' },
] as const)('$name', ({ guard, status }) => {
  it.each(POA_VERIFICATION_STATUSES)('should answer for %s whether it is its own status', (other) => {
    expect(guard(event(other))).toBe(other === status);
  });
});

describe('isTerminalPoaStatus', () => {
  it.each([
    { status: 'WAITING', terminal: false },
    { status: 'APPROVED', terminal: true },
    { status: 'REJECTED', terminal: true },
    { status: 'QUESTIONED', terminal: false },
  ] as const)('should answer $terminal for $status', ({ status, terminal }) => {
    expect(isTerminalPoaStatus(status)).toBe(terminal);
  });
});

describe('poaStatusRequiresUserAction', () => {
  it.each([
    { status: 'WAITING', action: false },
    { status: 'APPROVED', action: false },
    { status: 'REJECTED', action: true },
    { status: 'QUESTIONED', action: true },
  ] as const)('should answer $action for $status', ({ status, action }) => {
    expect(poaStatusRequiresUserAction(status)).toBe(action);
  });
});

describe('matchPoaStatus', () => {
  const handlers = {
    WAITING: (e: PoaVerificationEvent) => `W:${e.externalUserId}`,
    APPROVED: (e: PoaVerificationEvent) => `A:${e.externalUserId}`,
    REJECTED: (e: PoaVerificationEvent) => `R:${e.externalUserId}`,
    QUESTIONED: (e: PoaVerificationEvent) => `Q:${e.externalUserId}`,
  };

  it.each(POA_VERIFICATION_STATUSES)('should call only the %s handler, once, with the event, and return its result', (status) => {
    const calls: string[] = [];
    const spy = Object.fromEntries(
      Object.entries(handlers).map(([key, fn]) => [key, (e: PoaVerificationEvent) => (calls.push(key), fn(e))]),
    ) as typeof handlers;
    const input = event(status);
    expect(matchPoaStatus(input, spy)).toBe(`${status[0]}:u-1`);
    expect(calls).toEqual([status]);
  });

  it('should return what an async handler returns (a promise)', async () => {
    const result = matchPoaStatus(event('APPROVED'), {
      WAITING: async () => 0,
      APPROVED: async () => 1,
      REJECTED: async () => 2,
      QUESTIONED: async () => 3,
    });
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(1);
  });

  it('should throw a TypeError for a status it does not know (unchecked input)', () => {
    const unchecked = { externalUserId: 'u', status: 'EXPIRED' } as unknown as PoaVerificationEvent;
    expect(() => matchPoaStatus(unchecked, handlers)).toThrow(TypeError);
    expect(() => matchPoaStatus(unchecked, handlers)).toThrow(/EXPIRED/);
  });
});
