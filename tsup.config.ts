import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/, 'valibot'],
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
