import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The Fetch entry bundled for a neutral platform: any `node:*` import would fail the build. */
async function bundle(entry: string | { contents: string }): Promise<string> {
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [new URL(entry, import.meta.url).pathname] } : { stdin: entry }),
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    minify: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('p100-webhooks/fetch', () => {
  it('should bundle for a neutral platform and use only web-standard globals', async () => {
    const code = await bundle('../../src/fetch.ts');
    expect(code).toContain('createFetchHandler');
    expect(code).not.toMatch(/\bnode:/);
    expect(code).not.toMatch(/\brequire\(/);
    for (const global of ['Buffer', 'process', 'global', 'setImmediate', '__dirname']) {
      expect(code, global).not.toMatch(new RegExp(`\\b${global}\\b`));
    }
  });

  it('should fail for a module that imports node:* (the check can fail)', async () => {
    const contents = "import { Buffer } from 'node:buffer'; export const bytes = Buffer.from('x');";
    await expect(bundle({ contents })).rejects.toThrow(/node:buffer/);
  });
});
