import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { NodeHttpExample } from './support/example-modules.ts';
import { importExample } from './support/import-example.ts';
import { describeServerExample } from './support/describe-server-example.ts';
import { listen } from './support/listen.ts';

const { createPoaServer } = await importExample<NodeHttpExample>('node-http/src/app.ts');

// The example logs every refusal with console.warn: captured here (and checked below), not printed
// into the test output.
const warnings: unknown[][] = [];
beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
});
afterAll(() => {
  vi.restoreAllMocks();
});

describeServerExample('node-http', ({ secret, accounts }) => listen(createPoaServer({ secret, accounts })));

it('should log one line per refused delivery, naming its code, and nothing for accepted ones', () => {
  expect(warnings).toEqual(
    ['UNAUTHORIZED', 'INVALID_PAYLOAD', 'PAYLOAD_TOO_LARGE', 'METHOD_NOT_ALLOWED'].map((code) => [`[p100] refused a delivery: ${code}`]),
  );
});
