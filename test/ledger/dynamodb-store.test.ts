/**
 * The DynamoDB ledger store against dynalite, the DynamoDB implementation `.ci/run` starts
 * (scripts/servers/dynalite.sh), through the AWS SDK v3: the conformance suite, then what only
 * DynamoDB has (item layout, the table created on first use or required, junk attributes).
 */
import { DeleteTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoaLedgerLease, PoaLedgerStore } from '../../src/ledger.ts';
import { createDynamoDbLedgerStore } from '../../src/ledger-dynamodb.ts';
import { LedgerStoreAnswerError } from '../../src/ledger/ledger-record-fields.ts';
import { testServer } from '../support/servers.ts';
import { describeLedgerStore } from './store-conformance.ts';

// The SDK warns on Node 20 when a client is made (a process warning CI counts as a failure); the
// variable is the SDK's documented switch.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const endpoint = testServer('dynamodb');
const RUN = `p100-test-ddb-${process.pid}-${Date.now()}`;
let tables = 0;
const T0 = 1_700_000_000_000;
const lease = (token: string, now = T0, leaseMs = 10_000): PoaLedgerLease => ({ token, now, leaseMs, context: {} });
const connect = (address: string) =>
  new DynamoDBClient({ endpoint: address, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

if (endpoint !== undefined) {
  const created: string[] = [];
  const admin = connect(endpoint);
  afterAll(async () => {
    for (const TableName of created) await admin.send(new DeleteTableCommand({ TableName })).catch(() => {});
    admin.destroy();
  });
  const freshTable = () => {
    const tableName = `${RUN}-${++tables}`;
    created.push(tableName);
    return tableName;
  };

  describeLedgerStore('dynamodb (dynalite)', async () => {
    const tableName = freshTable();
    const clients = [connect(endpoint)];
    const store = createDynamoDbLedgerStore({ client: clients[0]!, tableName, createTable: true });
    await store.get('warm-up'); // creates the table, so the suite's timings are the store's
    return {
      store,
      reopen: async () => {
        const client = connect(endpoint);
        clients.push(client);
        return createDynamoDbLedgerStore({ client, tableName });
      },
      close: async () => {
        for (const client of clients) client.destroy();
      },
    };
  });

  describe('createDynamoDbLedgerStore', () => {
    let tableName: string;
    let store: PoaLedgerStore;
    beforeAll(async () => {
      tableName = freshTable();
      store = createDynamoDbLedgerStore({ client: admin, tableName, createTable: true });
      await store.get('warm-up');
    });

    it('should keep one item per user, keyed u#<id>, with N attributes and no TTL attribute', async () => {
      await store.recordUpload('u-1', T0);
      const claim = await store.claim('u-1', lease('tok'));
      expect(await claim?.commit({ status: 'QUESTIONED', round: 1, at: T0 + 1 })).toBe(true);
      const { Item } = await admin.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'u#u-1' } }, ConsistentRead: true }));
      expect(Item).toEqual({
        pk: { S: 'u#u-1' }, seq: { N: '2' }, upload_seq: { N: '1' }, upload_at: { N: String(T0) }, status: { S: 'QUESTIONED' },
        round: { N: '1' }, applied_at: { N: String(T0 + 1) }, applied_seq: { N: '2' }, questioned_at: { N: String(T0 + 1) }, questioned_seq: { N: '2' },
      });
    });

    it('should keep ids with lone surrogates apart', async () => {
      const ids = ['\uD800', '\uDC00', '\uFFFD', 'a\uD83D', '😀'];
      for (const [i, id] of ids.entries()) expect(await (await store.claim(id, lease(`t${i}`)))?.commit({ status: 'WAITING', round: i + 1, at: T0 })).toBe(true);
      for (const [i, id] of ids.entries()) expect((await store.get(id))?.round).toBe(i + 1);
    });

    it('should create the table once when many operations find it missing at the same time', async () => {
      const fresh = createDynamoDbLedgerStore({ client: admin, tableName: freshTable(), createTable: true });
      await Promise.all(Array.from({ length: 6 }, (_, i) => fresh.recordUpload('u', T0 + i)));
      expect((await fresh.get('u'))?.seq).toBe(6);
    });

    it('should reject, not create, when the table is missing and createTable is not set', async () => {
      const missing = createDynamoDbLedgerStore({ client: admin, tableName: `${RUN}-never` });
      await expect(missing.get('u')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(missing.claim('u', lease('t'))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it.each([
      { description: 'a seq stored as a string', attribute: 'seq', value: { S: '1' } },
      { description: 'a status stored as a number', attribute: 'status', value: { N: '1' } },
      { description: 'a status that is no POA status', attribute: 'status', value: { S: 'DONE' } },
      { description: 'a fractional round', attribute: 'round', value: { N: '1.5' } },
      { description: 'an upload order after the last order number', attribute: 'upload_seq', value: { N: '99' } },
    ])('should reject, not decide, when the item holds $description', async ({ attribute, value }) => {
      const id = `junk-${attribute}-${JSON.stringify(value)}`;
      await (await store.claim(id, lease('tok')))?.commit({ status: 'WAITING', round: 1, at: T0 });
      await admin.send(new UpdateItemCommand({
        TableName: tableName, Key: { pk: { S: `u#${id}` } }, UpdateExpression: 'SET #a = :v',
        ExpressionAttributeNames: { '#a': attribute }, ExpressionAttributeValues: { ':v': value },
      }));
      await expect(store.get(id)).rejects.toThrow(LedgerStoreAnswerError);
      await expect(store.claim(id, lease('tok2', T0 + 1))).rejects.toThrow(LedgerStoreAnswerError);
    });

    it('should reject an upload, writing nothing, when seq is not a number', async () => {
      await admin.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'u#junk-upload' }, seq: { S: 'many' } } }));
      await expect(store.recordUpload('junk-upload', T0)).rejects.toThrow();
      const { Item } = await admin.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'u#junk-upload' } }, ConsistentRead: true }));
      expect(Item).toEqual({ pk: { S: 'u#junk-upload' }, seq: { S: 'many' } });
    });

    it('should reject when the server is unreachable', async () => {
      const down = connect('http://127.0.0.1:1');
      await expect(createDynamoDbLedgerStore({ client: down, tableName }).get('u')).rejects.toThrow();
      down.destroy();
    });
  });
}

describe('createDynamoDbLedgerStore (no server needed)', () => {
  it.each([
    { description: 'no client', options: { tableName: 't' } },
    { description: 'a client without send', options: { client: {}, tableName: 't' } },
    { description: 'no table name', options: { client: { send: async () => ({}) } } },
    { description: 'an empty table name', options: { client: { send: async () => ({}) }, tableName: '' } },
  ])('should throw a TypeError for $description', ({ options }) => {
    expect(() => createDynamoDbLedgerStore(options as never)).toThrow(TypeError);
  });

  it.each([
    { description: 'a claim without the item', reply: {}, call: (s: PoaLedgerStore) => s.claim('u', lease('t')) },
    { description: 'a get with an item that is not an object', reply: { Item: 'x' }, call: (s: PoaLedgerStore) => s.get('u') },
  ])('should reject $description', async ({ reply, call }) => {
    await expect(call(createDynamoDbLedgerStore({ client: { send: async () => reply } as never, tableName: 't' }))).rejects.toThrow(LedgerStoreAnswerError);
  });

  it.each([
    { description: 'an empty user id', call: (s: PoaLedgerStore) => s.get('') },
    { description: 'a fractional time', call: (s: PoaLedgerStore) => s.recordUpload('u', 1.5) },
    { description: 'a negative lease', call: (s: PoaLedgerStore) => s.claim('u', lease('t', T0, -1)) },
  ])('should reject $description with a TypeError, sending nothing', async ({ call }) => {
    let sent = 0;
    const client = { send: async () => (sent++, {}) } as never;
    await expect(call(createDynamoDbLedgerStore({ client, tableName: 't' }))).rejects.toThrow(TypeError);
    expect(sent).toBe(0);
  });
});
