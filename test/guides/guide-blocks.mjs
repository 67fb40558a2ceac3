// The fenced blocks of a guide, read the way test/guides/run-guides.mjs follows them. The convention
// (the info string after the language):
//
//   ```ts title="server.ts"       a file to create, exactly as shown (any language; the title is its path)
//   ```sh title="terminal"        commands to run to completion, in order (each must succeed)
//   ```sh title="terminal 1"      a server to start and leave running (a first terminal)
//   ```text title="terminal 1"    lines that terminal prints; wait until each has appeared
//   ```sh title="terminal 2"      commands to run in a second terminal once the server is up
//   ```text title="terminal 2"    lines the commands just run must have printed ("…" matches anything)
//
// A block without a title is an illustration: not run (TypeScript ones are still type-checked by
// test/docs/code-blocks.test.ts).
import { readFileSync } from 'node:fs';

/** @typedef {{ line: number, lang: string, title: string | undefined, code: string }} Block */

const TERMINAL = /^terminal(?: \d)?$/;

/**
 * @param {string} path - a Markdown file.
 * @returns {Block[]} its fenced blocks in document order (`line` is the opening fence's, 1-based).
 */
export function readBlocks(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, fence, lang, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(fence)) body.push(lines[j++]);
    blocks.push({ line: i + 1, lang: lang.toLowerCase(), title: /\btitle="([^"]+)"/.exec(info)?.[1], code: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

/** @returns {boolean} whether the block is a file to create (a title that is not a terminal). */
export const isFile = (block) => block.title !== undefined && !TERMINAL.test(block.title);

/**
 * The files of examples/<guide>/ for a guide: each file block, except dot files (a `.dev.vars`
 * holds a secret the reader creates; git does not keep it).
 *
 * @returns {{ path: string, code: string }[]}
 */
export function exampleFilesOf(path) {
  return readBlocks(path)
    .filter((b) => isFile(b) && !b.title.split('/').some((part) => part.startsWith('.')))
    .map((b) => ({ path: b.title, code: b.code }));
}
