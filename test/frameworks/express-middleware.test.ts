import express from 'express';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/node.ts';
import { deliverOverHttp, listenOnLoopback, WEBHOOK_PATH } from '../support/adapters.ts';

const SECRET = 'express-secret';
const BODY = '{"externalUserId":"u-1","status":"QUESTIONED"}';

/** An Express app where the webhook is one middleware among others. */
function app(mount: 'root' | 'prefix', calls: unknown[]) {
  const handler = createNodeHandler({ secret: SECRET, path: WEBHOOK_PATH, onEvent: (event) => void calls.push(event) });
  const application = express();
  if (mount === 'root') application.use(handler);
  else application.use('/webhook', handler);
  application.use(express.json());
  application.post('/other', (_req, res) => void res.status(201).json({ route: 'other' }));
  application.all('/{*rest}', (_req, res) => void res.status(404).json({ route: 'fallback' }));
  return application;
}

describe('createNodeHandler as Express middleware', () => {
  it.each([
    { mount: 'root' as const, path: WEBHOOK_PATH, status: 200, json: {}, calls: 1 },
    { mount: 'root' as const, path: `${WEBHOOK_PATH}?retry=1`, status: 200, json: {}, calls: 1 },
    { mount: 'root' as const, path: '/other', status: 201, json: { route: 'other' }, calls: 0 },
    { mount: 'root' as const, path: '/nothing-here', status: 404, json: { route: 'fallback' }, calls: 0 },
    { mount: 'prefix' as const, path: WEBHOOK_PATH, status: 200, json: {}, calls: 1 },
    { mount: 'prefix' as const, path: '/webhook/other', status: 404, json: { route: 'fallback' }, calls: 0 },
    { mount: 'prefix' as const, path: '/other', status: 201, json: { route: 'other' }, calls: 0 },
  ])('should answer $path with $status when mounted at $mount', async ({ mount, path, status, json, calls: expected }) => {
    const calls: unknown[] = [];
    const server = await listenOnLoopback(createServer(app(mount, calls)));
    try {
      const answer = await deliverOverHttp(server.port, {
        path,
        headers: { authorization: SECRET, 'content-type': 'application/json' },
        body: BODY,
      });
      expect(answer.status).toBe(status);
      expect(answer.json).toEqual(json);
      expect(calls).toHaveLength(expected);
    } finally {
      await server.close();
    }
  });

  it('should answer its own path itself and never fall through, even when refusing', async () => {
    const server = await listenOnLoopback(createServer(app('root', [])));
    try {
      const answer = await deliverOverHttp(server.port, { headers: { authorization: 'wrong' }, body: BODY });
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    } finally {
      await server.close();
    }
  });
});
