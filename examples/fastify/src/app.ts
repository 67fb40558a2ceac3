import Fastify, { type FastifyInstance } from 'fastify';
import { createNodeHandler } from 'p100-webhooks/node';
import type { Accounts } from './accounts.ts';

/** The path P100 delivers POA Verification Status webhooks to (configure it in the Partner API). */
export const WEBHOOK_PATH = '/webhook/poa-verification/status';

/**
 * A Fastify 5 app. The webhook lives in its own plugin whose content-type parser leaves the body
 * unread, so the SDK streams it from `request.raw` with its own limit and error codes (Fastify's JSON
 * parser would answer 415 or its own 400 first). The rest of the app keeps Fastify's parsers.
 */
export function createApp(options: { secret: string; accounts: Accounts }): FastifyInstance {
  const { accounts } = options;
  const handler = createNodeHandler({
    secret: options.secret,
    on: {
      WAITING: (event) => accounts.markPoaPending(event.externalUserId),
      APPROVED: (event) => accounts.unlockExtendedLimits(event.externalUserId),
      REJECTED: (event) => accounts.askUserToAct(event.externalUserId, 'REJECTED'),
      QUESTIONED: (event) => accounts.askUserToAct(event.externalUserId, 'QUESTIONED'),
    },
  });

  const app = Fastify();
  void app.register(async (webhooks) => {
    webhooks.removeAllContentTypeParsers();
    webhooks.addContentTypeParser('*', (_request, _payload, done) => done(null));
    webhooks.all(WEBHOOK_PATH, async (request, reply) => {
      reply.hijack(); // the SDK writes the answer to the raw response
      await handler(request.raw, reply.raw);
    });
  });
  app.get('/health', async () => ({ ok: true }));
  return app;
}
