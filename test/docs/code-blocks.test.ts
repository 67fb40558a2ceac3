/**
 * Keeps the documentation honest: every ```ts block in README.md and docs/ is type-checked, with the
 * public specifiers (`p100-webhooks`, `p100-webhooks/node`, ...) mapped to src/ and the repository's
 * strict options (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess). A block that shows a
 * file of a guide's project (```ts title="server.ts"; test/guides/run-guides.mjs follows them) is
 * checked as that file beside the guide's other files, and examples/<guide>/ must hold exactly those
 * files. A block that is deliberately partial says so in its info string (```ts nocheck) and those
 * stay few. Shell blocks may only name npm scripts that package.json defines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LISTEN_HELP, SEND_HELP } from '../../src/cli/help-text.ts';
import { root, snippetFileName, typeCheckSnippets } from './support/type-check-snippets.ts';

interface CodeBlock {
  /** `README.md:42` (the line of the opening fence). */
  readonly where: string;
  readonly lang: string;
  readonly flags: readonly string[];
  /** The file a guide's block shows (`title="server.ts"`), or a terminal (`title="terminal 1"`). */
  readonly title: string | undefined;
  readonly code: string;
  /** Virtual file the block is type-checked as. */
  readonly fileName: string;
}

function markdownFiles(): string[] {
  const docs = join(root, 'docs');
  const files = [join(root, 'README.md')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && path !== join(docs, 'api')) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(docs);
  return files;
}

/** Fenced blocks of one Markdown file (``` or ~~~, info string = language + flags). */
function extractBlocks(path: string): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  const name = relative(root, path);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '```', lang = '', rest = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').trimStart().startsWith(fence)) body.push((lines[j] ?? '').slice(indent.length)), j++;
    const title = /\btitle="([^"]+)"/.exec(rest)?.[1];
    blocks.push({
      where: `${name}:${i + 1}`,
      lang: lang.toLowerCase(),
      flags: rest.split(/\s+/).filter(Boolean),
      title,
      code: body.join('\n'),
      // A guide's files sit side by side, so their relative imports resolve.
      fileName: title === undefined ? snippetFileName(`${name}:${i + 1}`) : join(root, '.docs-blocks', name.replace(/[/.]/g, '_'), title),
    });
    i = j;
  }
  return blocks;
}

const blocks = markdownFiles().flatMap(extractBlocks);
const TS_LANGS = new Set(['ts', 'typescript', 'mts', 'tsx']);
const tsBlocks = blocks.filter((b) => TS_LANGS.has(b.lang) && !b.flags.includes('nocheck'));
const skipped = blocks.filter((b) => TS_LANGS.has(b.lang) && b.flags.includes('nocheck'));

/** The files each guide shows, but dot files (a `.dev.vars` holds a secret; git does not keep it). */
const isShownFile = (b: CodeBlock): boolean => b.title !== undefined && !/^terminal( \d)?$/.test(b.title);
const guides = markdownFiles()
  .map((f) => relative(root, f))
  .filter((f) => f.startsWith('docs/'))
  .map((doc) => ({
    doc,
    example: join(root, 'examples', doc.slice('docs/'.length, -'.md'.length)),
    files: blocks.filter((b) => b.where.startsWith(`${doc}:`) && isShownFile(b) && !b.title?.split('/').some((p) => p.startsWith('.'))),
  }))
  .filter((g) => g.files.length > 0);
/** What an example folder holds besides generated output. */
function sourcesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '.next', '.wrangler'].includes(entry.name)) return [];
    const path = `${prefix}${entry.name}`;
    return entry.isDirectory() ? sourcesOf(join(dir, entry.name), `${path}/`) : [path];
  });
}

const diagnostics = typeCheckSnippets(tsBlocks);
const scriptsOf = (json: string): string[] => Object.keys((JSON.parse(json) as { scripts?: object }).scripts ?? {});
const repoScripts = scriptsOf(readFileSync(join(root, 'package.json'), 'utf8'));
/** The npm scripts a shell block can run: its guide's own package.json for a terminal of the guide's project, else this repo's. */
function scriptsFor(block: CodeBlock): string[] {
  const doc = block.where.split(':')[0];
  const project = blocks.find((b) => b.where.startsWith(`${doc}:`) && b.title === 'package.json');
  return block.title !== undefined && project ? scriptsOf(project.code) : repoScripts;
}

describe('documentation code blocks', () => {
  it('should find TypeScript blocks in the README and every guide', () => {
    const files = new Set(tsBlocks.map((b) => b.where.split(':')[0]));
    expect([...files].sort()).toEqual(
      markdownFiles()
        .map((f) => relative(root, f))
        .sort(),
    );
    expect(tsBlocks.length).toBeGreaterThanOrEqual(20);
  });

  it('should find the projects of the runtime guides', () => {
    expect(guides.map((g) => g.doc)).toEqual(expect.arrayContaining(['docs/node-http.md', 'docs/nextjs.md', 'docs/aws-lambda.md']));
  });

  describe.each(guides)('examples/ for $doc', ({ example, files }) => {
    it('should hold exactly the files the guide shows (node test/guides/sync-examples.mjs writes them)', () => {
      expect(existsSync(example) ? sourcesOf(example).sort() : []).toEqual(files.map((b) => b.title).sort());
    });

    it.each(files.map((b) => [b.title ?? '', b] as const))('should hold %s as the guide shows it', (title, block) => {
      expect(readFileSync(join(example, title), 'utf8')).toBe(`${block.code}\n`);
    });
  });

  it('should keep deliberately partial (nocheck) blocks few', () => {
    expect(skipped.length).toBeLessThanOrEqual(3);
  });

  it('should report no diagnostic outside the blocks', () => {
    expect(diagnostics.get('(global)') ?? []).toEqual([]);
  });

  it.each(tsBlocks.map((b) => [b.where, b] as const))('should type-check the block at %s', (_where, block) => {
    expect(diagnostics.get(block.fileName)).toEqual([]);
  });

  const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
  const npmRuns = blocks
    .filter((b) => SHELL.has(b.lang))
    .flatMap((b) => [...b.code.matchAll(/\bnpm (?:run ([\w:-]+)|(start|test)\b)/g)].map((m) => [b.where, m[1] ?? m[2] ?? '', b] as const));

  it.each(npmRuns)('should name an existing npm script at %s (npm run %s)', (_where, script, block) => {
    expect(scriptsFor(block)).toContain(script);
  });

  const cliCalls = blocks
    .filter((b) => SHELL.has(b.lang))
    .flatMap((b) => [...b.code.matchAll(/\bp100-webhooks (send|listen)\b([^\n]*)/g)].map((m) => [b.where, m[1] ?? '', m[2] ?? ''] as const));

  it('should find CLI invocations in the docs', () => {
    expect(new Set(cliCalls.map(([, command]) => command))).toEqual(new Set(['send', 'listen']));
  });

  it.each(cliCalls)('should only use documented flags at %s (p100-webhooks %s%s)', (_where, command, rest) => {
    const help = command === 'send' ? SEND_HELP : LISTEN_HELP;
    for (const flag of rest.match(/(?<=\s)--[\w-]+/g) ?? []) expect(help).toMatch(new RegExp(`^\\s+${flag}(?=[\\s,])`, 'm'));
  });

  it('should use a fenced-block language on every block', () => {
    expect(blocks.filter((b) => b.lang === '').map((b) => b.where)).toEqual([]);
  });
});
