import express from 'express';
import { createNodeHandler } from 'p100-webhooks/node';

const app = express();

// Before express.json(); `all`, not `post`: other methods get the documented 405 with `Allow: POST`.
app.all(
  '/webhook/poa-verification/status',
  createNodeHandler({
    secret: process.env.P100_WEBHOOK_SECRET ?? '', // not set: a TypeError here, at start-up
    on: {
      WAITING: (event) => console.log(`${event.externalUserId}: in review`),
      APPROVED: (event) => console.log(`${event.externalUserId}: approved`),
      REJECTED: (event) => console.log(`${event.externalUserId}: rejected, ask for a new document`),
      QUESTIONED: (event) => console.log(`${event.externalUserId}: questioned, ask the user to act`),
    },
  }),
);

// The rest of your API, with its own body parser.
app.use(express.json());
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

// 127.0.0.1: reachable from this machine only. In production, listen where your TLS proxy reaches it.
const port = Number(process.env.PORT ?? 3000);
app.listen(port, '127.0.0.1', (error) => {
  if (error) throw error; // Express 5 reports EADDRINUSE and the like here
  console.log(`Listening on http://127.0.0.1:${port}/webhook/poa-verification/status`);
});
