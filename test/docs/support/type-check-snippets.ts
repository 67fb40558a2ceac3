/**
 * Type-checks code snippets (from Markdown or TSDoc) as modules of their own, in one program, with
 * the strict options of snippets.tsconfig.json (`p100-webhooks*` mapped to src/) and the shims of the
 * Deno, Bun and Workers APIs the guides use.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A snippet and the virtual file it is checked as (inside the repo, so node_modules resolve). */
export interface Snippet {
  readonly fileName: string;
  readonly code: string;
}

/** The virtual file name for a snippet found at `where` (`README.md:42`, `src/x.ts:10`). */
export function snippetFileName(where: string): string {
  return join(root, '.docs-blocks', `${where.replace(/[/:.]/g, '_')}.ts`);
}

/**
 * @returns Diagnostics per snippet file name (`[]` when clean); diagnostics outside every snippet
 *   are listed under `'(global)'`.
 */
export function typeCheckSnippets(snippets: readonly Snippet[]): Map<string, string[]> {
  const support = join(root, 'test', 'docs', 'support');
  const { config } = ts.readConfigFile(join(support, 'snippets.tsconfig.json'), (p) => ts.sys.readFile(p));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, support);
  const shims = readdirSync(join(support, 'shims')).map((f) => join(support, 'shims', f));
  // A snippet without import/export would be a script sharing one global scope with the others.
  const virtual = new Map(
    snippets.map((s) => [s.fileName, /^\s*(import|export)\s/m.test(s.code) ? s.code : `${s.code}\nexport {};\n`]),
  );
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = virtual.get(f);
    return text === undefined ? getSourceFile.call(host, f, lang, ...rest) : ts.createSourceFile(f, text, lang, true);
  };
  const program = ts.createProgram([...virtual.keys(), ...shims], options, host);
  const byFile = new Map<string, string[]>(snippets.map((s) => [s.fileName, []]));
  byFile.set('(global)', []);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '';
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
    const message = `line ${line} of the snippet: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    (byFile.get(file) ?? byFile.get('(global)'))?.push(byFile.has(file) ? message : `${file}: ${message}`);
  }
  return byFile;
}
