import type { ExpressExample } from './support/example-modules.ts';
import { createServer } from 'node:http';
import { importExample } from './support/import-example.ts';
import { describeServerExample } from './support/describe-server-example.ts';
import { listen } from './support/listen.ts';

const { createApp } = await importExample<ExpressExample>('express/src/app.ts');

describeServerExample('express', ({ secret, accounts }) => listen(createServer(createApp({ secret, accounts }))));
