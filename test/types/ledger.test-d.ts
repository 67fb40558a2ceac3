import { describe, expectTypeOf, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import {
  handlePoaWebhook,
  type PoaDecision,
  type PoaDeliveryLedger,
  type PoaDeliveryRecord,
  type PoaVerificationStatus,
  type PoaWebhookContext,
  type PoaWebhookOptions,
} from '../../src/index.ts';
import { createLambdaHandler } from '../../src/lambda.ts';
import {
  createMemoryLedgerStore,
  createPoaLedger,
  decidePoaDelivery,
  type PoaDecision as LedgerPoaDecision,
  type PoaDecisionResult,
  type PoaDeliveryRecord as LedgerPoaDeliveryRecord,
  type PoaLedger,
  type PoaLedgerOptions,
  type PoaLedgerState,
  type PoaLedgerStore,
} from '../../src/ledger.ts';
import { createNodeHandler } from '../../src/node.ts';

const ledger = createPoaLedger({ store: createMemoryLedgerStore() });

describe('createPoaLedger', () => {
  it('should take a store and optional positive numbers, and return a PoaLedger', () => {
    expectTypeOf(createPoaLedger).parameter(0).toEqualTypeOf<PoaLedgerOptions>();
    expectTypeOf(ledger).toEqualTypeOf<PoaLedger>();
    expectTypeOf<PoaLedgerOptions['store']>().toEqualTypeOf<PoaLedgerStore>();
    expectTypeOf<PoaLedgerOptions['retryHorizonMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PoaLedgerOptions['leaseMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PoaLedgerOptions['waitMs']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error the store is required
    createPoaLedger({});
    // @ts-expect-error a horizon is a number of milliseconds
    createPoaLedger({ store: createMemoryLedgerStore(), retryHorizonMs: '10m' });
    // @ts-expect-error a store needs claim, recordUpload and get
    createPoaLedger({ store: { get: async () => undefined } });
  });

  it('should expose recordUpload and get with the contract shapes', () => {
    expectTypeOf(ledger.recordUpload).toEqualTypeOf<(externalUserId: string) => Promise<void>>();
    expectTypeOf(ledger.get).returns.toEqualTypeOf<Promise<PoaLedgerState | undefined>>();
    expectTypeOf<PoaLedgerState>().toEqualTypeOf<{ readonly status: PoaVerificationStatus; readonly round: number; readonly appliedAt: Date }>();
    expectTypeOf(ledger).toExtend<PoaDeliveryLedger>();
  });
});

describe('decisions and records', () => {
  it('should be the four decisions, one type in both entries', () => {
    expectTypeOf<PoaDecision>().toEqualTypeOf<'applied' | 'duplicate' | 'stale' | 'anomaly'>();
    expectTypeOf<LedgerPoaDecision>().toEqualTypeOf<PoaDecision>();
    expectTypeOf<LedgerPoaDeliveryRecord>().toEqualTypeOf<PoaDeliveryRecord>();
    expectTypeOf(decidePoaDelivery).returns.toEqualTypeOf<PoaDecisionResult>();
  });

  it('should carry the receipt id, the user, the status, the decision and the round', () => {
    expectTypeOf<PoaDeliveryRecord>().toEqualTypeOf<{
      readonly receiptId: string;
      readonly externalUserId: string;
      readonly status: PoaVerificationStatus;
      readonly decision: PoaDecision;
      readonly round: number;
    }>();
  });
});

describe('the ledger and onDecision options', () => {
  const onDecision = (record: PoaDeliveryRecord, context: PoaWebhookContext): void => {
    expectTypeOf(record.decision).toEqualTypeOf<PoaDecision>();
    expectTypeOf(context.receivedAt).toEqualTypeOf<Date>();
  };

  it('should be accepted by handlePoaWebhook and every adapter', () => {
    expectTypeOf<PoaWebhookOptions['ledger']>().toEqualTypeOf<PoaDeliveryLedger | undefined>();
    expectTypeOf<PoaWebhookOptions['onDecision']>().toEqualTypeOf<((record: PoaDeliveryRecord, context: PoaWebhookContext) => void) | undefined>();
    const options = { secret: 's3cret', ledger, onDecision, onEvent: () => {} } satisfies PoaWebhookOptions;
    void handlePoaWebhook({ method: 'POST', headers: {} }, options);
    createNodeHandler(options);
    createFetchHandler(options);
    createLambdaHandler(options);
  });

  it('should type the record handed to onDecision without annotations', () => {
    createNodeHandler({
      secret: 's3cret',
      ledger,
      onEvent: () => {},
      onDecision: (record, context) => {
        expectTypeOf(record).toEqualTypeOf<PoaDeliveryRecord>();
        expectTypeOf(record.status).toEqualTypeOf<PoaVerificationStatus>();
        expectTypeOf(context).toEqualTypeOf<PoaWebhookContext>();
      },
    });
  });

  it('should refuse what is not a ledger or not a decision listener', () => {
    // @ts-expect-error a store is not a ledger: wrap it with createPoaLedger
    createNodeHandler({ secret: 's3cret', ledger: createMemoryLedgerStore(), onEvent: () => {} });
    // @ts-expect-error onDecision receives a record, not an event
    createFetchHandler({ secret: 's3cret', ledger, onEvent: () => {}, onDecision: (record: { externalUserId: string; status: 'EXPIRED' }) => void record });
    // @ts-expect-error onDecision is a function
    createLambdaHandler({ secret: 's3cret', ledger, onEvent: () => {}, onDecision: 'log' });
  });
});
