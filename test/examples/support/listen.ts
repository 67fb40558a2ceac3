import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningExample } from './describe-server-example.ts';

/** Starts a node:http server on an ephemeral 127.0.0.1 port; `close` ends open connections too. */
export async function listen(server: Server): Promise<RunningExample> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
