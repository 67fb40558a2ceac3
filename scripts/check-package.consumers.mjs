import { readFileSync } from 'node:fs';

// The throwaway consumer projects scripts/check-package.mjs type-checks against the packed tarball:
// realistic code using every entry's exports, compiled with strict and skipLibCheck: false (so our
// .d.ts and valibot's are checked too), each once with exactOptionalPropertyTypes and once without.
// The Lambda handler is assigned to the handler types of @types/aws-lambda and forwarded to from a
// wrapper typed with each of them.

/** Installed beside the tarball: what the consumers compile against (aws-lambda at the repo's own version). */
export const consumerPackages = ['@types/node@20', `@types/aws-lambda@${devDependency('@types/aws-lambda')}`];

function devDependency(name) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return manifest.devDependencies[name];
}

const strict = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  target: 'ES2022',
};

/** Code shared by every consumer; `IMPORTS` is replaced per module system. */
const body = (imports) => `${imports}

const secret: string = process.env['P100_WEBHOOK_SECRET'] ?? 's3cret';
const saved: PoaVerificationEvent[] = [];

// --- core -------------------------------------------------------------------------------------
export function describeEvent(event: PoaVerificationEvent): string {
  return matchPoaStatus(event, {
    WAITING: (e) => \`waiting \${e.externalUserId}\`,
    APPROVED: (e: PoaVerificationEventOf<'APPROVED'>) => \`approved \${e.externalUserId}\`,
    REJECTED: (e) => (poaStatusRequiresUserAction(e.status) ? 'ask the user' : 'rejected'),
    QUESTIONED: () => 'questioned',
  });
}
// @ts-expect-error a missing status key is a compile error
matchPoaStatus(saved[0]!, { WAITING: () => 1, APPROVED: () => 1, REJECTED: () => 1 });
// @ts-expect-error an unknown status is not a PoaVerificationStatus
const wrongStatus: PoaVerificationStatus = 'PENDING';
void wrongStatus;

export function parseBody(body: string | Uint8Array | ArrayBuffer): PoaVerificationEvent | undefined {
  const result: PoaParseResult = safeParsePoaVerificationEvent(body);
  if (result.success) return result.event;
  const code: PoaWebhookErrorCode = result.error.code;
  const answer: number = result.error.httpStatus;
  const paths: readonly string[] = result.error.issues.map((issue) => issue.path);
  console.warn(code, answer, paths.join(','));
  return undefined;
}

export function parseOrExplain(body: string): string {
  try {
    const event = parsePoaVerificationEvent(body);
    if (isPoaApproved(event)) return \`approved: \${event.externalUserId}\`;
    return isTerminalPoaStatus(event.status) ? 'final' : 'pending';
  } catch (error) {
    if (isPoaWebhookError(error)) return error.code;
    if (error instanceof PoaWebhookError) return error.message;
    throw error;
  }
}

export const statuses: readonly PoaVerificationStatus[] = POA_VERIFICATION_STATUSES;
export const fromJson = validatePoaVerificationEvent(JSON.parse('{}') as unknown);
export const authorized: boolean = verifyAuthorizationHeader('Bearer s3cret', [secret, 'previous-secret']);

const options = {
  secret: [secret, 'previous-secret'],
  on: {
    WAITING: () => {},
    APPROVED: async (event) => {
      saved.push(event);
    },
    REJECTED: (event) => console.log(event.status),
    QUESTIONED: (event, context) => console.log(event.externalUserId, context),
  },
  onError: (error) => console.warn(error.code, error.httpStatus),
  maxBodyBytes: 65_536,
  handlerTimeoutMs: 10_000,
} satisfies PoaWebhookOptions;

export async function custom(request: PoaWebhookRequest): Promise<PoaWebhookResponse> {
  return handlePoaWebhook(request, { secret, onEvent: (event) => void saved.push(event) });
}

// --- node --------------------------------------------------------------------------------------
const nodeHandler = createNodeHandler({ ...options, path: '/webhook/poa-verification/status' });
export const server = createServer(nodeHandler);
export const middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => Promise<void> =
  nodeHandler;

// --- fetch -------------------------------------------------------------------------------------
export const POST: (request: Request) => Promise<Response> = createFetchHandler({
  secret,
  onEvent: async (event) => {
    saved.push(event);
  },
  onUnknownStatus: (payload) => console.log(payload.status),
});

// --- lambda ------------------------------------------------------------------------------------
export const handler = createLambdaHandler(options);
export async function invoke(v2: ApiGatewayV2Event, alb: AlbEvent): Promise<number> {
  const a: ApiGatewayResult = await handler(v2);
  const b: AlbResult = await handler(alb, {});
  return a.statusCode + b.statusCode;
}

// --- lambda, typed with @types/aws-lambda -------------------------------------------------------
// The secret is read at the first delivery, so the module loads without it.
const poa = createLambdaHandler({ secret: () => process.env['P100_WEBHOOK_SECRET'], onEvent: (event) => void saved.push(event) });
export const restApi: APIGatewayProxyHandler = poa;
export const httpApi: APIGatewayProxyHandlerV2 = poa;
export const functionUrl: LambdaFunctionURLHandler = poa;
export const loadBalancer: ALBHandler = poa;
export const restApiWrapper: APIGatewayProxyHandler = async (event, context) => {
  console.log(context.awsRequestId, event.resource);
  return poa(event, context);
};
export const httpApiWrapper: APIGatewayProxyHandlerV2 = async (event, context) => {
  console.log(context.awsRequestId, event.routeKey);
  return poa(event, context);
};
export const functionUrlWrapper: LambdaFunctionURLHandler = async (event, context) => {
  console.log(context.awsRequestId, event.rawPath);
  return poa(event, context);
};
export const loadBalancerWrapper: ALBHandler = async (event, context) => {
  console.log(context.awsRequestId, event.requestContext.elb.targetGroupArn);
  return poa(event, context);
};

// --- testing -----------------------------------------------------------------------------------
export async function exercise(): Promise<number> {
  const event = createPoaVerificationEvent({ status: 'APPROVED' });
  const approved: PoaVerificationEventOf<'APPROVED'> = event;
  const response = await POST(createPoaWebhookRequest(approved, { secret }));
  const lambdaEvent = createPoaLambdaEvent(approved, { secret, format: 'apigw-v2', base64: true });
  const result = await handler(lambdaEvent);
  return response.status + result.statusCode;
}
`;

const typeNames = `type PoaParseResult, type PoaVerificationEvent, type PoaVerificationEventOf, type PoaVerificationStatus,
  type PoaWebhookErrorCode, type PoaWebhookOptions, type PoaWebhookRequest, type PoaWebhookResponse,`;
const valueNames = `POA_VERIFICATION_STATUSES, PoaWebhookError, handlePoaWebhook, isPoaApproved, isPoaWebhookError,
  isTerminalPoaStatus, matchPoaStatus, parsePoaVerificationEvent, poaStatusRequiresUserAction,
  safeParsePoaVerificationEvent, validatePoaVerificationEvent, verifyAuthorizationHeader,`;

const awsLambdaImports = `import type { ALBHandler, APIGatewayProxyHandler, APIGatewayProxyHandlerV2, LambdaFunctionURLHandler } from 'aws-lambda';`;

const esmImports = `${awsLambdaImports}
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  ${valueNames}
  ${typeNames}
} from 'p100-webhooks';
import { createNodeHandler } from 'p100-webhooks/node';
import { createFetchHandler } from 'p100-webhooks/fetch';
import { createLambdaHandler, type AlbEvent, type AlbResult, type ApiGatewayResult, type ApiGatewayV2Event } from 'p100-webhooks/lambda';
import { createPoaLambdaEvent, createPoaVerificationEvent, createPoaWebhookRequest } from 'p100-webhooks/testing';`;

// CommonJS: \`import x = require()\`, resolved with the "require" condition to the .d.cts files.
const cjsImports = `${awsLambdaImports}
import http = require('node:http');
import core = require('p100-webhooks');
import nodeEntry = require('p100-webhooks/node');
import fetchEntry = require('p100-webhooks/fetch');
import lambdaEntry = require('p100-webhooks/lambda');
import testing = require('p100-webhooks/testing');
const { createServer } = http;
type IncomingMessage = http.IncomingMessage;
type ServerResponse = http.ServerResponse;
const { ${valueNames.replace(/\s+/g, ' ')} } = core;
type PoaParseResult = core.PoaParseResult;
type PoaVerificationEvent = core.PoaVerificationEvent;
type PoaVerificationEventOf<S extends core.PoaVerificationStatus> = core.PoaVerificationEventOf<S>;
type PoaVerificationStatus = core.PoaVerificationStatus;
type PoaWebhookErrorCode = core.PoaWebhookErrorCode;
type PoaWebhookOptions = core.PoaWebhookOptions;
type PoaWebhookRequest = core.PoaWebhookRequest;
type PoaWebhookResponse = core.PoaWebhookResponse;
type PoaWebhookError = core.PoaWebhookError;
const { createNodeHandler } = nodeEntry;
const { createFetchHandler } = fetchEntry;
const { createLambdaHandler } = lambdaEntry;
type AlbEvent = lambdaEntry.AlbEvent;
type AlbResult = lambdaEntry.AlbResult;
type ApiGatewayResult = lambdaEntry.ApiGatewayResult;
type ApiGatewayV2Event = lambdaEntry.ApiGatewayV2Event;
const { createPoaLambdaEvent, createPoaVerificationEvent, createPoaWebhookRequest } = testing;`;

/** One consumer per module system, each with and without exactOptionalPropertyTypes. */
const projects = {
  'esm-nodenext': { type: 'module', file: 'index.ts', imports: esmImports, options: { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'] } },
  'cjs-nodenext': { type: 'commonjs', file: 'index.cts', imports: cjsImports, options: { module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'] } },
  bundler: { type: 'module', file: 'index.ts', imports: esmImports, options: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] } },
};

/** name -> files (path -> contents). */
export const consumers = Object.fromEntries(
  Object.entries(projects).flatMap(([name, { type, file, imports, options }]) =>
    [true, false].map((exact) => [
      exact ? name : `${name}-no-exact-optional`,
      {
        'package.json': JSON.stringify({ type }),
        'tsconfig.json': JSON.stringify({
          compilerOptions: { ...strict, exactOptionalPropertyTypes: exact, ...options, types: ['node'] },
          files: [file],
        }),
        [file]: body(imports),
      },
    ]),
  ),
);
