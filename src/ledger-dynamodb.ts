/**
 * The delivery ledger's DynamoDB store, through the AWS SDK v3 (`@aws-sdk/client-dynamodb`, an
 * optional peer dependency; Lambda's Node.js runtimes include it).
 *
 * @example
 * ```ts
 * import { createDynamoDbLedgerStore } from 'p100-webhooks/ledger/dynamodb';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 *
 * const store = createDynamoDbLedgerStore({ client: new DynamoDBClient({}), tableName: process.env['LEDGER_TABLE'] ?? 'p100-ledger' });
 * ```
 *
 * @module p100-webhooks/ledger/dynamodb
 */
export { createDynamoDbLedgerStore, type DynamoDbLedgerStoreOptions } from './ledger/dynamodb/create-dynamodb-ledger-store.ts';
