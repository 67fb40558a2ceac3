import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
  // valibot is bundled (tree-shaken: only the few functions the schema uses), not imported: loading
  // valibot's whole 200 KB module made importing the core entry cost +7.5 ms of cold start instead of
  // +2.2 ms (bench/cold-start.bench.mjs). It stays a dependency because the .d.ts files import its types.
  noExternal: ['valibot'],
  // Keep `node:buffer` as written: tsup would otherwise rewrite it to `buffer`, which bundlers resolve
  // to the npm polyfill and Deno only resolves inside package.json projects.
  removeNodeProtocol: false,
  treeshake: true,
};

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      node: 'src/node.ts',
      fetch: 'src/fetch.ts',
      lambda: 'src/lambda.ts',
      testing: 'src/testing.ts',
      ledger: 'src/ledger.ts',
      'ledger/dynamodb': 'src/ledger-dynamodb.ts',
      'ledger/sqlite': 'src/ledger-sqlite.ts',
      'ledger/redis': 'src/ledger-redis.ts',
      'ledger/postgres': 'src/ledger-postgres.ts',
      inbox: 'src/inbox.ts',
      'inbox/pg-boss': 'src/inbox-pg-boss.ts',
      'inbox/bullmq': 'src/inbox-bullmq.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // Entries share one copy of the core (one PoaWebhookError class) through common chunks.
    splitting: true,
    clean: true,
  },
  {
    ...shared,
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    platform: 'node',
  },
]);
