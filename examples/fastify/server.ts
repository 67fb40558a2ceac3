import Fastify from 'fastify';
import { createNodeHandler } from 'p100-webhooks/node';

const handler = createNodeHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '', // not set: a TypeError here, at start-up
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
});

const app = Fastify();
// `all`, not `post`: other methods reach the SDK, which answers 405 with `Allow: POST`.
app.all(
  '/webhook/poa-verification/status',
  {
    // Before Fastify reads the body or looks at its content type.
    onRequest: async (request, reply) => {
      reply.hijack(); // the SDK writes the answer to the raw response
      await handler(request.raw, reply.raw);
    },
  },
  async () => {}, // never reached: the hook has answered
);
app.get('/health', async () => ({ ok: true })); // the rest of your app keeps Fastify's parsers

// 127.0.0.1: reachable from this machine only. In production, listen where your TLS proxy reaches it.
const port = Number(process.env.PORT ?? 3000);
await app.listen({ port, host: '127.0.0.1' });
console.log(`Listening on http://127.0.0.1:${port}/webhook/poa-verification/status`);
