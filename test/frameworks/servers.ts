/**
 * Real frameworks serving the webhook, each wired the way the README recommends, started on
 * 127.0.0.1 for one delivery.
 */
import { createAdaptorServer } from '@hono/node-server';
import express, { type RequestHandler } from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyWebhookOptions } from '../support/adapters.ts';
import { createFetchHandler } from '../../src/fetch.ts';
import { createNodeHandler } from '../../src/node.ts';
import { listenOnLoopback, type RunningServer, WEBHOOK_PATH } from '../support/adapters.ts';

/** Express 5, with or without one of its body parsers in front of the handler. */
export type ExpressParser = 'none' | 'json' | 'raw' | 'text';

export function startExpress(options: AnyWebhookOptions, parser: ExpressParser = 'none'): Promise<RunningServer> {
  const app = express();
  const parsers: Record<ExpressParser, RequestHandler[]> = {
    none: [],
    json: [express.json()],
    raw: [express.raw({ type: '*/*' })],
    text: [express.text()],
  };
  app.all(WEBHOOK_PATH, ...parsers[parser], createNodeHandler(options));
  return listenOnLoopback(createServer(app));
}

/**
 * Fastify 5, recommended wiring (docs/fastify.md): the webhook route's `onRequest` hook hands the
 * request over before Fastify parses the body or looks at its content type, so `createNodeHandler`
 * checks authorization first and streams the body up to its limit; `reply.hijack()` hands the
 * response to it.
 */
export async function startFastifyRaw(options: AnyWebhookOptions): Promise<RunningServer> {
  const app = Fastify();
  const handler = createNodeHandler(options);
  app.all(
    WEBHOOK_PATH,
    {
      onRequest: async (request, reply) => {
        reply.hijack();
        await handler(request.raw, reply.raw);
      },
    },
    async () => {},
  );
  return listenFastify(app);
}

/**
 * Fastify 5 with its default JSON parser: `request.body` is already parsed and handed over as
 * `req.body`, so the handler uses it and never waits for the (consumed) stream.
 */
export async function startFastifyParsed(options: AnyWebhookOptions): Promise<RunningServer> {
  const app = Fastify();
  const handler = createNodeHandler(options);
  app.post(WEBHOOK_PATH, async (request, reply) => {
    reply.hijack();
    await handler(Object.assign(request.raw, { body: request.body }), reply.raw);
  });
  return listenFastify(app);
}

async function listenFastify(app: FastifyInstance): Promise<RunningServer> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { port, close: () => app.close() };
}

/** Hono on @hono/node-server: the Fetch handler gets Hono's raw `Request`. */
export function startHono(options: AnyWebhookOptions): Promise<RunningServer> {
  const app = new Hono();
  const handler = createFetchHandler(options);
  app.all(WEBHOOK_PATH, (c) => handler(c.req.raw));
  return listenOnLoopback(createAdaptorServer({ fetch: app.fetch }) as ReturnType<typeof createServer>);
}
