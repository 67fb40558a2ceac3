/**
 * The documentation's example tests are run, not only type-checked: every ```ts block in README.md
 * and docs/ that imports from `vitest` is bundled with esbuild (its `p100-webhooks/*` imports resolved
 * to src/, `vitest` and other packages left external) and imported inside a `describe`, so its
 * `it(...)` calls register and run here as real tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { resolvePublicSpecifiers } from './support/resolve-public-specifiers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(): string[] {
  const files = [join(root, 'README.md')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && path !== join(root, 'docs', 'api')) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(join(root, 'docs'));
  return files;
}

/** ```ts blocks (not nocheck, not file=) that import vitest, with where they start. */
function testBlocks(): { where: string; code: string }[] {
  const found: { where: string; code: string }[] = [];
  for (const file of markdownFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^```ts([^\n]*)\n([\s\S]*?)^```$/gm)) {
      const [, info = '', code = ''] = match;
      if (/\b(nocheck|file=)/.test(info) || !/from 'vitest'/.test(code)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      found.push({ where: `${relative(root, file)}:${line}`, code });
    }
  }
  return found;
}

const blocks = testBlocks();

it('should find the example tests of the README and docs/testing.md', () => {
  const files = new Set(blocks.map((b) => b.where.split(':')[0]));
  expect([...files].sort()).toEqual(['README.md', 'docs/testing.md']);
});

for (const [index, block] of blocks.entries()) {
  describe(`the example test at ${block.where}`, async () => {
    const outfile = join(root, '.tmp', 'docs-blocks', `block-${process.pid}-${index}.mjs`);
    await build({
      stdin: { contents: block.code, loader: 'ts', resolveDir: root, sourcefile: block.where },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile,
      plugins: [resolvePublicSpecifiers],
      logLevel: 'silent',
    });
    try {
      await import(/* @vite-ignore */ pathToFileURL(outfile).href);
    } finally {
      await rm(outfile, { force: true });
    }
  });
}
