// Runtime-neutral conformance checks of the BUILT package. Plain JavaScript and only web-standard
// globals (Request, Response, TextEncoder, Promise), so the same file runs unchanged on Node, Bun,
// Deno, workerd and the Vercel edge runtime. No test framework: each check is a named async function
// that throws on failure; the runner counts them.
//
// The entry modules are passed in (imported by their public specifiers by the caller), so this file
// imports nothing itself and can be bundled into a Worker or an edge script.

export const SECRET = 'conformance-s3cret';
export const STATUSES = ['WAITING', 'APPROVED', 'REJECTED', 'QUESTIONED'];

/** Throws unless `actual === expected`. */
export function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Throws unless `value` is truthy. */
export function ok(value, what) {
  if (!value) throw new Error(`${what}: expected a truthy value, got ${String(value)}`);
}

/**
 * Which runtime this code is really running on: `{ name, version }`, with name one of node, bun,
 * deno, workerd, edge-runtime. Bun and Deno also define `process.versions.node`, so they are
 * recognised first; workerd by its user agent; the edge runtime by its `EdgeRuntime` global.
 */
export function detectRuntime() {
  const g = globalThis;
  if (typeof g.Bun !== 'undefined') return { name: 'bun', version: g.Bun.version };
  if (typeof g.Deno !== 'undefined') return { name: 'deno', version: g.Deno.version.deno };
  if (typeof g.EdgeRuntime === 'string') return { name: 'edge-runtime', version: g.EdgeRuntime };
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return { name: 'workerd', version: 'unknown' };
  if (typeof g.process?.versions?.node === 'string') return { name: 'node', version: g.process.versions.node };
  return { name: 'unknown', version: 'unknown' };
}

/**
 * Fails unless the detected runtime is the one asked for: `expected` is a name, optionally with a
 * major version (`node@22`).
 */
export function assertRuntime(expected) {
  const actual = detectRuntime();
  const [name, major] = expected.split('@');
  equal(actual.name, name, 'runtime');
  if (major !== undefined) equal(actual.version.split('.')[0], major, `${name} major version`);
  return actual;
}

const body = (status, externalUserId = `user-${status.toLowerCase()}`) => JSON.stringify({ externalUserId, status });

/** A Fetch handler with recording callbacks; `maxBodyBytes` small so 413 needs only a small body. */
function recordingOptions() {
  const seen = { events: [], errors: [] };
  return {
    seen,
    options: {
      secret: SECRET,
      maxBodyBytes: 1024,
      onEvent: (event) => {
        seen.events.push(event);
      },
      onError: (error) => {
        seen.errors.push(error);
      },
    },
  };
}

async function errorCode(response) {
  const json = await response.json();
  return json?.error?.code;
}

/**
 * The checks every runtime runs. `pkg` holds the entry modules: `core` (`p100-webhooks`), `fetch`,
 * `lambda`, `testing`.
 *
 * @returns an array of `[name, async () => void]`.
 */
export function neutralChecks(pkg) {
  const { core, fetch: fetchEntry, lambda, testing } = pkg;
  const request = (init) =>
    new Request('https://example.test/webhook/poa-verification/status', { method: 'POST', ...init });
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);

  check('core: the four statuses are exported in order', () => {
    equal(JSON.stringify(core.POA_VERIFICATION_STATUSES), JSON.stringify(STATUSES), 'POA_VERIFICATION_STATUSES');
  });
  for (const status of STATUSES) {
    check(`core: safeParsePoaVerificationEvent accepts ${status} (string and bytes)`, () => {
      for (const input of [body(status), new TextEncoder().encode(body(status))]) {
        const result = core.safeParsePoaVerificationEvent(input);
        equal(result.success, true, 'success');
        equal(result.event.status, status, 'event.status');
        equal(result.event.externalUserId, `user-${status.toLowerCase()}`, 'event.externalUserId');
      }
    });
  }
  check('core: parsePoaVerificationEvent throws a typed INVALID_JSON error', () => {
    let caught;
    try {
      core.parsePoaVerificationEvent('{not json');
    } catch (error) {
      caught = error;
    }
    ok(caught instanceof core.PoaWebhookError, 'instanceof PoaWebhookError');
    ok(core.isPoaWebhookError(caught), 'isPoaWebhookError');
    equal(caught.name, 'PoaWebhookError', 'name');
    equal(caught.code, 'INVALID_JSON', 'code');
    equal(caught.httpStatus, 400, 'httpStatus');
  });
  check('core: an unknown status is UNKNOWN_STATUS, a bad shape INVALID_PAYLOAD with a path', () => {
    const unknown = core.safeParsePoaVerificationEvent(body('PENDING'));
    equal(unknown.success, false, 'success');
    equal(unknown.error.code, 'UNKNOWN_STATUS', 'code');
    const invalid = core.validatePoaVerificationEvent({ externalUserId: '', status: 'APPROVED' });
    equal(invalid.success, false, 'success');
    equal(invalid.error.code, 'INVALID_PAYLOAD', 'code');
    equal(invalid.error.issues[0]?.path, 'externalUserId', 'issues[0].path');
  });
  check('core: matchPoaStatus dispatches to the matching handler', () => {
    for (const status of STATUSES) {
      const handlers = Object.fromEntries(STATUSES.map((s) => [s, (event) => `${s}:${event.externalUserId}`]));
      equal(core.matchPoaStatus({ externalUserId: 'u', status }, handlers), `${status}:u`, 'result');
    }
  });
  check('core: verifyAuthorizationHeader takes the bare token, Bearer, and a rotation list', () => {
    equal(core.verifyAuthorizationHeader(SECRET, SECRET), true, 'bare');
    equal(core.verifyAuthorizationHeader(`Bearer ${SECRET}`, SECRET), true, 'Bearer');
    equal(core.verifyAuthorizationHeader(SECRET, ['old', SECRET]), true, 'rotation');
    equal(core.verifyAuthorizationHeader('wrong', SECRET), false, 'wrong');
    equal(core.verifyAuthorizationHeader(undefined, SECRET), false, 'missing');
  });
  check('core: handlePoaWebhook answers 200 {} and calls the handler once', async () => {
    const { seen, options } = recordingOptions();
    const response = await core.handlePoaWebhook(
      { method: 'POST', headers: { Authorization: SECRET }, body: body('APPROVED') },
      options,
    );
    equal(response.status, 200, 'status');
    equal(response.body, '{}', 'body');
    equal(seen.events.length, 1, 'handler calls');
  });

  for (const status of STATUSES) {
    check(`fetch: ${status} is accepted with 200 {} and the handler gets the typed event`, async () => {
      const { seen, options } = recordingOptions();
      const handler = fetchEntry.createFetchHandler(options);
      const response = await handler(
        request({ headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: body(status) }),
      );
      equal(response.status, 200, 'status');
      equal(response.headers.get('content-type')?.split(';')[0], 'application/json', 'content-type');
      equal(await response.text(), '{}', 'body');
      equal(seen.events.length, 1, 'handler calls');
      equal(seen.events[0].status, status, 'event.status');
    });
  }
  check('fetch: no token is 401 UNAUTHORIZED and the handler is not called', async () => {
    const { seen, options } = recordingOptions();
    const response = await fetchEntry.createFetchHandler(options)(request({ body: body('APPROVED') }));
    equal(response.status, 401, 'status');
    equal(await errorCode(response), 'UNAUTHORIZED', 'error.code');
    equal(seen.events.length, 0, 'handler calls');
  });
  check('fetch: a wrong token is 401', async () => {
    const { options } = recordingOptions();
    const response = await fetchEntry.createFetchHandler(options)(
      request({ headers: { authorization: 'Bearer nope' }, body: body('APPROVED') }),
    );
    equal(response.status, 401, 'status');
  });
  check('fetch: a body that is not JSON is 400 INVALID_JSON', async () => {
    const { seen, options } = recordingOptions();
    const response = await fetchEntry.createFetchHandler(options)(
      request({ headers: { authorization: SECRET }, body: '{"externalUserId":' }),
    );
    equal(response.status, 400, 'status');
    equal(await errorCode(response), 'INVALID_JSON', 'error.code');
    equal(seen.events.length, 0, 'handler calls');
  });
  check('fetch: a body over maxBodyBytes is 413 PAYLOAD_TOO_LARGE', async () => {
    const { seen, options } = recordingOptions();
    const big = JSON.stringify({ externalUserId: 'u', status: 'APPROVED', pad: 'x'.repeat(4096) });
    const response = await fetchEntry.createFetchHandler(options)(request({ headers: { authorization: SECRET }, body: big }));
    equal(response.status, 413, 'status');
    equal(await errorCode(response), 'PAYLOAD_TOO_LARGE', 'error.code');
    equal(seen.events.length, 0, 'handler calls');
  });
  check('fetch: GET is 405 with Allow: POST', async () => {
    const { options } = recordingOptions();
    const response = await fetchEntry.createFetchHandler(options)(
      new Request('https://example.test/webhook', { method: 'GET', headers: { authorization: SECRET } }),
    );
    equal(response.status, 405, 'status');
    equal(response.headers.get('allow'), 'POST', 'Allow');
  });
  check('fetch: onError gets a typed error that is the core entry’s PoaWebhookError', async () => {
    const { seen, options } = recordingOptions();
    await fetchEntry.createFetchHandler(options)(request({ headers: { authorization: SECRET }, body: '[' }));
    equal(seen.errors.length, 1, 'onError calls');
    const [error] = seen.errors;
    ok(error instanceof core.PoaWebhookError, 'instanceof the core PoaWebhookError (one class across entries)');
    ok(core.isPoaWebhookError(error), 'isPoaWebhookError');
    equal(error.code, 'INVALID_JSON', 'code');
    equal(error.httpStatus, 400, 'httpStatus');
  });
  check('fetch: a throwing handler is 500 HANDLER_FAILED with no error text', async () => {
    const handler = fetchEntry.createFetchHandler({
      secret: SECRET,
      onEvent: () => {
        throw new Error('db password is hunter2');
      },
    });
    const response = await handler(request({ headers: { authorization: SECRET }, body: body('REJECTED') }));
    equal(response.status, 500, 'status');
    const text = await response.text();
    ok(!text.includes('hunter2'), 'the error text does not leak');
    equal(JSON.parse(text).error.code, 'HANDLER_FAILED', 'error.code');
  });
  check('fetch: invalid options throw a TypeError at creation', () => {
    let caught;
    try {
      fetchEntry.createFetchHandler({ secret: '', onEvent: () => {} });
    } catch (error) {
      caught = error;
    }
    ok(caught instanceof TypeError, 'TypeError');
  });

  const lambdaEvents = {
    'apigw-v1': (b, headers) => ({
      httpMethod: 'POST', path: '/webhook', headers, body: b, isBase64Encoded: false,
      // API Gateway sends every header in both maps.
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      requestContext: { stage: 'prod' },
    }),
    'apigw-v2': (b, headers) => ({
      version: '2.0', rawPath: '/webhook', headers, body: b, isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/webhook' } },
    }),
    alb: (b, headers) => ({
      httpMethod: 'POST', path: '/webhook', headers, body: b, isBase64Encoded: false,
      requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/poa/0123' } },
    }),
  };
  for (const [kind, make] of Object.entries(lambdaEvents)) {
    check(`lambda (${kind}): accepted 200, 401 without token, 400 INVALID_JSON, 413`, async () => {
      const { seen, options } = recordingOptions();
      const handler = lambda.createLambdaHandler(options);
      const accepted = await handler(make(body('QUESTIONED'), { Authorization: SECRET }), {});
      equal(accepted.statusCode, 200, 'accepted statusCode');
      equal(seen.events[0]?.status, 'QUESTIONED', 'event.status');
      const unauthorized = await handler(make(body('QUESTIONED'), {}), {});
      equal(unauthorized.statusCode, 401, 'no token statusCode');
      const invalid = await handler(make('nope', { authorization: SECRET }), {});
      equal(invalid.statusCode, 400, 'invalid statusCode');
      equal(JSON.parse(invalid.body).error.code, 'INVALID_JSON', 'invalid error.code');
      const large = await handler(make('x'.repeat(2048), { authorization: SECRET }), {});
      equal(large.statusCode, 413, 'large statusCode');
      equal(seen.events.length, 1, 'handler calls');
    });
  }
  check('lambda: a base64 body is decoded', async () => {
    const { seen, options } = recordingOptions();
    const encoded = btoa(body('APPROVED'));
    const event = { ...lambdaEvents['apigw-v2'](encoded, { authorization: SECRET }), isBase64Encoded: true };
    const result = await lambda.createLambdaHandler(options)(event, {});
    equal(result.statusCode, 200, 'statusCode');
    equal(seen.events[0]?.status, 'APPROVED', 'event.status');
  });

  check('testing: createPoaVerificationEvent builds a valid event', () => {
    const event = testing.createPoaVerificationEvent({ status: 'REJECTED' });
    equal(event.status, 'REJECTED', 'status');
    ok(core.isPoaVerificationEvent(event), 'isPoaVerificationEvent');
  });
  check('testing: createPoaWebhookRequest builds a Request the fetch handler accepts', async () => {
    ok(typeof testing.createPoaWebhookRequest === 'function', 'createPoaWebhookRequest is exported');
    const { seen, options } = recordingOptions();
    const req = testing.createPoaWebhookRequest(testing.createPoaVerificationEvent({ status: 'APPROVED' }), {
      secret: SECRET,
    });
    ok(req instanceof Request, 'a Fetch Request');
    const response = await fetchEntry.createFetchHandler(options)(req);
    equal(response.status, 200, 'status');
    equal(seen.events[0]?.status, 'APPROVED', 'event.status');
  });
  check('testing: createPoaLambdaEvent builds every event kind the lambda handler accepts', async () => {
    ok(typeof testing.createPoaLambdaEvent === 'function', 'createPoaLambdaEvent is exported');
    for (const format of ['apigw-v1', 'apigw-v2', 'alb', 'function-url']) {
      for (const base64 of [false, true]) {
        const { seen, options } = recordingOptions();
        const event = testing.createPoaLambdaEvent(testing.createPoaVerificationEvent({ status: 'WAITING' }), {
          secret: SECRET,
          format,
          base64,
        });
        const result = await lambda.createLambdaHandler(options)(event, {});
        equal(result.statusCode, 200, `${format}${base64 ? ' base64' : ''} statusCode`);
        equal(seen.events.length, 1, `${format} handler calls`);
      }
    }
  });
  return checks;
}

/**
 * Runs checks one after another, logging one line each, and resolves to the counts.
 *
 * @param checks - `[name, fn]` pairs.
 * @param log - where lines go (console.log by default).
 */
export async function runChecks(checks, log = (line) => console.log(line)) {
  let passed = 0;
  const failures = [];
  for (const [name, fn] of checks) {
    try {
      await fn();
      passed += 1;
      log(`  ok   ${name}`);
    } catch (error) {
      failures.push({ name, message: String(error?.message ?? error) });
      log(`  FAIL ${name}: ${error?.message ?? error}`);
    }
  }
  return { passed, failed: failures.length, failures };
}
