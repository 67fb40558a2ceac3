/**
 * The `@example` blocks in the TSDoc of src/ are what the API site (`npm run docs`) shows: each one
 * is type-checked here like the README's blocks, as a module of its own importing the public
 * subpaths, under the strict options. `@internal` declarations are skipped (not on the site).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, type Snippet, snippetFileName, typeCheckSnippets } from './support/type-check-snippets.ts';

interface Example extends Snippet {
  readonly where: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** ```ts fences inside `/** … *\/` comments that are not @internal, with ` * ` prefixes removed. */
function examplesOf(path: string): Example[] {
  const text = readFileSync(path, 'utf8');
  const found: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    if (comment[0].includes('@internal')) continue;
    const lines = comment[0].split('\n').map((line) => line.replace(/^\s*\*( |$)/, ''));
    const firstLine = text.slice(0, comment.index).split('\n').length;
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? '').startsWith('```')) body.push(lines[j] ?? ''), j++;
      const where = `${relative(root, path)}:${firstLine + i}`;
      found.push({ where, code: body.join('\n'), fileName: snippetFileName(where) });
      i = j;
    }
  }
  return found;
}

const examples = sourceFiles(join(root, 'src')).flatMap(examplesOf);
const diagnostics = typeCheckSnippets(examples);

describe('TSDoc @example blocks', () => {
  it('should find an example in every entry point', () => {
    const entries = new Set(examples.map((e) => e.where.split(':')[0]));
    for (const entry of ['src/index.ts', 'src/node.ts', 'src/fetch.ts', 'src/lambda.ts', 'src/testing.ts']) expect(entries).toContain(entry);
  });

  it('should report no diagnostic outside the examples', () => {
    expect(diagnostics.get('(global)')).toEqual([]);
  });

  it.each(examples.map((e) => [e.where, e] as const))('should type-check the example at %s', (_where, example) => {
    expect(diagnostics.get(example.fileName)).toEqual([]);
  });
});
