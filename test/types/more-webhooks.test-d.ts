import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import {
  isKycAttemptStatus,
  isKycExpired,
  isKycFileAdded,
  isKycFileAddedEvent,
  isKycFileError,
  isKycFileStatus,
  isKycNotVerified,
  isKycVerificationStatus,
  isKycVerificationStatusEvent,
  isKycVerified,
  isUserActive,
  isUserStatus,
  isUserStatusEvent,
  KYC_ATTEMPT_STATUSES,
  KYC_FILE_STATUSES,
  KYC_VERIFICATION_STATUSES,
  type KycAttemptStatus,
  type KycFileAddedEvent,
  type KycFileAddedEventOf,
  KycFileAddedEventSchema,
  type KycFileParseResult,
  type KycFileStatus,
  type KycParseResult,
  type KycVerificationStatus,
  type KycVerificationStatusEvent,
  type KycVerificationStatusEventOf,
  KycVerificationStatusEventSchema,
  type KycVerificationStatusHandlers,
  matchKycFileStatus,
  matchKycVerificationStatus,
  matchUserStatus,
  type P100ParseResult,
  parseKycFileAddedEvent,
  parseKycVerificationStatusEvent,
  parseUserStatusEvent,
  type PoaWebhookError,
  safeParseKycFileAddedEvent,
  safeParseKycVerificationStatusEvent,
  safeParseUserStatusEvent,
  USER_STATUSES,
  type UserStatus,
  type UserStatusEvent,
  type UserStatusEventOf,
  UserStatusEventSchema,
  type UserStatusParseResult,
  validateKycFileAddedEvent,
  validateKycVerificationStatusEvent,
  validateUserStatusEvent,
} from '../../src/index.ts';

type KycMember<S extends KycVerificationStatus> = {
  readonly externalUserId: string;
  readonly verificationStatus: S;
  readonly attemptStatus: KycAttemptStatus;
  readonly rejectionReason?: string | null;
};
type ExactlyKyc = KycMember<'NOT_VERIFIED'> | KycMember<'VERIFIED'> | KycMember<'EXPIRED'>;
type ExactlyFile = { readonly externalUserId: string; readonly status: 'ADDED' } | { readonly externalUserId: string; readonly status: 'ERROR' };

declare const kyc: KycVerificationStatusEvent;
declare const file: KycFileAddedEvent;
declare const user: UserStatusEvent;
declare const anything: unknown;

describe('KycVerificationStatusEvent', () => {
  it('should be the three-member readonly union of the contract, discriminated on verificationStatus', () => {
    expectTypeOf<KycVerificationStatusEvent>().toEqualTypeOf<ExactlyKyc>();
    expectTypeOf<v.InferOutput<typeof KycVerificationStatusEventSchema>>().toEqualTypeOf<ExactlyKyc>();
    expectTypeOf<KycVerificationStatus>().toEqualTypeOf<'NOT_VERIFIED' | 'VERIFIED' | 'EXPIRED'>();
    expectTypeOf<KycAttemptStatus>().toEqualTypeOf<'PENDING' | 'VERIFICATION' | 'REJECTED_BY_PROVIDER' | 'SUCCESSFUL'>();
    expectTypeOf(KYC_VERIFICATION_STATUSES).toEqualTypeOf<readonly ['NOT_VERIFIED', 'VERIFIED', 'EXPIRED']>();
    expectTypeOf(KYC_ATTEMPT_STATUSES).toEqualTypeOf<readonly ['PENDING', 'VERIFICATION', 'REJECTED_BY_PROVIDER', 'SUCCESSFUL']>();
  });

  it('should type rejectionReason as optional string or null, never undefined when present (exactOptionalPropertyTypes)', () => {
    expectTypeOf(kyc.rejectionReason).toEqualTypeOf<string | null | undefined>();
    const withReason: KycVerificationStatusEvent = { externalUserId: 'u', verificationStatus: 'NOT_VERIFIED', attemptStatus: 'REJECTED_BY_PROVIDER', rejectionReason: null };
    void withReason;
    // @ts-expect-error an explicit undefined is not a reason (absent means absent)
    const explicit: KycVerificationStatusEvent = { externalUserId: 'u', verificationStatus: 'VERIFIED', attemptStatus: 'SUCCESSFUL', rejectionReason: undefined };
    void explicit;
  });

  it('should be readonly', () => {
    // @ts-expect-error the event is readonly
    kyc.verificationStatus = 'VERIFIED';
    // @ts-expect-error the event is readonly
    kyc.attemptStatus = 'PENDING';
  });

  it('should pick one member by verificationStatus and refuse a status that does not exist', () => {
    expectTypeOf<KycVerificationStatusEventOf<'EXPIRED'>>().toEqualTypeOf<KycMember<'EXPIRED'>>();
    // @ts-expect-error not a verification status
    expectTypeOf<KycVerificationStatusEventOf<'SUCCESSFUL'>>().toBeNever();
  });
});

describe('KycFileAddedEvent and UserStatusEvent', () => {
  it('should be exactly the contract types', () => {
    expectTypeOf<KycFileAddedEvent>().toEqualTypeOf<ExactlyFile>();
    expectTypeOf<v.InferOutput<typeof KycFileAddedEventSchema>>().toEqualTypeOf<ExactlyFile>();
    expectTypeOf<UserStatusEvent>().toEqualTypeOf<{ readonly externalUserId: string; readonly status: 'ACTIVE' }>();
    expectTypeOf<v.InferOutput<typeof UserStatusEventSchema>>().toEqualTypeOf<UserStatusEvent>();
    expectTypeOf<KycFileStatus>().toEqualTypeOf<'ADDED' | 'ERROR'>();
    expectTypeOf<UserStatus>().toEqualTypeOf<'ACTIVE'>();
    expectTypeOf(KYC_FILE_STATUSES).toEqualTypeOf<readonly ['ADDED', 'ERROR']>();
    expectTypeOf(USER_STATUSES).toEqualTypeOf<readonly ['ACTIVE']>();
    expectTypeOf<KycFileAddedEventOf<'ERROR'>>().toEqualTypeOf<{ readonly externalUserId: string; readonly status: 'ERROR' }>();
    expectTypeOf<UserStatusEventOf<'ACTIVE'>>().toEqualTypeOf<UserStatusEvent>();
  });
});

describe('guards', () => {
  it('should narrow each event to each status', () => {
    if (isKycNotVerified(kyc)) expectTypeOf(kyc).toEqualTypeOf<KycVerificationStatusEventOf<'NOT_VERIFIED'>>();
    else expectTypeOf(kyc.verificationStatus).toEqualTypeOf<'VERIFIED' | 'EXPIRED'>();
    if (isKycVerified(kyc)) expectTypeOf(kyc.verificationStatus).toEqualTypeOf<'VERIFIED'>();
    if (isKycExpired(kyc)) expectTypeOf(kyc.verificationStatus).toEqualTypeOf<'EXPIRED'>();
    if (isKycFileAdded(file)) expectTypeOf(file).toEqualTypeOf<KycFileAddedEventOf<'ADDED'>>();
    else expectTypeOf(file.status).toEqualTypeOf<'ERROR'>();
    if (isKycFileError(file)) expectTypeOf(file.status).toEqualTypeOf<'ERROR'>();
    if (isUserActive(user)) expectTypeOf(user).toEqualTypeOf<UserStatusEvent>();
  });

  it('should narrow unknown values', () => {
    if (isKycVerificationStatusEvent(anything)) expectTypeOf(anything).toEqualTypeOf<KycVerificationStatusEvent>();
    if (isKycVerificationStatus(anything)) expectTypeOf(anything).toEqualTypeOf<KycVerificationStatus>();
    if (isKycAttemptStatus(anything)) expectTypeOf(anything).toEqualTypeOf<KycAttemptStatus>();
    if (isKycFileAddedEvent(anything)) expectTypeOf(anything).toEqualTypeOf<KycFileAddedEvent>();
    if (isKycFileStatus(anything)) expectTypeOf(anything).toEqualTypeOf<KycFileStatus>();
    if (isUserStatusEvent(anything)) expectTypeOf(anything).toEqualTypeOf<UserStatusEvent>();
    if (isUserStatus(anything)) expectTypeOf(anything).toEqualTypeOf<UserStatus>();
  });

  it('should take only its own events in the status guards', () => {
    // @ts-expect-error a KYC File Added event is not a KYC Verification Status event
    isKycVerified(file);
    // @ts-expect-error a string is not an event
    isKycFileAdded('ADDED');
  });
});

describe('parse results', () => {
  it('should narrow on success, with the error of every parse', () => {
    const result = safeParseKycVerificationStatusEvent('{}');
    expectTypeOf(result).toEqualTypeOf<KycParseResult>();
    expectTypeOf<KycParseResult>().toEqualTypeOf<P100ParseResult<KycVerificationStatusEvent>>();
    expectTypeOf(validateKycVerificationStatusEvent(anything)).toEqualTypeOf<KycParseResult>();
    expectTypeOf(safeParseKycFileAddedEvent('{}')).toEqualTypeOf<KycFileParseResult>();
    expectTypeOf(validateKycFileAddedEvent(anything)).toEqualTypeOf<P100ParseResult<KycFileAddedEvent>>();
    expectTypeOf(safeParseUserStatusEvent('{}')).toEqualTypeOf<UserStatusParseResult>();
    expectTypeOf(validateUserStatusEvent(anything)).toEqualTypeOf<P100ParseResult<UserStatusEvent>>();
    if (result.success) {
      expectTypeOf(result.event).toEqualTypeOf<KycVerificationStatusEvent>();
      // @ts-expect-error no error on success
      void result.error;
    } else {
      expectTypeOf(result.error).toEqualTypeOf<PoaWebhookError>();
      // @ts-expect-error no event on failure
      void result.event;
    }
  });

  it('should take text and bytes only, and return the event from parse', () => {
    expectTypeOf(parseKycVerificationStatusEvent).parameter(0).toEqualTypeOf<string | Uint8Array | ArrayBuffer>();
    expectTypeOf(parseKycVerificationStatusEvent).returns.toEqualTypeOf<KycVerificationStatusEvent>();
    expectTypeOf(parseKycFileAddedEvent).returns.toEqualTypeOf<KycFileAddedEvent>();
    expectTypeOf(parseUserStatusEvent).returns.toEqualTypeOf<UserStatusEvent>();
    // @ts-expect-error an object is not a raw body (use validateKycFileAddedEvent)
    safeParseKycFileAddedEvent({ externalUserId: 'u', status: 'ADDED' });
  });
});

describe('match helpers', () => {
  it('should give each handler its narrowed event and return the handlers result', () => {
    const result = matchKycVerificationStatus(kyc, {
      NOT_VERIFIED: (e) => {
        expectTypeOf(e.verificationStatus).toEqualTypeOf<'NOT_VERIFIED'>();
        expectTypeOf(e.rejectionReason).toEqualTypeOf<string | null | undefined>();
        return 1;
      },
      VERIFIED: (e) => (expectTypeOf(e.verificationStatus).toEqualTypeOf<'VERIFIED'>(), 2),
      EXPIRED: () => 3,
    });
    expectTypeOf(result).toEqualTypeOf<number>();
    expectTypeOf(matchKycFileStatus(file, { ADDED: (e) => e.status, ERROR: (e) => e.status })).toEqualTypeOf<'ADDED' | 'ERROR'>();
    expectTypeOf(matchUserStatus(user, { ACTIVE: async () => true })).toEqualTypeOf<Promise<boolean>>();
  });

  it('should refuse a handler map with a status missing', () => {
    // @ts-expect-error EXPIRED is missing
    matchKycVerificationStatus(kyc, { NOT_VERIFIED: () => 1, VERIFIED: () => 2 });
    // @ts-expect-error ERROR is missing
    matchKycFileStatus(file, { ADDED: () => 1 });
    // @ts-expect-error ACTIVE is missing
    matchUserStatus(user, {});
  });

  it('should refuse a handler for a status that does not exist', () => {
    matchKycFileStatus(file, {
      ADDED: () => 1,
      ERROR: () => 2,
      // @ts-expect-error REJECTED is not a KYC file status
      REJECTED: () => 3,
    });
    const labels = { NOT_VERIFIED: () => 'a', VERIFIED: () => 'b', EXPIRED: () => 'c' } satisfies KycVerificationStatusHandlers<string>;
    void labels;
  });
});
