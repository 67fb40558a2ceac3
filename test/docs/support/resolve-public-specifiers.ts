/**
 * An esbuild plugin that bundles documentation code the way a partner's bundler would, against this
 * repository's sources: `p100-webhooks[/entry]` resolves to src/<entry>.ts, every other bare import
 * stays external (node_modules). So `npm test` runs the docs' example tests on a fresh clone, without
 * a build (the guides stage runs them against the packed package).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PUBLIC_SPECIFIER = /^p100-webhooks(?:\/(node|fetch|lambda|testing))?$/;

export const resolvePublicSpecifiers: Plugin = {
  name: 'p100-webhooks-to-src',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      const match = PUBLIC_SPECIFIER.exec(args.path);
      if (match) return { path: join(root, 'src', `${match[1] ?? 'index'}.ts`) };
      if (args.path.startsWith('p100-webhooks')) return { errors: [{ text: `not a public entry point: ${args.path}` }] };
      return { path: args.path, external: true };
    });
  },
};
