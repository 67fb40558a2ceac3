// Writes examples/<guide>/ from docs/<guide>.md: every file the guide shows (```lang title="path"),
// exactly as shown, except dot files (.dev.vars holds a secret: the reader creates it, git does not
// keep it). test/docs/code-blocks.test.ts fails when an example and its guide differ; run this then.
//
//   node test/guides/sync-examples.mjs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleFilesOf } from './guide-blocks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
for (const doc of readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'))) {
  const files = exampleFilesOf(join(root, 'docs', doc));
  if (files.length === 0) continue;
  const folder = join(root, 'examples', basename(doc, '.md'));
  rmSync(folder, { recursive: true, force: true });
  for (const { path, code } of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), code);
  }
  console.log(`examples/${basename(doc, '.md')}: ${files.map((f) => f.path).join(', ')}`);
}
