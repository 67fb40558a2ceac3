import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const configPath = fileURLToPath(new URL('../../examples/tsconfig.json', import.meta.url));

/** Type-checks examples/ with its tsconfig (public specifiers mapped to src/) and returns readable diagnostics. */
function typeCheckExamples(): { files: string[]; errors: string[] } {
  const { config, error } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(new URL('../../examples/', import.meta.url)));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  return { files: parsed.fileNames, errors };
}

describe('examples', () => {
  const { files, errors } = typeCheckExamples();

  it.each(['node-http', 'express', 'fastify', 'hono', 'nextjs', 'deno', 'bun', 'cloudflare-workers', 'aws-lambda'])(
    'should include the %s example in the type-check',
    (name) => {
      expect(files.some((file) => file.includes(`/examples/${name}/`))).toBe(true);
    },
  );

  it('should type-check every example under the strict compiler options', () => {
    expect(errors).toEqual([]);
  });
});
