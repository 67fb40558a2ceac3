/**
 * The public surface: each entry point's export names (source, and the build when there is one), and
 * the TSDoc of every export (a summary, and an `@example` importing it from its public subpath).
 * After a deliberate API change, update the snapshots with `npx vitest run test/exports.test.ts -u`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = `${ROOT}dist/`;
const require = createRequire(import.meta.url);

/** Every library entry point and its public subpath. */
const ENTRIES = [
  { name: 'index', subpath: 'p100-webhooks' },
  { name: 'node', subpath: 'p100-webhooks/node' },
  { name: 'fetch', subpath: 'p100-webhooks/fetch' },
  { name: 'lambda', subpath: 'p100-webhooks/lambda' },
  { name: 'testing', subpath: 'p100-webhooks/testing' },
  { name: 'ledger', subpath: 'p100-webhooks/ledger' },
  { name: 'ledger/dynamodb', subpath: 'p100-webhooks/ledger/dynamodb', src: 'ledger-dynamodb' },
  { name: 'ledger/sqlite', subpath: 'p100-webhooks/ledger/sqlite', src: 'ledger-sqlite' },
  { name: 'ledger/redis', subpath: 'p100-webhooks/ledger/redis', src: 'ledger-redis' },
  { name: 'ledger/postgres', subpath: 'p100-webhooks/ledger/postgres', src: 'ledger-postgres' },
  { name: 'inbox', subpath: 'p100-webhooks/inbox' },
  { name: 'inbox/pg-boss', subpath: 'p100-webhooks/inbox/pg-boss', src: 'inbox-pg-boss' },
  { name: 'inbox/bullmq', subpath: 'p100-webhooks/inbox/bullmq', src: 'inbox-bullmq' },
] as const;
/** The source file of an entry: src/<name>.ts, or src/<src>.ts for a nested subpath. */
const sourceOf = (entry: { readonly name: string; readonly src?: string }): string => `${ROOT}src/${entry.src ?? entry.name}.ts`;

const runtimeNames = (module: object) => Object.keys(module).filter((key) => key !== 'default' && key !== '__esModule').sort();

describe('runtime exports (src)', () => {
  it('should export these names from p100-webhooks', async () => {
    expect(runtimeNames(await import('../src/index.ts'))).toMatchInlineSnapshot(`
      [
        "KYC_ATTEMPT_STATUSES",
        "KYC_FILE_STATUSES",
        "KYC_VERIFICATION_STATUSES",
        "KycFileAddedEventSchema",
        "KycVerificationStatusEventSchema",
        "POA_VERIFICATION_STATUSES",
        "POA_WEBHOOK_ERROR_HTTP_STATUS",
        "PoaVerificationEventSchema",
        "PoaWebhookError",
        "USER_STATUSES",
        "UserStatusEventSchema",
        "handleP100Webhook",
        "handlePoaWebhook",
        "isKycAttemptStatus",
        "isKycExpired",
        "isKycFileAdded",
        "isKycFileAddedEvent",
        "isKycFileError",
        "isKycFileStatus",
        "isKycNotVerified",
        "isKycVerificationStatus",
        "isKycVerificationStatusEvent",
        "isKycVerified",
        "isPoaApproved",
        "isPoaQuestioned",
        "isPoaRejected",
        "isPoaVerificationEvent",
        "isPoaVerificationStatus",
        "isPoaWaiting",
        "isPoaWebhookError",
        "isTerminalPoaStatus",
        "isUserActive",
        "isUserStatus",
        "isUserStatusEvent",
        "matchKycFileStatus",
        "matchKycVerificationStatus",
        "matchPoaStatus",
        "matchPoaWebhookPath",
        "matchUserStatus",
        "parseKycFileAddedEvent",
        "parseKycVerificationStatusEvent",
        "parsePoaVerificationEvent",
        "parseUserStatusEvent",
        "poaStatusRequiresUserAction",
        "safeParseKycFileAddedEvent",
        "safeParseKycVerificationStatusEvent",
        "safeParsePoaVerificationEvent",
        "safeParseUserStatusEvent",
        "validateKycFileAddedEvent",
        "validateKycVerificationStatusEvent",
        "validatePoaVerificationEvent",
        "validateUserStatusEvent",
        "verifyAuthorizationHeader",
      ]
    `);
  });
  it('should export these names from p100-webhooks/node', async () => {
    expect(runtimeNames(await import('../src/node.ts'))).toMatchInlineSnapshot(`
      [
        "createNodeHandler",
      ]
    `);
  });
  it('should export these names from p100-webhooks/fetch', async () => {
    expect(runtimeNames(await import('../src/fetch.ts'))).toMatchInlineSnapshot(`
      [
        "createFetchHandler",
      ]
    `);
  });
  it('should export these names from p100-webhooks/lambda', async () => {
    expect(runtimeNames(await import('../src/lambda.ts'))).toMatchInlineSnapshot(`
      [
        "createLambdaHandler",
      ]
    `);
  });
  it('should export these names from p100-webhooks/testing', async () => {
    expect(runtimeNames(await import('../src/testing.ts'))).toMatchInlineSnapshot(`
      [
        "P100_RETRY_DELAYS_MS",
        "createKycFileAddedEvent",
        "createKycVerificationStatusEvent",
        "createPoaLambdaEvent",
        "createPoaVerificationEvent",
        "createPoaWebhookRequest",
        "createUserStatusEvent",
        "sendPoaWebhook",
      ]
    `);
  });
});

describe.skipIf(!existsSync(`${DIST}index.js`))('runtime exports (dist, when built)', () => {
  it.each(ENTRIES)('should export from dist/$name.js (ESM) and dist/$name.cjs (CJS) what its source exports', async (entry) => {
    const { name } = entry;
    const source = runtimeNames(await import(pathToFileURL(sourceOf(entry)).href));
    const esm = runtimeNames(await import(pathToFileURL(`${DIST}${name}.js`).href));
    const cjs = runtimeNames(require(`${DIST}${name}.cjs`) as object);
    expect(esm, `dist/${name}.js is stale or wrong: run npm run build`).toEqual(source);
    expect(cjs, `dist/${name}.cjs is stale or wrong: run npm run build`).toEqual(source);
  });

  it('should share one PoaWebhookError class between the ESM entries, and one between the CJS entries', async () => {
    const core = (await import(pathToFileURL(`${DIST}index.js`).href)) as typeof import('../src/index.ts');
    const coreCjs = require(`${DIST}index.cjs`) as typeof import('../src/index.ts');
    expect(coreCjs.isPoaWebhookError(new core.PoaWebhookError('EMPTY_BODY', 'x'))).toBe(true);
    expect(core.isPoaWebhookError(new coreCjs.PoaWebhookError('EMPTY_BODY', 'x'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Declared exports (types included) and their TSDoc, read with the TypeScript compiler API.

interface DeclaredExport {
  readonly entry: string;
  readonly subpath: string;
  readonly name: string;
  readonly kind: string;
  readonly summary: string;
  readonly tags: readonly { readonly name: string; readonly text: string }[];
  readonly parameters: readonly string[];
  readonly undocumentedMembers: readonly string[];
}

function readDeclaredExports(): { readonly exports: DeclaredExport[]; readonly modules: Map<string, string> } {
  const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(
    ENTRIES.map(sourceOf),
    { ...config?.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const exports: DeclaredExport[] = [];
  const modules = new Map<string, string>();
  for (const e of ENTRIES) {
    const { name: entry, subpath } = e;
    const file = program.getSourceFile(sourceOf(e))!;
    modules.set(entry, file.statements.length > 0 ? ts.getJSDocCommentsAndTags(file.statements[0]!).map((d) => d.getText()).join('\n') : '');
    const moduleSymbol = checker.getSymbolAtLocation(file)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const tags = symbol.getJsDocTags(checker).map((tag) => ({ name: tag.name, text: ts.displayPartsToString(tag.text ?? []) }));
      const parameters =
        declaration !== undefined && ts.isFunctionDeclaration(declaration) ? declaration.parameters.map((p) => p.name.getText()) : [];
      const undocumentedMembers: string[] = [];
      if (declaration !== undefined && (ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration))) {
        for (const member of declaration.members) {
          if (member.name === undefined || ts.isConstructorDeclaration(member)) continue;
          const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
          if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
          const memberSymbol = checker.getSymbolAtLocation(member.name);
          const doc = memberSymbol === undefined ? '' : ts.displayPartsToString(memberSymbol.getDocumentationComment(checker)).trim();
          if (doc === '') undocumentedMembers.push(member.name.getText());
        }
      }
      exports.push({
        entry,
        subpath,
        name: exported.name,
        kind: declaration === undefined ? 'unknown' : ts.SyntaxKind[declaration.kind],
        summary,
        tags,
        parameters,
        undocumentedMembers,
      });
    }
  }
  return { exports, modules };
}

const { exports: DECLARED, modules: MODULE_DOCS } = readDeclaredExports();
const declaredNames = (entry: string) => DECLARED.filter((e) => e.entry === entry).map((e) => e.name).sort();
/** The subpaths that export a name (a name may be re-exported by several entries). */
const subpathsOf = (name: string) => new Set(DECLARED.filter((e) => e.name === name).map((e) => e.subpath));

describe('declared exports (types included)', () => {
  it('should declare these names in p100-webhooks', () => {
    expect(declaredNames('index')).toMatchInlineSnapshot(`
      [
        "KYC_ATTEMPT_STATUSES",
        "KYC_FILE_STATUSES",
        "KYC_VERIFICATION_STATUSES",
        "KycAttemptStatus",
        "KycFileAddedEvent",
        "KycFileAddedEventOf",
        "KycFileAddedEventSchema",
        "KycFileParseResult",
        "KycFileStatus",
        "KycFileStatusHandlers",
        "KycParseResult",
        "KycVerificationStatus",
        "KycVerificationStatusEvent",
        "KycVerificationStatusEventOf",
        "KycVerificationStatusEventSchema",
        "KycVerificationStatusHandlers",
        "P100CustomSchemas",
        "P100CustomWebhookRoute",
        "P100ParseResult",
        "P100WebhookRouteOptions",
        "P100WebhookRoutes",
        "P100WebhooksOptions",
        "POA_VERIFICATION_STATUSES",
        "POA_WEBHOOK_ERROR_HTTP_STATUS",
        "PoaBodyStream",
        "PoaDecision",
        "PoaDeliveryApply",
        "PoaDeliveryInbox",
        "PoaDeliveryLedger",
        "PoaDeliveryOptions",
        "PoaDeliveryRecord",
        "PoaEventHandlers",
        "PoaHeaders",
        "PoaInboxMessage",
        "PoaParseResult",
        "PoaRawBody",
        "PoaStatusHandlers",
        "PoaVerificationEvent",
        "PoaVerificationEventOf",
        "PoaVerificationEventSchema",
        "PoaVerificationStatus",
        "PoaWebhookBaseOptions",
        "PoaWebhookContext",
        "PoaWebhookError",
        "PoaWebhookErrorCode",
        "PoaWebhookErrorOptions",
        "PoaWebhookInboxOptions",
        "PoaWebhookIssue",
        "PoaWebhookOptions",
        "PoaWebhookRequest",
        "PoaWebhookResponse",
        "PoaWebhookSecret",
        "PoaWebhookSecretSource",
        "StandardSchemaV1",
        "USER_STATUSES",
        "UserStatus",
        "UserStatusEvent",
        "UserStatusEventOf",
        "UserStatusEventSchema",
        "UserStatusHandlers",
        "UserStatusParseResult",
        "handleP100Webhook",
        "handlePoaWebhook",
        "isKycAttemptStatus",
        "isKycExpired",
        "isKycFileAdded",
        "isKycFileAddedEvent",
        "isKycFileError",
        "isKycFileStatus",
        "isKycNotVerified",
        "isKycVerificationStatus",
        "isKycVerificationStatusEvent",
        "isKycVerified",
        "isPoaApproved",
        "isPoaQuestioned",
        "isPoaRejected",
        "isPoaVerificationEvent",
        "isPoaVerificationStatus",
        "isPoaWaiting",
        "isPoaWebhookError",
        "isTerminalPoaStatus",
        "isUserActive",
        "isUserStatus",
        "isUserStatusEvent",
        "matchKycFileStatus",
        "matchKycVerificationStatus",
        "matchPoaStatus",
        "matchPoaWebhookPath",
        "matchUserStatus",
        "parseKycFileAddedEvent",
        "parseKycVerificationStatusEvent",
        "parsePoaVerificationEvent",
        "parseUserStatusEvent",
        "poaStatusRequiresUserAction",
        "safeParseKycFileAddedEvent",
        "safeParseKycVerificationStatusEvent",
        "safeParsePoaVerificationEvent",
        "safeParseUserStatusEvent",
        "validateKycFileAddedEvent",
        "validateKycVerificationStatusEvent",
        "validatePoaVerificationEvent",
        "validateUserStatusEvent",
        "verifyAuthorizationHeader",
      ]
    `);
  });
  it('should declare these names in the adapter and testing entries', () => {
    expect(Object.fromEntries(ENTRIES.slice(1).map(({ name }) => [name, declaredNames(name)]))).toMatchInlineSnapshot(`
      {
        "fetch": [
          "FetchHandler",
          "createFetchHandler",
        ],
        "inbox": [
          "PoaDeliveryInbox",
          "PoaInbox",
          "PoaInboxConsumeOptions",
          "PoaInboxConsumer",
          "PoaInboxEntry",
          "PoaInboxJob",
          "PoaInboxMessage",
          "PoaInboxRetryOptions",
          "PoaInboxState",
          "PoaJobOutcome",
          "PoaWorker",
          "PoaWorkerBaseOptions",
          "PoaWorkerContext",
          "PoaWorkerHandlers",
          "PoaWorkerOptions",
          "createMemoryInbox",
          "startPoaWorker",
        ],
        "inbox/bullmq": [
          "BullMqInboxOptions",
          "createBullMqInbox",
        ],
        "inbox/pg-boss": [
          "PgBossInboxOptions",
          "createPgBossInbox",
        ],
        "lambda": [
          "AlbEvent",
          "AlbResult",
          "ApiGatewayResult",
          "ApiGatewayV1Event",
          "ApiGatewayV2Event",
          "LambdaHandler",
          "PoaLambdaEvent",
          "createLambdaHandler",
        ],
        "ledger": [
          "PoaDecision",
          "PoaDecisionResult",
          "PoaDeliveryOptions",
          "PoaDeliveryRecord",
          "PoaLedger",
          "PoaLedgerChange",
          "PoaLedgerClaim",
          "PoaLedgerLease",
          "PoaLedgerMark",
          "PoaLedgerOptions",
          "PoaLedgerRecord",
          "PoaLedgerState",
          "PoaLedgerStore",
          "createMemoryLedgerStore",
          "createPoaLedger",
          "decidePoaDelivery",
        ],
        "ledger/dynamodb": [
          "DynamoDbLedgerStoreOptions",
          "createDynamoDbLedgerStore",
        ],
        "ledger/postgres": [
          "PostgresConnection",
          "PostgresLedgerStoreOptions",
          "PostgresQuery",
          "createPostgresLedgerStore",
          "postgresTransactionOf",
        ],
        "ledger/redis": [
          "RedisLedgerClient",
          "RedisLedgerStoreOptions",
          "createRedisLedgerStore",
        ],
        "ledger/sqlite": [
          "SqliteLedgerDatabase",
          "SqliteLedgerStoreOptions",
          "createSqliteLedgerStore",
        ],
        "node": [
          "NodeHandler",
          "NodeHandlerOptions",
          "NodeHandlerRequest",
          "createNodeHandler",
        ],
        "testing": [
          "CreatePoaLambdaEventOptions",
          "CreatePoaWebhookRequestOptions",
          "P100WebhookTestBody",
          "P100_RETRY_DELAYS_MS",
          "PoaDeliveryAttempt",
          "PoaDeliveryReport",
          "PoaLambdaEventFor",
          "PoaLambdaEventFormat",
          "PoaRetryOptions",
          "PoaTestDeliveryOptions",
          "PoaWebhookTestBody",
          "SendPoaWebhookOptions",
          "createKycFileAddedEvent",
          "createKycVerificationStatusEvent",
          "createPoaLambdaEvent",
          "createPoaVerificationEvent",
          "createPoaWebhookRequest",
          "createUserStatusEvent",
          "sendPoaWebhook",
        ],
      }
    `);
  });
  it('should keep the names of the contract in the core entry', () => {
    const names = new Set(declaredNames('index'));
    for (const name of [
      'POA_VERIFICATION_STATUSES',
      'PoaVerificationStatus',
      'PoaVerificationEvent',
      'PoaVerificationEventOf',
      'PoaVerificationEventSchema',
      'parsePoaVerificationEvent',
      'safeParsePoaVerificationEvent',
      'validatePoaVerificationEvent',
      'PoaParseResult',
      'PoaWebhookError',
      'PoaWebhookErrorCode',
      'isPoaWebhookError',
      'isPoaVerificationEvent',
      'isPoaVerificationStatus',
      'isPoaWaiting',
      'isPoaApproved',
      'isPoaRejected',
      'isPoaQuestioned',
      'matchPoaStatus',
      'isTerminalPoaStatus',
      'poaStatusRequiresUserAction',
      'verifyAuthorizationHeader',
      'handlePoaWebhook',
      'PoaWebhookRequest',
      'PoaWebhookResponse',
      'PoaWebhookOptions',
      // More P100 webhooks (CONTRACT.md, added in 0.2)
      'KYC_VERIFICATION_STATUSES',
      'KYC_ATTEMPT_STATUSES',
      'KycVerificationStatusEvent',
      'parseKycVerificationStatusEvent',
      'safeParseKycVerificationStatusEvent',
      'validateKycVerificationStatusEvent',
      'KycParseResult',
      'matchKycVerificationStatus',
      'KYC_FILE_STATUSES',
      'KycFileAddedEvent',
      'parseKycFileAddedEvent',
      'safeParseKycFileAddedEvent',
      'validateKycFileAddedEvent',
      'matchKycFileStatus',
      'USER_STATUSES',
      'UserStatusEvent',
      'parseUserStatusEvent',
      'safeParseUserStatusEvent',
      'validateUserStatusEvent',
    ]) {
      expect(names, name).toContain(name);
    }
  });
});

describe('TSDoc of every export', () => {
  it.each(ENTRIES)('should open $subpath with a @module comment and an @example', ({ name, subpath }) => {
    const doc = MODULE_DOCS.get(name) ?? '';
    expect(doc).toContain(`@module ${subpath}`);
    expect(doc).toContain('@example');
    expect(doc).toMatch(new RegExp(`from '${subpath}'`));
  });

  it.each(DECLARED.map((e) => ({ ...e, id: `${e.subpath} ${e.name}` })))('should document $id', ({ name, summary, tags, parameters, kind }) => {
    expect(summary, `${name} has no summary`).not.toBe('');
    const examples = tags.filter((tag) => tag.name === 'example');
    expect(examples.length, `${name} has no @example`).toBeGreaterThan(0);
    const allowed = [...subpathsOf(name)].map((s) => s.replace('/', '\\/')).join('|');
    const importsIt = new RegExp(`import\\s+(type\\s+)?(\\*\\s+as\\s+\\w+|\\{[^}]*\\b${name}\\b[^}]*\\})\\s+from\\s+'(${allowed})'`);
    expect(
      examples.some((tag) => importsIt.test(tag.text)),
      `the @example of ${name} must import it from ${[...subpathsOf(name)].join(' or ')}`,
    ).toBe(true);
    if (kind === 'FunctionDeclaration') {
      const documented = tags.filter((tag) => tag.name === 'param').map((tag) => tag.text.split(/\s/)[0]);
      expect(documented, `${name} needs a @param per parameter`).toEqual(parameters);
      expect(tags.some((tag) => tag.name === 'returns'), `${name} needs @returns`).toBe(true);
    }
  });

  it.each(DECLARED.filter((e) => e.entry === 'index').map((e) => ({ ...e, id: e.name })))(
    'should document every member of $id in the core entry',
    ({ name, undocumentedMembers }) => {
      expect(undocumentedMembers, `${name} has undocumented members`).toEqual([]);
    },
  );
});
