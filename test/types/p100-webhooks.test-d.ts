import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  handleP100Webhook,
  type KycFileAddedEvent,
  type KycVerificationStatusEvent,
  type P100WebhooksOptions,
  type PoaVerificationEvent,
  type PoaWebhookContext,
  type UserStatusEvent,
} from '../../src/index.ts';
import { createFetchHandler } from '../../src/fetch.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';

const request = { method: 'POST', path: '/webhook/x', headers: {}, body: '{}' };
const noop = (): void => {};
const valibotDeposit = v.object({ txHash: v.string(), amount: v.number() });

describe('P100WebhooksOptions: a route per webhook, each typed from its own family', () => {
  it('should give each documented route its own event type in onEvent and in every `on` handler', () => {
    void handleP100Webhook(request, {
      secret: 's',
      webhooks: {
        poaVerificationStatus: { onEvent: (event) => expectTypeOf(event).toEqualTypeOf<PoaVerificationEvent>() },
        kycVerificationStatus: {
          path: '/webhook/kyc',
          on: {
            NOT_VERIFIED: (event, context) => {
              expectTypeOf(event.verificationStatus).toEqualTypeOf<'NOT_VERIFIED'>();
              expectTypeOf(event).toMatchTypeOf<KycVerificationStatusEvent>();
              expectTypeOf(context).toEqualTypeOf<PoaWebhookContext>();
            },
            VERIFIED: (event) => expectTypeOf(event.verificationStatus).toEqualTypeOf<'VERIFIED'>(),
            EXPIRED: noop,
          },
        },
        kycFileAdded: { path: '/webhook/kyc-file', onEvent: (event) => expectTypeOf(event).toEqualTypeOf<KycFileAddedEvent>() },
        userStatus: {
          on: { ACTIVE: (event) => expectTypeOf(event).toMatchTypeOf<UserStatusEvent>() },
          onUnknownStatus: (payload) => expectTypeOf(payload.status).toEqualTypeOf<string>(),
        },
      },
    });
  });

  it('should type the unknown-status payload of KYC Verification Status with its own fields', () => {
    void handleP100Webhook(request, {
      secret: 's',
      webhooks: {
        kycVerificationStatus: {
          path: '/webhook/kyc',
          onEvent: noop,
          onUnknownStatus: (payload) => {
            expectTypeOf(payload.verificationStatus).toEqualTypeOf<string>();
            expectTypeOf(payload.attemptStatus).toEqualTypeOf<string>();
          },
        },
      },
    });
  });

  it('should refuse an `on` map that misses a status, names an extra one, or sits beside onEvent', () => {
    void handleP100Webhook(request, {
      secret: 's',
      // @ts-expect-error EXPIRED is not handled
      webhooks: { kycVerificationStatus: { path: '/k', on: { NOT_VERIFIED: noop, VERIFIED: noop } } },
    });
    void handleP100Webhook(request, {
      secret: 's',
      // @ts-expect-error ERROR is not handled
      webhooks: { kycFileAdded: { path: '/f', on: { ADDED: noop } } },
    });
    void handleP100Webhook(request, {
      secret: 's',
      // @ts-expect-error on and onEvent are exclusive
      webhooks: { userStatus: { on: { ACTIVE: noop }, onEvent: noop } },
    });
    void handleP100Webhook(request, {
      secret: 's',
      // @ts-expect-error a route needs a handler
      webhooks: { poaVerificationStatus: { path: '/p' } },
    });
  });

  it('should require a path for the KYC webhooks (P100 documents none) and none for POA or User status', () => {
    // @ts-expect-error kycVerificationStatus has no default path
    void handleP100Webhook(request, { secret: 's', webhooks: { kycVerificationStatus: { onEvent: noop } } });
    // @ts-expect-error kycFileAdded has no default path
    void handleP100Webhook(request, { secret: 's', webhooks: { kycFileAdded: { onEvent: noop } } });
    void handleP100Webhook(request, { secret: 's', webhooks: { poaVerificationStatus: { onEvent: noop }, userStatus: { onEvent: noop } } });
  });

  it('should refuse webhooks this version does not know, and the inbox beside webhooks', () => {
    // @ts-expect-error no such webhook
    void handleP100Webhook(request, { secret: 's', webhooks: { cryptoDeposit: { path: '/d', onEvent: noop } } });
    const inbox = {} as NonNullable<import('../../src/index.ts').PoaWebhookInboxOptions['inbox']>;
    // @ts-expect-error the inbox queues POA deliveries only
    void handleP100Webhook(request, { secret: 's', inbox, webhooks: { userStatus: { onEvent: noop } } });
  });
});

describe('custom routes: the event type comes from the schema', () => {
  it('should infer onEvent from a valibot, zod and arktype schema', () => {
    void handleP100Webhook(request, {
      secret: 's',
      webhooks: {
        custom: {
          valibot: { path: '/v', schema: valibotDeposit, onEvent: (event) => expectTypeOf(event).toEqualTypeOf<{ txHash: string; amount: number }>() },
          zod: { path: '/z', schema: z.object({ id: z.string() }), onEvent: (event) => expectTypeOf(event).toEqualTypeOf<{ id: string }>() },
          arktype: { path: '/a', schema: type({ n: 'number' }), onEvent: (event) => expectTypeOf(event).toEqualTypeOf<{ n: number }>() },
        },
      },
    });
  });

  it('should use the schema output (after transforms), not its input', () => {
    void handleP100Webhook(request, {
      secret: 's',
      webhooks: {
        custom: {
          amount: {
            path: '/amount',
            schema: z.object({ amount: z.string().transform(Number) }),
            onEvent: (event) => expectTypeOf(event.amount).toEqualTypeOf<number>(),
          },
        },
      },
    });
  });

  it('should refuse a custom route without a schema, a path or a handler, and a handler of another type', () => {
    // @ts-expect-error no schema
    void handleP100Webhook(request, { secret: 's', webhooks: { custom: { d: { path: '/d', onEvent: noop } } } });
    // @ts-expect-error no path
    void handleP100Webhook(request, { secret: 's', webhooks: { custom: { d: { schema: valibotDeposit, onEvent: noop } } } });
    // @ts-expect-error no handler
    void handleP100Webhook(request, { secret: 's', webhooks: { custom: { d: { path: '/d', schema: valibotDeposit } } } });
    void handleP100Webhook(request, {
      secret: 's',
      webhooks: {
        custom: {
          d: {
            path: '/d',
            schema: valibotDeposit,
            // @ts-expect-error amount is a number, not a string
            onEvent: (event: { amount: string }) => event,
          },
        },
      },
    });
  });
});

describe('every adapter factory accepts P100WebhooksOptions, with the same inference', () => {
  it('should accept the same routes in createNodeHandler, createFetchHandler and createLambdaHandler', () => {
    const webhooks = {
      userStatus: { onEvent: (event: UserStatusEvent) => event.externalUserId },
      custom: { deposit: { path: '/d', schema: valibotDeposit, onEvent: noop } },
    };
    createNodeHandler({ secret: 's', webhooks });
    createFetchHandler({ secret: 's', webhooks });
    createLambdaHandler({ secret: 's', webhooks });
    createFetchHandler({
      secret: 's',
      webhooks: { custom: { deposit: { path: '/d', schema: valibotDeposit, onEvent: (event) => expectTypeOf(event.amount).toEqualTypeOf<number>() } } },
    });
    createLambdaHandler({
      secret: 's',
      webhooks: { kycFileAdded: { path: '/f', on: { ADDED: (event) => expectTypeOf(event.status).toEqualTypeOf<'ADDED'>(), ERROR: noop } } },
    });
  });

  it('should keep a top-level handler or path out of the several-webhooks shape', () => {
    const options: P100WebhooksOptions = { secret: 's', webhooks: { userStatus: { onEvent: noop } } };
    // @ts-expect-error `onEvent` belongs to a route
    createNodeHandler({ ...options, onEvent: noop });
    expectTypeOf(createNodeHandler(options)).toEqualTypeOf(createNodeHandler({ secret: 's', onEvent: noop }));
  });
});
