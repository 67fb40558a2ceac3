/**
 * A chaos receiver child process: `createNodeHandler` in inbox mode on 127.0.0.1 (ephemeral port),
 * queueing into the run's engine; tells its supervisor (process-fleet.ts) its port. It runs no
 * handler: a 200 means the engine acknowledged the write.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PoaDeliveryInbox } from '../../src/index.ts';
import { createNodeHandler } from '../../src/node.ts';
import type { ChaosChildConfig } from './chaos-config.ts';
import { openChaosEngine } from './chaos-engine.ts';

const config = JSON.parse(process.env['SIM_CONFIG'] ?? '') as ChaosChildConfig;
const engine = await openChaosEngine(config.engine, 'receiver');
let sent = 0;
// The `lose-enqueue` defect: one delivery in 50 answered 200 without being queued.
const inbox: PoaDeliveryInbox =
  config.mutate === 'lose-enqueue' ? { enqueue: async (message) => (++sent % 50 === 0 ? 'lost' : engine.inbox.enqueue(message)) } : engine.inbox;
const handler = createNodeHandler({ secret: config.secret, inbox, handlerTimeoutMs: config.handlerTimeoutMs });
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => void handler(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port });
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  void engine.close().finally(() => process.exit(0));
});
