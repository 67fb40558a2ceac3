/**
 * docs/express.md, "Mounted after a body parser": behind `express.json()` a malformed or oversized
 * body is refused by Express before the webhook handler checks the token. Without an error handler
 * Express answers its HTML page with the stack trace and file paths (NODE_ENV unset); with the
 * guide's handler every answer is JSON, in the SDK's shape, without a stack or a path. The handler
 * below is the guide's, between the markers; the first test checks the guide shows it verbatim.
 */
import express, { type ErrorRequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHandler } from '../../src/node.ts';
import { deliverOverHttp, listenOnLoopback, WEBHOOK_PATH } from '../support/adapters.ts';

const SECRET = 'express-secret';

// guide:start
// Last, after every route: errors of express.json() (and any other) answer JSON, never Express's
// HTML page, which shows the stack trace and file paths unless NODE_ENV is `production`.
const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = Number.isInteger(error?.status) && error.status >= 400 && error.status < 600 ? error.status : 500;
  const [code, message] =
    error?.type === 'entity.parse.failed' ? ['INVALID_JSON', 'The body is not valid JSON.']
    : error?.type === 'entity.too.large' ? ['PAYLOAD_TOO_LARGE', 'The body is too large.']
    : status < 500 ? ['BAD_REQUEST', 'The request was refused.']
    : ['INTERNAL_ERROR', 'Something went wrong.'];
  res.status(status).json({ error: { code, message } });
};
// guide:end

function guideHandlerText(): string {
  const source = readFileSync(new URL(import.meta.url), 'utf8');
  return source.slice(source.indexOf('// guide:start\n') + 15, source.indexOf('// guide:end'));
}

/** The guide's "after express.json()" setup, with or without its error handler. */
function app(withHandler: boolean, calls: unknown[]) {
  const application = express();
  application.use(express.json());
  application.all(WEBHOOK_PATH, createNodeHandler({ secret: SECRET, onEvent: (event) => void calls.push(event) }));
  if (withHandler) application.use(jsonErrors);
  return application;
}

const MALFORMED = '{"externalUserId":"u-1","status":';
const OVERSIZED = `{"externalUserId":"u-1","status":"APPROVED","x":"${'a'.repeat(200_000)}"}`;

describe('express.json() in front of createNodeHandler', () => {
  let nodeEnv: string | undefined;
  beforeEach(() => {
    nodeEnv = process.env.NODE_ENV;
    delete process.env.NODE_ENV; // as a reader runs it: Express then defaults to `development`
  });
  afterEach(() => {
    if (nodeEnv !== undefined) process.env.NODE_ENV = nodeEnv;
  });

  it('should show the error handler of the test in docs/express.md, verbatim', () => {
    expect(readFileSync(new URL('../../docs/express.md', import.meta.url), 'utf8')).toContain(guideHandlerText());
  });

  it.each([
    { withHandler: true, token: 'wrong', body: MALFORMED, status: 400, code: 'INVALID_JSON', calls: 0 },
    { withHandler: true, token: SECRET, body: MALFORMED, status: 400, code: 'INVALID_JSON', calls: 0 },
    { withHandler: true, token: 'wrong', body: OVERSIZED, status: 413, code: 'PAYLOAD_TOO_LARGE', calls: 0 },
    { withHandler: true, token: 'wrong', body: '{"externalUserId":"u-1","status":"APPROVED"}', status: 401, code: 'UNAUTHORIZED', calls: 0 },
    { withHandler: true, token: SECRET, body: '{"externalUserId":"u-1","status":"APPROVED"}', status: 200, code: undefined, calls: 1 },
  ])(
    'should answer $status $code in JSON without a stack or a path for token $token (error handler: $withHandler)',
    async ({ withHandler, token, body, status, code, calls: expected }) => {
      const calls: unknown[] = [];
      const server = await listenOnLoopback(createServer(app(withHandler, calls)));
      try {
        const answer = await deliverOverHttp(server.port, { headers: { authorization: token, 'content-type': 'application/json' }, body });
        expect(answer.status).toBe(status);
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        expect(answer.json).toEqual(code === undefined ? {} : { error: { code, message: expect.any(String) } });
        expect(answer.text).not.toMatch(/\bat |node_modules|\/work\/|\.[cm]?[jt]s\b/);
        expect(calls).toHaveLength(expected);
      } finally {
        await server.close();
      }
    },
  );

  it.each([
    { body: MALFORMED, status: 400 },
    { body: OVERSIZED, status: 413 },
  ])('should leak Express’s HTML page with a stack and file paths for $status without the error handler', async ({ body, status }) => {
    // Express's default handler also logs the error with console.error: captured and checked here.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await listenOnLoopback(createServer(app(false, [])));
    try {
      const answer = await deliverOverHttp(server.port, { headers: { authorization: 'wrong', 'content-type': 'application/json' }, body });
      expect(logged).toHaveBeenCalled();
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.text).toMatch(/node_modules/);
      expect(answer.text).toMatch(/\bat /);
    } finally {
      logged.mockRestore();
      await server.close();
    }
  });
});
