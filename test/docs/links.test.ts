/**
 * Every relative link in README.md and docs/ points at a file that exists (TypeDoc, which renders the
 * README as the API site's landing page, only copies files, and warns on anything else), and every
 * `#anchor` into a Markdown file names one of its headings.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './support/type-check-snippets.ts';

function markdownFiles(): string[] {
  const files = [join(root, 'README.md')];
  for (const entry of readdirSync(join(root, 'docs'), { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) files.push(join(root, 'docs', entry.name));
  }
  return files;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set(
    [...withoutCode.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

const links = markdownFiles().flatMap((file) => {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => ({ from: relative(root, file), target, file }));
});

describe('documentation links', () => {
  it('should find relative links to check', () => {
    expect(links.length).toBeGreaterThan(30);
  });

  it.each(links)('should resolve $target from $from', ({ target, file }) => {
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? file : join(dirname(file), path);
    expect(existsSync(resolved), `${resolved} does not exist`).toBe(true);
    expect(statSync(resolved).isFile(), `${resolved} is a directory; link to a file`).toBe(true);
    if (anchor !== undefined && resolved.endsWith('.md')) {
      expect([...anchorsOf(readFileSync(resolved, 'utf8'))]).toContain(anchor);
    }
  });
});
