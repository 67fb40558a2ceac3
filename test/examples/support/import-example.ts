/**
 * Loads an example the way a partner's bundler would: esbuild bundles it with its public specifiers
 * (`p100-webhooks`, `p100-webhooks/node`, …) resolved to this repo's src/ entries and every other
 * package left to node_modules. So `npm test` checks the examples as written, on a fresh clone,
 * without a build (the conformance matrix checks the built package itself).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PUBLIC_SPECIFIER = /^p100-webhooks(?:\/(node|fetch|lambda|testing))?$/;

/** esbuild plugin: `p100-webhooks[/entry]` to src/<entry>.ts, every other bare import external. */
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

let sequence = 0;

/**
 * Bundles `examples/<file>` and imports it.
 *
 * @param file - Path below examples/, such as `express/src/app.ts`.
 * @returns The example module's exports.
 */
export async function importExample<T>(file: string): Promise<T> {
  sequence += 1;
  // Inside the repo (git-ignored .tmp/), so the bundle's bare imports resolve from the root node_modules.
  const outfile = join(root, '.tmp', 'examples', `${file.replaceAll('/', '_')}-${process.pid}-${sequence}.mjs`);
  await build({
    entryPoints: [join(root, 'examples', file)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    plugins: [resolvePublicSpecifiers],
    logLevel: 'silent',
  });
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as T;
  } finally {
    await rm(outfile, { force: true });
  }
}
