import type { FastifyExample } from './support/example-modules.ts';
import { importExample } from './support/import-example.ts';
import { describeServerExample } from './support/describe-server-example.ts';

const { createApp } = await importExample<FastifyExample>('fastify/src/app.ts');

describeServerExample('fastify', async ({ secret, accounts }) => {
  const app = createApp({ secret, accounts });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: address, close: () => app.close() };
});
