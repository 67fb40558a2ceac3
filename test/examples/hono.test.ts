import type { HonoExample } from './support/example-modules.ts';
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import { importExample } from './support/import-example.ts';
import { describeServerExample } from './support/describe-server-example.ts';
import { listen } from './support/listen.ts';

const { createApp } = await importExample<HonoExample>('hono/src/app.ts');

// The same app on @hono/node-server, as examples/hono/src/server.ts serves it.
describeServerExample('hono', ({ secret, accounts }) =>
  listen(createAdaptorServer({ fetch: createApp({ secret, accounts }).fetch }) as Server),
);
