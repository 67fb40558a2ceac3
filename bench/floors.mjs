/**
 * The floors the benches and the speed gate (bench/gate.mjs) divide by: for each adapter, the least a
 * hand-written receiver must do, and no more. One definition, so the gate measures against exactly
 * what the benches report.
 */
import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';

export const SECRET = 'bench-secret-0123456789abcdef';
export const PATH = '/webhook/poa-verification/status';

const JSON_HEADERS = { 'content-type': 'application/json' };
const STATUSES = new Set(['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED']);

/**
 * node:http: check the method and the Authorization header, read the body, `JSON.parse` it, answer
 * `{}`. `onEvent` (optional) runs once per accepted delivery.
 */
export function nodeFloor(onEvent) {
  return (req, res) => {
    const auth = req.headers.authorization;
    if (req.method !== 'POST' || (auth !== SECRET && auth !== `Bearer ${SECRET}`)) {
      res.writeHead(401, JSON_HEADERS).end('{"error":{"code":"UNAUTHORIZED"}}');
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, JSON_HEADERS).end('{"error":{"code":"INVALID_JSON"}}');
        return;
      }
      onEvent?.();
      res.writeHead(200, JSON_HEADERS).end('{}');
    });
  };
}

/** Fetch API: header check, `request.text()`, `JSON.parse`, `new Response('{}')`. */
export function fetchFloor(onEvent) {
  return async (request) => {
    const auth = request.headers.get('authorization');
    if (auth !== SECRET && auth !== `Bearer ${SECRET}`) {
      return new Response('{"error":{"code":"UNAUTHORIZED"}}', { status: 401, headers: JSON_HEADERS });
    }
    try {
      JSON.parse(await request.text());
    } catch {
      return new Response('{"error":{"code":"INVALID_JSON"}}', { status: 400, headers: JSON_HEADERS });
    }
    onEvent?.();
    return new Response('{}', { status: 200, headers: JSON_HEADERS });
  };
}

const SECRET_BYTES = Buffer.from(SECRET);

/** The bare or `Bearer` token equals the secret, compared in constant time as a secure handler must. */
function tokenMatches(auth) {
  if (typeof auth !== 'string') return false;
  const token = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7) : auth);
  return token.length === SECRET_BYTES.length && timingSafeEqual(token, SECRET_BYTES);
}

/**
 * AWS Lambda (API Gateway v2 event): the token compared in constant time (`crypto.timingSafeEqual`),
 * the body decoded (base64 when flagged) and `JSON.parse`d, the two fields checked, `{}` answered.
 */
export function lambdaFloor(onEvent) {
  return async (event) => {
    if (!tokenMatches(event.headers?.authorization)) return { statusCode: 401, headers: JSON_HEADERS, body: '{"error":{"code":"UNAUTHORIZED"}}' };
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      return { statusCode: 400, headers: JSON_HEADERS, body: '{"error":{"code":"INVALID_JSON"}}' };
    }
    if (typeof value?.externalUserId !== 'string' || !STATUSES.has(value.status)) {
      return { statusCode: 400, headers: JSON_HEADERS, body: '{"error":{"code":"INVALID_PAYLOAD"}}' };
    }
    await onEvent?.({ externalUserId: value.externalUserId, status: value.status });
    return { statusCode: 200, headers: JSON_HEADERS, body: '{}', isBase64Encoded: false };
  };
}

/**
 * An API Gateway HTTP API (v2) event as the Lambda runtime hands it over (parsed from the invocation's
 * JSON): delivery `i` of the given status.
 */
export function lambdaEvent(i, status, base64) {
  const body = JSON.stringify({ externalUserId: `user-${i}`, status });
  return JSON.parse(
    JSON.stringify({
      version: '2.0',
      routeKey: `POST ${PATH}`,
      rawPath: PATH,
      rawQueryString: '',
      headers: {
        accept: '*/*',
        authorization: `Bearer ${SECRET}`,
        'content-length': String(body.length),
        'content-type': 'application/json',
        host: 'r3pmxmplak.execute-api.eu-central-1.amazonaws.com',
        'user-agent': 'P100-Webhooks/1.0',
        'x-amzn-trace-id': `Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e-${i}`,
        'x-forwarded-for': '203.0.113.10',
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
      },
      requestContext: {
        accountId: '123456789012',
        apiId: 'r3pmxmplak',
        domainName: 'r3pmxmplak.execute-api.eu-central-1.amazonaws.com',
        domainPrefix: 'r3pmxmplak',
        http: { method: 'POST', path: PATH, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'P100-Webhooks/1.0' },
        requestId: `req-${i}`,
        routeKey: `POST ${PATH}`,
        stage: '$default',
        time: '10/Mar/2026:05:16:23 +0000',
        timeEpoch: 1773119783000 + i,
      },
      body: base64 ? Buffer.from(body).toString('base64') : body,
      isBase64Encoded: base64,
    }),
  );
}
