import { createServer } from 'node:http';
import { createNodeHandler } from 'p100-webhooks/node';

const handler = createNodeHandler({
  secret: process.env.P100_WEBHOOK_SECRET ?? '', // not set: a TypeError here, at start-up
  path: '/webhook/poa-verification/status',
  on: {
    WAITING: (event) => console.log(`${event.externalUserId}: in review`),
    APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
    REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
    QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
  },
  // Every refusal (401, 400, 413, ...): log the code, never the request headers (they carry the token).
  onError: (error) => console.warn(`refused a delivery: ${error.code}`),
});

// The socket limits the SDK cannot set: a client trickling its headers or body is cut off. Node checks
// them every connectionsCheckingInterval (30 s by default, which would let a slow client stay 30 s).
const server = createServer({ requestTimeout: 10_000, headersTimeout: 5_000, connectionsCheckingInterval: 1_000 }, handler);

// 127.0.0.1: reachable from this machine only. In production, listen where your TLS proxy reaches it
// (P100 delivers over HTTPS; terminate TLS at a load balancer or reverse proxy).
const port = Number(process.env.PORT ?? 3000);
server.listen(port, '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${port}/webhook/poa-verification/status`);
});
