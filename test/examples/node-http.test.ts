import type { NodeHttpExample } from './support/example-modules.ts';
import { importExample } from './support/import-example.ts';
import { describeServerExample } from './support/describe-server-example.ts';
import { listen } from './support/listen.ts';

const { createPoaServer } = await importExample<NodeHttpExample>('node-http/src/app.ts');

describeServerExample('node-http', ({ secret, accounts }) => listen(createPoaServer({ secret, accounts })));
