import type { AttributeValue, DynamoDBClient, UpdateItemCommandInput, UpdateItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { POA_VERIFICATION_STATUSES } from '../../core/poa-verification-statuses.ts';
import { LEDGER_RECORD_FIELDS, LedgerStoreAnswerError, MARK_FIELDS, ledgerRecordFromFields } from '../ledger-record-fields.ts';
import type { PoaLedgerRecord } from '../poa-ledger-record.ts';
import type { PoaLedgerChange, PoaLedgerClaim, PoaLedgerLease, PoaLedgerStore } from '../poa-ledger-store.ts';
import { checkStoreChange, checkStoreLease, checkStoreLeaseTimes, checkStoreTime } from '../store-input.ts';

/**
 * Options of {@link createDynamoDbLedgerStore}.
 *
 * @example
 * ```ts
 * import type { DynamoDbLedgerStoreOptions } from 'p100-webhooks/ledger/dynamodb';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 *
 * const options: DynamoDbLedgerStoreOptions = { client: new DynamoDBClient({}), tableName: 'p100-ledger' };
 * ```
 */
export interface DynamoDbLedgerStoreOptions {
  /** An AWS SDK v3 DynamoDB client (`DynamoDBClient` or the aggregated `DynamoDB`). */
  readonly client: Pick<DynamoDBClient, 'send'>;
  /** The table: partition key `pk` (string), no sort key. */
  readonly tableName: string;
  /**
   * Create the table (on-demand capacity) when an operation finds it missing, and wait until it is
   * active. Default `false`: the table comes from your infrastructure code (docs/ledger-stores.md),
   * so the function's role needs no `dynamodb:CreateTable` and a missing table is an error
   * (503 `LEDGER_UNAVAILABLE`), not a surprise table.
   */
  readonly createTable?: boolean;
}

// Ids with a lone surrogate are not valid UTF-8 text for DynamoDB; they get a key of their own
// form (UTF-16 code units in hex), apart from every well-formed id's.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const codeUnitsHex = (text: string): string => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).padStart(4, '0')).join('');
const keyOf = (externalUserId: string): Record<string, AttributeValue> => ({
  pk: { S: LONE_SURROGATE.test(externalUserId) ? `x#${codeUnitsHex(externalUserId)}` : `u#${externalUserId}` },
});

const N = (value: number): AttributeValue => ({ N: String(value) });
const FREE = 'attribute_not_exists(lease_token) OR lease_until <= :now';
const HOLDS = 'lease_token = :token';
const NEXT_SEQ = 'if_not_exists(seq, :zero) + :one';

function checkId(externalUserId: unknown): asserts externalUserId is string {
  if (typeof externalUserId !== 'string' || externalUserId === '') throw new TypeError('The ledger store needs a non-empty string as externalUserId.');
}


const errorName = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined);

/** Reads an item strictly: integers only from N attributes, the status only from an S attribute. */
function recordFromItem(item: unknown): PoaLedgerRecord | undefined {
  if (item === undefined) return undefined;
  if (typeof item !== 'object' || item === null) throw new LedgerStoreAnswerError('The DynamoDB ledger store answered an item it cannot read.');
  const attributes = item as Record<string, AttributeValue | undefined>;
  const fields: Record<string, unknown> = {};
  for (const name of LEDGER_RECORD_FIELDS) {
    const value = attributes[name];
    if (value === undefined) continue;
    const raw = name === 'status' ? value.S : value.N;
    if (raw === undefined) throw new LedgerStoreAnswerError(`The DynamoDB ledger store answered a ${name} of the wrong type.`);
    fields[name] = raw;
  }
  return ledgerRecordFromFields(fields);
}

/**
 * A ledger store on Amazon DynamoDB through the AWS SDK v3 (`@aws-sdk/client-dynamodb`): one item
 * per user, and every step one conditional `UpdateItem` (the condition is the lease), so receivers
 * on many Lambda instances share it with no other server, in one round trip per step. The stored
 * lease expiry decides when a lease is free; no DynamoDB TTL is involved. Schema, IAM and the table
 * as infrastructure code: docs/ledger-stores.md, "DynamoDB".
 *
 * @param options - The client, the table, and whether to create the table when it is missing.
 * @returns The store, for `createPoaLedger({ store })`.
 * @throws {TypeError} When `client` has no `send` or `tableName` is not a non-empty string.
 *
 * @example
 * ```ts
 * import { createDynamoDbLedgerStore } from 'p100-webhooks/ledger/dynamodb';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 *
 * const store = createDynamoDbLedgerStore({ client: new DynamoDBClient({}), tableName: 'p100-ledger' });
 * await store.recordUpload('u-1', Date.now());
 * console.log((await store.get('u-1'))?.uploadSeq); // 1
 * ```
 */
export function createDynamoDbLedgerStore(options: DynamoDbLedgerStoreOptions): PoaLedgerStore {
  const { client, tableName, createTable = false } = options ?? ({} as DynamoDbLedgerStoreOptions);
  if (typeof client !== 'object' || client === null || typeof client.send !== 'function') {
    throw new TypeError('createDynamoDbLedgerStore: `client` must be an AWS SDK v3 DynamoDB client.');
  }
  if (typeof tableName !== 'string' || tableName === '') throw new TypeError('createDynamoDbLedgerStore: `tableName` must be a non-empty string.');
  let creating: Promise<void> | undefined;
  // The SDK's command classes, loaded on first use: importing the SDK sets a global (`awslambda`)
  // and costs cold start, so importing this entry does neither.
  let loaded: Promise<typeof import('@aws-sdk/client-dynamodb')> | undefined;
  const sdk = () => (loaded ??= import('@aws-sdk/client-dynamodb'));

  const create = async (): Promise<void> => {
    try {
      await client.send(new (await sdk()).CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }));
    } catch (error) {
      if (errorName(error) !== 'ResourceInUseException') throw error; // another instance is creating it
    }
    for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
      const { Table } = await client.send(new (await sdk()).DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };

  /** One conditional UpdateItem; resolves `undefined` when its condition failed. */
  const update = async (input: Omit<UpdateItemCommandInput, 'TableName'>): Promise<UpdateItemCommandOutput | undefined> => {
    for (;;) {
      try {
        return await client.send(new (await sdk()).UpdateItemCommand({ ...input, TableName: tableName }));
      } catch (error) {
        if (errorName(error) === 'ConditionalCheckFailedException') return undefined;
        if (!createTable || errorName(error) !== 'ResourceNotFoundException') throw error;
        await (creating ??= create().finally(() => (creating = undefined)));
      }
    }
  };

  return {
    async claim(externalUserId: string, lease: PoaLedgerLease): Promise<PoaLedgerClaim | undefined> {
      checkId(externalUserId);
      const { token, now, leaseMs } = lease;
      checkStoreLease(lease);
      const Key = keyOf(externalUserId);
      const taken = await update({
        Key,
        UpdateExpression: 'SET lease_token = :token, lease_until = :until',
        ConditionExpression: FREE,
        ExpressionAttributeValues: { ':token': { S: token }, ':now': N(now), ':until': N(now + leaseMs) },
        ReturnValues: 'ALL_NEW',
      });
      if (taken === undefined) return undefined;
      if (typeof taken.Attributes !== 'object' || taken.Attributes === null) throw new LedgerStoreAnswerError('The DynamoDB ledger store answered a claim without the item.');
      const record = recordFromItem(taken.Attributes);
      const claimed = record?.seq ?? 0;
      const holding = { ':token': { S: token } };
      return {
        record,
        async renew(at: number, ms: number): Promise<boolean> {
          checkStoreLeaseTimes(at, ms);
          const renewed = await update({
            Key,
            UpdateExpression: 'SET lease_until = :until',
            ConditionExpression: HOLDS,
            ExpressionAttributeValues: { ...holding, ':until': N(at + ms) },
          });
          return renewed !== undefined;
        },
        async commit(change: PoaLedgerChange): Promise<boolean> {
          checkStoreChange(change);
          const [markAt, markSeq] = MARK_FIELDS[change.status];
          // Every right-hand side reads the item as it was before this update: seq + 1 is the same number in all three.
          const commit = (uploaded: boolean) => update({
            Key,
            UpdateExpression: `SET ${uploaded ? 'seq = seq + :two, upload_seq = seq + :two' : `seq = ${NEXT_SEQ}`}, #status = :status, #round = :round, ` +
              `applied_at = :at, applied_seq = ${NEXT_SEQ}, ${markAt} = :at, ${markSeq} = ${NEXT_SEQ} REMOVE lease_token, lease_until`,
            ConditionExpression: `${HOLDS} AND ${uploaded ? 'upload_seq > :claimed' : '(attribute_not_exists(upload_seq) OR upload_seq <= :claimed)'}`,
            ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
            ExpressionAttributeValues: {
              ...holding, ':status': { S: change.status }, ':round': N(change.round), ':at': N(change.at), ':claimed': N(claimed), ':zero': N(0), ':one': N(1),
              ...(uploaded ? { ':two': N(2) } : {}),
            },
          });
          // An upload recorded while the lease was held is ordered after the change: when the first
          // condition fails on it, the second commits that way; when both fail, the lease is lost.
          return (await commit(false)) !== undefined || (await commit(true)) !== undefined;
        },
        async release(): Promise<void> {
          await update({ Key, UpdateExpression: 'REMOVE lease_token, lease_until', ConditionExpression: HOLDS, ExpressionAttributeValues: holding });
        },
      };
    },
    async recordUpload(externalUserId: string, at: number): Promise<void> {
      checkId(externalUserId);
      checkStoreTime('at', at);
      await update({
        Key: keyOf(externalUserId),
        UpdateExpression: `SET seq = ${NEXT_SEQ}, upload_seq = ${NEXT_SEQ}, upload_at = :at`,
        ExpressionAttributeValues: { ':at': N(at), ':zero': N(0), ':one': N(1) },
      });
    },
    async get(externalUserId: string): Promise<PoaLedgerRecord | undefined> {
      checkId(externalUserId);
      for (;;) {
        try {
          const { Item } = await client.send(new (await sdk()).GetItemCommand({ TableName: tableName, Key: keyOf(externalUserId), ConsistentRead: true }));
          return recordFromItem(Item);
        } catch (error) {
          if (!createTable || errorName(error) !== 'ResourceNotFoundException') throw error;
          await (creating ??= create().finally(() => (creating = undefined)));
        }
      }
    },
  };
}
