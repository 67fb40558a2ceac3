import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import {
  handlePoaWebhook,
  isPoaApproved,
  isPoaQuestioned,
  isPoaRejected,
  isPoaVerificationEvent,
  isPoaVerificationStatus,
  isPoaWaiting,
  isPoaWebhookError,
  matchPoaStatus,
  parsePoaVerificationEvent,
  POA_VERIFICATION_STATUSES,
  type PoaEventHandlers,
  type PoaParseResult,
  type PoaVerificationEvent,
  type PoaVerificationEventOf,
  PoaVerificationEventSchema,
  type PoaVerificationStatus,
  type PoaWebhookContext,
  type PoaWebhookErrorCode,
  PoaWebhookError,
  type PoaWebhookOptions,
  type PoaWebhookResponse,
  safeParsePoaVerificationEvent,
  validatePoaVerificationEvent,
  verifyAuthorizationHeader,
} from '../../src/index.ts';

type Exactly =
  | { readonly externalUserId: string; readonly status: 'WAITING' }
  | { readonly externalUserId: string; readonly status: 'APPROVED' }
  | { readonly externalUserId: string; readonly status: 'REJECTED' }
  | { readonly externalUserId: string; readonly status: 'QUESTIONED' };

declare const event: PoaVerificationEvent;
declare const anything: unknown;

describe('PoaVerificationEvent', () => {
  it('should be exactly the four-member readonly union of the contract', () => {
    expectTypeOf<PoaVerificationEvent>().toEqualTypeOf<Exactly>();
    expectTypeOf<v.InferOutput<typeof PoaVerificationEventSchema>>().toEqualTypeOf<Exactly>();
    expectTypeOf<PoaVerificationEvent['status']>().toEqualTypeOf<PoaVerificationStatus>();
  });

  it('should be readonly', () => {
    // @ts-expect-error the event is readonly
    event.status = 'APPROVED';
    // @ts-expect-error the event is readonly
    event.externalUserId = 'x';
  });

  it('should have exactly the four statuses', () => {
    expectTypeOf<PoaVerificationStatus>().toEqualTypeOf<'WAITING' | 'APPROVED' | 'REJECTED' | 'QUESTIONED'>();
    expectTypeOf(POA_VERIFICATION_STATUSES).toEqualTypeOf<readonly ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED']>();
  });
});

describe('PoaVerificationEventOf', () => {
  it('should pick one member by status', () => {
    expectTypeOf<PoaVerificationEventOf<'WAITING'>>().toEqualTypeOf<{ readonly externalUserId: string; readonly status: 'WAITING' }>();
    expectTypeOf<PoaVerificationEventOf<'QUESTIONED'>['status']>().toEqualTypeOf<'QUESTIONED'>();
    expectTypeOf<PoaVerificationEventOf<'APPROVED' | 'REJECTED'>['status']>().toEqualTypeOf<'APPROVED' | 'REJECTED'>();
  });

  it('should refuse a status that does not exist', () => {
    // @ts-expect-error not a status
    expectTypeOf<PoaVerificationEventOf<'EXPIRED'>>().toBeNever();
  });
});

describe('guards', () => {
  it('should narrow an event to each status', () => {
    if (isPoaWaiting(event)) expectTypeOf(event).toEqualTypeOf<PoaVerificationEventOf<'WAITING'>>();
    else expectTypeOf(event.status).toEqualTypeOf<'APPROVED' | 'REJECTED' | 'QUESTIONED'>();
    if (isPoaApproved(event)) expectTypeOf(event).toEqualTypeOf<PoaVerificationEventOf<'APPROVED'>>();
    if (isPoaRejected(event)) expectTypeOf(event).toEqualTypeOf<PoaVerificationEventOf<'REJECTED'>>();
    if (isPoaQuestioned(event)) expectTypeOf(event).toEqualTypeOf<PoaVerificationEventOf<'QUESTIONED'>>();
  });

  it('should narrow unknown values', () => {
    if (isPoaVerificationEvent(anything)) expectTypeOf(anything).toEqualTypeOf<PoaVerificationEvent>();
    if (isPoaVerificationStatus(anything)) expectTypeOf(anything).toEqualTypeOf<PoaVerificationStatus>();
    if (isPoaWebhookError(anything)) {
      expectTypeOf(anything).toEqualTypeOf<PoaWebhookError>();
      expectTypeOf(anything.code).toEqualTypeOf<PoaWebhookErrorCode>();
    }
  });

  it('should take only events in the status guards', () => {
    // @ts-expect-error a string is not an event
    isPoaApproved('APPROVED');
  });
});

describe('PoaParseResult', () => {
  it('should narrow on success', () => {
    const result = safeParsePoaVerificationEvent('{}');
    expectTypeOf(result).toEqualTypeOf<PoaParseResult>();
    expectTypeOf(validatePoaVerificationEvent(anything)).toEqualTypeOf<PoaParseResult>();
    if (result.success) {
      expectTypeOf(result.event).toEqualTypeOf<PoaVerificationEvent>();
      // @ts-expect-error no error on success
      void result.error;
    } else {
      expectTypeOf(result.error).toEqualTypeOf<PoaWebhookError>();
      expectTypeOf(result.error.issues).toEqualTypeOf<readonly { readonly path: string; readonly message: string }[]>();
      // @ts-expect-error no event on failure
      void result.event;
    }
  });

  it('should take text and bytes only', () => {
    expectTypeOf(parsePoaVerificationEvent).parameter(0).toEqualTypeOf<string | Uint8Array | ArrayBuffer>();
    expectTypeOf(parsePoaVerificationEvent).returns.toEqualTypeOf<PoaVerificationEvent>();
    // @ts-expect-error an object is not a raw body (use validatePoaVerificationEvent)
    safeParsePoaVerificationEvent({ externalUserId: 'u', status: 'APPROVED' });
  });
});

describe('PoaWebhookError', () => {
  it('should have a literal name and code', () => {
    const error = new PoaWebhookError('UNAUTHORIZED', 'x');
    expectTypeOf(error.name).toEqualTypeOf<'PoaWebhookError'>();
    expectTypeOf(error.httpStatus).toEqualTypeOf<number>();
    // @ts-expect-error unknown code
    void new PoaWebhookError('TEAPOT', 'x');
  });
});

describe('matchPoaStatus', () => {
  it('should infer R and narrow each handler', () => {
    const result = matchPoaStatus(event, {
      WAITING: (e) => {
        expectTypeOf(e).toEqualTypeOf<PoaVerificationEventOf<'WAITING'>>();
        return 1;
      },
      APPROVED: (e) => {
        expectTypeOf(e.status).toEqualTypeOf<'APPROVED'>();
        return 2;
      },
      REJECTED: (e) => {
        expectTypeOf(e.status).toEqualTypeOf<'REJECTED'>();
        return 3;
      },
      QUESTIONED: (e) => {
        expectTypeOf(e.status).toEqualTypeOf<'QUESTIONED'>();
        return 4;
      },
    });
    expectTypeOf(result).toEqualTypeOf<number>();
    const async = matchPoaStatus(event, {
      WAITING: async () => 'a',
      APPROVED: async () => 'b',
      REJECTED: async () => 'c',
      QUESTIONED: async () => 'd',
    });
    expectTypeOf(async).toEqualTypeOf<Promise<string>>();
  });

  it('should reject a missing key', () => {
    // @ts-expect-error QUESTIONED is missing
    matchPoaStatus(event, { WAITING: () => 1, APPROVED: () => 2, REJECTED: () => 3 });
  });

  it('should reject an extra key', () => {
    matchPoaStatus(event, {
      WAITING: () => 1,
      APPROVED: () => 2,
      REJECTED: () => 3,
      QUESTIONED: () => 4,
      // @ts-expect-error EXPIRED is not a status
      EXPIRED: () => 5,
    });
  });

  it('should reject a handler that expects another status', () => {
    matchPoaStatus(event, {
      // @ts-expect-error WAITING's handler must accept a WAITING event
      WAITING: (e: PoaVerificationEventOf<'APPROVED'>) => void e,
      APPROVED: (e) => void e,
      REJECTED: (e) => void e,
      QUESTIONED: (e) => void e,
    });
  });
});

describe('PoaWebhookOptions', () => {
  const on = { WAITING: () => {}, APPROVED: () => {}, REJECTED: () => {}, QUESTIONED: () => {} };

  it('should accept exactly one of on and onEvent', () => {
    expectTypeOf({ secret: 's', on }).toExtend<PoaWebhookOptions>();
    expectTypeOf({ secret: ['a', 'b'], onEvent: (e: PoaVerificationEvent) => e }).toExtend<PoaWebhookOptions>();
    // @ts-expect-error neither on nor onEvent
    const neither: PoaWebhookOptions = { secret: 's' };
    // @ts-expect-error both on and onEvent
    const both: PoaWebhookOptions = { secret: 's', on, onEvent: () => {} };
    // @ts-expect-error the secret is required
    const noSecret: PoaWebhookOptions = { onEvent: () => {} };
    void [neither, both, noSecret];
  });

  it('should make the on map exhaustive and narrow each handler', () => {
    const options: PoaWebhookOptions = {
      secret: 's',
      on: {
        WAITING: (e, context) => {
          expectTypeOf(e).toEqualTypeOf<PoaVerificationEventOf<'WAITING'>>();
          expectTypeOf(context).toEqualTypeOf<PoaWebhookContext>();
        },
        APPROVED: async (e) => expectTypeOf(e.status).toEqualTypeOf<'APPROVED'>(),
        REJECTED: (e) => expectTypeOf(e.status).toEqualTypeOf<'REJECTED'>(),
        QUESTIONED: (e) => expectTypeOf(e.status).toEqualTypeOf<'QUESTIONED'>(),
      },
    };
    void options;
    // @ts-expect-error QUESTIONED is missing
    const missing: PoaWebhookOptions = { secret: 's', on: { WAITING: () => {}, APPROVED: () => {}, REJECTED: () => {} } };
    // @ts-expect-error EXPIRED is not a status
    const extra: PoaWebhookOptions = { secret: 's', on: { ...on, EXPIRED: () => {} } };
    void [missing, extra];
    expectTypeOf<keyof PoaEventHandlers>().toEqualTypeOf<PoaVerificationStatus>();
  });

  it('should type the callbacks', () => {
    void handlePoaWebhook(
      { method: 'POST', headers: {} },
      {
        secret: 's',
        onEvent: (e, context) => {
          expectTypeOf(e).toEqualTypeOf<PoaVerificationEvent>();
          expectTypeOf(context.header).returns.toEqualTypeOf<string | undefined>();
        },
        onUnknownStatus: (payload) => expectTypeOf(payload.status).toEqualTypeOf<string>(),
        onError: (error) => expectTypeOf(error).toEqualTypeOf<PoaWebhookError>(),
      },
    );
    expectTypeOf(handlePoaWebhook).returns.toEqualTypeOf<Promise<PoaWebhookResponse>>();
  });
});

describe('verifyAuthorizationHeader', () => {
  it('should take a header that may be absent and one or several secrets', () => {
    expectTypeOf(verifyAuthorizationHeader).parameter(0).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(verifyAuthorizationHeader).parameter(1).toEqualTypeOf<string | readonly string[]>();
    expectTypeOf(verifyAuthorizationHeader).returns.toEqualTypeOf<boolean>();
  });
});
