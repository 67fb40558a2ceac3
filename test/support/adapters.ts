/**
 * Every way a delivery can reach the package, behind one interface, so one case list runs against
 * all of them: a real `node:http` server on 127.0.0.1, a real Fetch `Request`, and each kind of
 * Lambda event (plain and base64).
 */
import { Buffer } from 'node:buffer';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { P100WebhooksOptions, PoaWebhookOptions } from '../../src/index.ts';

/** What an adapter under test is made from: POA options, or several webhooks. */
export type AnyWebhookOptions = PoaWebhookOptions | P100WebhooksOptions;
import { createFetchHandler } from '../../src/fetch.ts';
import { createLambdaHandler, type PoaLambdaEvent } from '../../src/lambda.ts';
import { createNodeHandler } from '../../src/node.ts';

/** A request to deliver. Header values given as arrays are sent as repeated header lines. */
export interface Delivery {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Uint8Array;
}

/** What came back, normalised across adapters. */
export interface Answer {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON (`undefined` if it is not JSON). */
  readonly json: unknown;
}

export interface AdapterUnderTest {
  readonly name: string;
  /** Whether this transport can carry the delivery at all (Fetch refuses some methods and bodies). */
  supports(delivery: Delivery): boolean;
  deliver(options: AnyWebhookOptions, delivery: Delivery): Promise<Answer>;
}

export const WEBHOOK_PATH = '/webhook/poa-verification/status';

const FORBIDDEN_FETCH_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function toAnswer(status: number, headers: Record<string, string>, text: string): Answer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: lower, text, json };
}

function bodyBytes(body: string | Uint8Array | undefined): Buffer | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

/** A server on 127.0.0.1 started for one delivery. */
export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts a node:http server on an ephemeral port of 127.0.0.1. */
export async function listenOnLoopback(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Sends one delivery with a real node:http client (repeated header lines for array values). */
export function deliverOverHttp(port: number, delivery: Delivery): Promise<Answer> {
  const payload = bodyBytes(delivery.body);
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(delivery.headers ?? {})) headers[k] = typeof v === 'string' ? v : [...v];
    if (payload !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(payload.length);
    }
    const req = httpRequest(
      { host: '127.0.0.1', port, method: delivery.method ?? 'POST', path: delivery.path ?? WEBHOOK_PATH, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve(toAnswer(res.statusCode ?? 0, flat, Buffer.concat(chunks).toString('utf8')));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * An adapter under test that is a real HTTP server (node:http, or a framework on top of it) started
 * for each delivery and reached over loopback.
 */
export function httpServerAdapter(
  name: string,
  start: (options: AnyWebhookOptions) => Promise<RunningServer>,
  supports: (delivery: Delivery) => boolean = (delivery) => delivery.method !== 'CONNECT',
): AdapterUnderTest {
  return {
    name,
    supports,
    async deliver(options, delivery) {
      const server = await start(options);
      try {
        return await deliverOverHttp(server.port, delivery);
      } finally {
        await server.close();
      }
    },
  };
}

/** A real node:http server per delivery, reached with a real node:http client over loopback. */
export const nodeHttpAdapter: AdapterUnderTest = httpServerAdapter('node:http', (options) =>
  listenOnLoopback(createServer(createNodeHandler(options))),
);

/** A real Fetch `Request` handed to the Fetch adapter. */
export const fetchAdapter: AdapterUnderTest = {
  name: 'fetch',
  supports: (delivery) => {
    const method = delivery.method ?? 'POST';
    if (FORBIDDEN_FETCH_METHODS.has(method.toUpperCase())) return false;
    return !((method === 'GET' || method === 'HEAD') && delivery.body !== undefined);
  },
  async deliver(options, delivery) {
    const headers = new Headers();
    for (const [k, v] of Object.entries(delivery.headers ?? {})) {
      for (const value of typeof v === 'string' ? [v] : v) headers.append(k, value);
    }
    const init: RequestInit = { method: delivery.method ?? 'POST', headers };
    const payload = bodyBytes(delivery.body);
    if (payload !== undefined) init.body = new Uint8Array(payload);
    const request = new Request(`https://partner.example${delivery.path ?? WEBHOOK_PATH}`, init);
    const response = await createFetchHandler(options)(request);
    return toAnswer(response.status, Object.fromEntries(response.headers), await response.text());
  },
};

type LambdaKind = 'apigw-v1' | 'apigw-v2' | 'alb' | 'alb-multi' | 'function-url';

/** Header names as each service hands them over: API Gateway v1 keeps the client's case, the others lower-case. */
function lambdaEvent(kind: LambdaKind, delivery: Delivery, base64: boolean): PoaLambdaEvent {
  const method = delivery.method ?? 'POST';
  const path = delivery.path ?? WEBHOOK_PATH;
  const raw = bodyBytes(delivery.body);
  const body = raw === undefined ? null : base64 ? raw.toString('base64') : raw.toString('utf8');
  const multi: Record<string, string[]> = {};
  for (const [k, v] of Object.entries({ host: 'partner.example', 'user-agent': 'P100-Webhooks/1.0', ...delivery.headers })) {
    const name = kind === 'apigw-v1' ? k : k.toLowerCase();
    multi[name] = [...(multi[name] ?? []), ...(typeof v === 'string' ? [v] : v)];
  }
  const last = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1] as string]));
  const joined = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.join(',')]));
  const now = Date.now();
  switch (kind) {
    case 'apigw-v1':
      return {
        resource: path,
        path,
        httpMethod: method,
        headers: last,
        multiValueHeaders: multi,
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: null,
        requestContext: {
          accountId: '123456789012',
          apiId: '1234567890',
          resourceId: 'abc123',
          resourcePath: path,
          httpMethod: method,
          path: `/prod${path}`,
          protocol: 'HTTP/1.1',
          stage: 'prod',
          requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
          requestTime: '12/Mar/2026:19:03:58 +0000',
          requestTimeEpoch: now,
          domainName: '1234567890.execute-api.eu-west-1.amazonaws.com',
          identity: { sourceIp: '203.0.113.10', userAgent: 'P100-Webhooks/1.0' },
        },
        body,
        isBase64Encoded: base64,
      } as PoaLambdaEvent;
    case 'apigw-v2':
    case 'function-url': {
      const event: Record<string, unknown> = {
        version: '2.0',
        routeKey: kind === 'apigw-v2' ? `POST ${path}` : '$default',
        rawPath: path,
        rawQueryString: '',
        headers: joined,
        requestContext: {
          accountId: kind === 'apigw-v2' ? '123456789012' : 'anonymous',
          apiId: kind === 'apigw-v2' ? 'api-id' : 'abcdefghijklmnopqrstuvwxyz0123',
          domainName: kind === 'apigw-v2' ? 'id.execute-api.eu-west-1.amazonaws.com' : 'abcdefghijklmnopqrstuvwxyz0123.lambda-url.eu-west-1.on.aws',
          domainPrefix: kind === 'apigw-v2' ? 'id' : 'abcdefghijklmnopqrstuvwxyz0123',
          http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'P100-Webhooks/1.0' },
          requestId: 'id',
          routeKey: kind === 'apigw-v2' ? `POST ${path}` : '$default',
          stage: '$default',
          time: '12/Mar/2026:19:03:58 +0000',
          timeEpoch: now,
        },
        isBase64Encoded: base64,
      };
      if (body !== null) event['body'] = body;
      return event as unknown as PoaLambdaEvent;
    }
    case 'alb':
    case 'alb-multi': {
      const event: Record<string, unknown> = {
        requestContext: {
          elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/poa/0123456789abcdef' },
        },
        httpMethod: method,
        path,
        body: body ?? '',
        isBase64Encoded: base64,
      };
      if (kind === 'alb') {
        event['queryStringParameters'] = {};
        event['headers'] = last;
      } else {
        event['multiValueQueryStringParameters'] = {};
        event['multiValueHeaders'] = multi;
      }
      return event as unknown as PoaLambdaEvent;
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What a Lambda event kind can carry: a plain (not base64) body is text, so bytes that are not UTF-8
 * cannot reach the function; an ALB target group without multi-value headers passes only the last of
 * repeated header lines, so a repeated header cannot be seen there.
 */
function lambdaSupports(kind: LambdaKind, base64: boolean, delivery: Delivery): boolean {
  if (!base64 && delivery.body instanceof Uint8Array) {
    try {
      strictUtf8.decode(delivery.body);
    } catch {
      return false;
    }
  }
  if (kind === 'alb') {
    return Object.values(delivery.headers ?? {}).every((value) => typeof value === 'string' || value.length <= 1);
  }
  return true;
}

function lambdaAdapter(kind: LambdaKind, base64: boolean): AdapterUnderTest {
  return {
    name: `lambda ${kind}${base64 ? ' base64' : ''}`,
    supports: (delivery) => lambdaSupports(kind, base64, delivery),
    async deliver(options, delivery) {
      const event = lambdaEvent(kind, delivery, base64);
      const result = (await createLambdaHandler(options)(event)) as {
        statusCode: number;
        headers?: Record<string, string>;
        multiValueHeaders?: Record<string, string[]>;
        body: string;
      };
      const headers =
        result.headers ?? Object.fromEntries(Object.entries(result.multiValueHeaders ?? {}).map(([k, v]) => [k, v.join(', ')]));
      return toAnswer(result.statusCode, headers, result.body);
    },
  };
}

/** The Lambda adapters on their own, for Lambda-specific tests. */
export const LAMBDA_ADAPTERS: readonly AdapterUnderTest[] = (['apigw-v1', 'apigw-v2', 'alb', 'alb-multi', 'function-url'] as const).flatMap(
  (kind) => [lambdaAdapter(kind, false), lambdaAdapter(kind, true)],
);

/** Every adapter and event kind; run shared case lists with `describe.each(ADAPTERS)`. */
export const ADAPTERS: readonly AdapterUnderTest[] = [nodeHttpAdapter, fetchAdapter, ...LAMBDA_ADAPTERS];

/** Exposes the raw Lambda event builder for tests that check the events themselves. */
export { lambdaEvent as buildLambdaEvent, type LambdaKind };
