import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../scripts/lint-core-imports.mjs', import.meta.url));
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'p100-lint-'));
const NO_DIST = join(temp, 'no-dist');

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function lint(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** A copy of src/ with one extra file planted in it. */
function plant(name: string, file: string, text: string): string {
  const dir = join(temp, name);
  cpSync(SRC, dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

describe('scripts/lint-core-imports.mjs', () => {
  it('should pass on the real sources (and the build, when there is one)', async () => {
    const result = await lint();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^lint: the core is free of Node built-ins/);
  });

  it('should pass on an unchanged copy of the sources', async () => {
    const result = await lint(plant('clean', 'core/clean.ts', 'export const clean = 1;\n'), NO_DIST);
    expect(result.code).toBe(0);
  });

  it.each([
    { description: 'a node: import in the core', file: 'core/planted.ts', text: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", problem: /core\/planted\.ts: imports node:fs/ },
    { description: 'a bare built-in in the core', file: 'core/planted.ts', text: "import { createHash } from 'crypto';\nexport const x = createHash;\n", problem: /imports crypto/ },
    { description: 'a type-only node: import', file: 'core/planted.ts', text: "import type { IncomingMessage } from 'node:http';\nexport type X = IncomingMessage;\n", problem: /imports node:http/ },
    { description: 'a dynamic node: import', file: 'core/planted.ts', text: "export const load = () => import('node:path');\n", problem: /imports node:path/ },
    { description: 'a built-in in the fetch adapter', file: 'fetch/planted.ts', text: "export { Buffer } from 'node:buffer';\n", problem: /fetch\/planted\.ts: imports node:buffer/ },
    { description: 'process in the core', file: 'core/planted.ts', text: 'export const env = process.env.SECRET;\n', problem: /uses process/ },
    { description: 'Buffer in the core', file: 'core/planted.ts', text: "export const b = Buffer.from('x');\n", problem: /uses Buffer/ },
    { description: 'globalThis in the core', file: 'core/planted.ts', text: 'export const g = globalThis.fetch;\n', problem: /uses globalThis/ },
  ])('should fail on $description planted in a copy of src/', async ({ file, text, problem }) => {
    const result = await lint(plant(file.replace(/\W/g, '-') + Math.random().toString(36).slice(2), file, text), NO_DIST);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(problem);
  });

  it('should allow node: imports on the Node side', async () => {
    const result = await lint(plant('node-side', 'node/planted.ts', "import { createServer } from 'node:http';\nexport const s = createServer;\n"), NO_DIST);
    expect(result.code).toBe(0);
  });

  it('should fail when the built core entry loads a chunk that imports a built-in', async () => {
    const dist = join(temp, 'dist-planted');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.js'), "export * from './chunk-a.js';\n");
    writeFileSync(join(dist, 'chunk-a.js'), "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    const result = await lint(SRC, dist);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/dist\/chunk-a\.js \(loaded by dist\/index\.js\): imports node:fs/);
  });
});

describe('tsconfig.core.json (the core against ECMAScript and the allowed globals only)', () => {
  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

  function tscCore(root: string): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [TSC, '--noEmit', '-p', join(root, 'tsconfig.core.json')], (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : 1, output: stdout + stderr });
      });
    });
  }

  it('should type-check the real core', async () => {
    const result = await tscCore(ROOT);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('should refuse a core that reaches for process, Buffer, fetch or AbortController', async () => {
    const dir = join(temp, 'globals');
    mkdirSync(join(dir, 'scripts'), { recursive: true });
    cpSync(SRC, join(dir, 'src'), { recursive: true });
    cpSync(join(ROOT, 'scripts', 'core-globals.d.ts'), join(dir, 'scripts', 'core-globals.d.ts'));
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    cpSync(join(ROOT, 'tsconfig.core.json'), join(dir, 'tsconfig.core.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    expect((await tscCore(dir)).code).toBe(0);
    writeFileSync(
      join(dir, 'src', 'core', 'planted.ts'),
      'export const planted = () => [process.env, Buffer.from(""), fetch, new AbortController()];\n',
    );
    const result = await tscCore(dir);
    expect(result.code).toBe(1);
    const errors = result.output.split('\n').filter((line) => line.includes('error TS'));
    expect(errors).toHaveLength(4);
    for (const name of ['process', 'Buffer', 'fetch', 'AbortController']) expect(result.output).toContain(`'${name}'`);
  }, 90_000); // two full compiles: slow on a loaded 2-core machine, and no timing is asserted
});
